"""DfE rule 165. Mother status is 0 or 1, given for girls and young women looked after in
the year and left blank for boys; for a care leaver no longer looked after it is not
asked. Only children with an episode (not a short break) are checked, an open episode
running to 31 March. Male is SEX 1 until 2023-24 and M from 2024-25, female 2 and F: DfE's
guidance changed the codes, not the rule (the validator kept the 1/2 codes, so from 2024-25
it checks only the values given). A Mosaic extract carries no mother status
(spec/inputs.md): a return derived from one is not asked for it."""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="165",
    message="Data entry for mother status is invalid.",
    table="header",
    fields=("MOTHER", "SEX", "ACTIV", "ACCOM", "IN_TOUCH"),
    severity=WARNING,
    table_column=True,
    sql="""
        with looked_after as (
            select CHILD, bool_or(DECOM <= {collection_end}
                                  and coalesce(DEC, {collection_end}) >= {collection_start})
                as IN_YEAR
            from {episodes}
            where coalesce(upper(LS) not in ('V3', 'V4'), true)
            group by CHILD
        ), checked as (
            select e.CHILD, coalesce(e.IN_YEAR, false) as IN_YEAR, h.MOTHER, h.SEX,
                coalesce(h.source_system, '') = 'mosaic' as FROM_MOSAIC,
                h._source_file as h_file, h._row_number as h_row,
                o.ACTIV, o.ACCOM, o.IN_TOUCH, o._source_file as o_file, o._row_number as o_row
            from looked_after e
            left join {header} h on h.CHILD = e.CHILD
            left join {oc3} o on o.CHILD = e.CHILD
        ), wrong as (
            select * from checked
            where (MOTHER is not null and MOTHER not in ('0', '1'))
               or (MOTHER is not null and SEX in ('1', 'M'))
               or (MOTHER is null and SEX in ('2', 'F') and IN_YEAR and not FROM_MOSAIC)
               or (MOTHER is not null and SEX in ('2', 'F') and not IN_YEAR
                   and (ACTIV is not null or ACCOM is not null or IN_TOUCH is not null))
        )
        select distinct 'header' as _table, CHILD, MOTHER, SEX, ACTIV, ACCOM, IN_TOUCH,
            h_file as _source_file, h_row as _row_number
        from wrong where h_row is not null
        union
        select distinct 'oc3', CHILD, MOTHER, SEX, ACTIV, ACCOM, IN_TOUCH, o_file, o_row
        from wrong where o_row is not null
    """,
)
