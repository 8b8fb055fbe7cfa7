"""DfE rule 1001. A care leaver is a relevant or former relevant child: looked after for at
least 13 weeks (91 days) since their 14th birthday, some of it after their 16th, and not
adopted (last episode ending E11 or E12). Measured on this year's and last year's episodes
(both needed), as DfE's validator does: an episode in both returns counts once (the ended
copy), a child's last episode still open runs to 31 March, short-break episodes (V3, V4)
do not count, and children 20 or over at the year end (whose qualifying care may predate
last year) or with no date of birth have nothing measured, so they are queried too.
"""

from dagster_project.quality.rule import WARNING, Rule

RULE = Rule(
    code="1001",
    message=(
        "The episodes recorded for this young person suggest they are not a relevant or a "
        "former relevant child and therefore should not have care leaver information "
        "completed. [NOTE: This tool can only test the current and previous year data loaded "
        "into the tool - this check may generate false positives if a child had episodes "
        "prior to last year's collection.]"
    ),
    table="oc3",
    fields=("IN_TOUCH", "ACTIV", "ACCOM"),
    severity=WARNING,
    sql="""
        with two_years as (
            select CHILD, DECOM, DEC, LS, REC from {episodes}
            union all
            select CHILD, DECOM, DEC, LS, REC from {episodes_last}
        ), episodes as (
            select * from two_years
            qualify row_number() over (partition by CHILD, DECOM order by DEC nulls last) = 1
        ), ends as (
            select *,
                case when DEC is null and DECOM is not null and row_number() over (
                    partition by CHILD order by DECOM desc nulls last) = 1
                then {collection_end} else DEC end as ENDS,
                row_number() over (partition by CHILD order by DECOM desc nulls last) = 1
                    and DECOM is not null as IS_LAST
            from episodes
        ), births as (
            select CHILD, dq_plus_years(DOB, 14) as DOB14, dq_plus_years(DOB, 16) as DOB16
            from {header}
            where DOB is not null and dq_plus_years(DOB, 20) > {collection_end}
        ), care as (
            select e.CHILD,
                greatest(date_diff('day', greatest(e.DECOM, b.DOB14), e.ENDS), 0) as AFTER14,
                greatest(date_diff('day', greatest(e.DECOM, b.DOB16), e.ENDS), 0) as AFTER16
            from ends e join births b using (CHILD)
            where coalesce(upper(e.LS) not in ('V3', 'V4'), true)
        ), totals as (
            select CHILD, coalesce(sum(AFTER14), 0) >= 91 and coalesce(sum(AFTER16), 0) >= 1
                as RELEVANT
            from care group by CHILD
        )
        select o.CHILD, o.IN_TOUCH, o.ACTIV, o.ACCOM, o._source_file, o._row_number
        from {oc3} o left join totals t on t.CHILD = o.CHILD
        where (not coalesce(t.RELEVANT, false)
               or o.CHILD in (select CHILD from ends
                              where IS_LAST and upper(REC) in ('E11', 'E12')))
        -- DfE's validator checks nothing unless every table has rows and some episode counts
          and exists (select 1 from {episodes}) and exists (select 1 from {episodes_last})
        and exists (select 1 from {header}) and exists (select 1 from care)
    """,
)
