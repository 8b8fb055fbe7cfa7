"""The SSDA903 return files: names and columns in order (spec/inputs.md §2).

One definition for everything that writes or reads 903 files as files: the export
(`cla export-903`), the synthetic generator and the agreement run with the public
validator. The landing contract (landing/contracts.yaml) says which columns are required.
"""

FILES: dict[str, tuple[str, ...]] = {
    "header": (
        "CHILD",
        "SEX",
        "DOB",
        "ETHNIC",
        "UPN",
        "MOTHER",
        "MC_DOB",
    ),
    "episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "uasc": (
        "CHILD",
        "SEX",
        "DOB",
        "DUC",
    ),
    "oc2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "oc3": (
        "CHILD",
        "DOB",
        "IN_TOUCH",
        "ACTIV",
        "ACCOM",
    ),
    "ad1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "placed_for_adoption": (
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ),
    "previous_permanence": (
        "CHILD",
        "DOB",
        "PREV_PERM",
        "LA_PERM",
        "DATE_PERM",
    ),
    "missing": (
        "CHILD",
        "DOB",
        "MISSING",
        "MIS_START",
        "MIS_END",
    ),
    "reviews": (
        "CHILD",
        "DOB",
        "REVIEW",
        "REVIEW_CODE",
    ),
    "sw_episodes": (
        "CHILD",
        "DOB",
        "SW_ID",
        "SW_DECOM",
        "SW_DEC",
        "SW_REASON",
    ),
}

# Every file a return may carry: FILES (which the export and the generator write) and the
# deprivation of liberty file, new in 2026-27 (DfE's rules 700 to 710 read it).
RETURN_FILES: dict[str, tuple[str, ...]] = {
    **FILES,
    "dolo": (
        "CHILD",
        "DOB",
        "DOLO_START",
        "DOLO_END",
    ),
}

# Columns holding dates (written dd/mm/yyyy).
DATE_COLUMNS = frozenset(
    {
        "DATE_INT",
        "DATE_MATCH",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "DEC",
        "DECOM",
        "DOB",
        "DOLO_END",
        "DOLO_START",
        "DUC",
        "MC_DOB",
        "MIS_END",
        "MIS_START",
        "REVIEW",
        "SW_DEC",
        "SW_DECOM",
    }
)

# The OC2 file's yes/no items (0 or 1), in file order: the rules about them read this list.
OC2_ITEMS = FILES["oc2"][4:]
# The AD1 file's adoption items (all given or all blank, DfE rule 151), in file order.
AD1_ITEMS = FILES["ad1"][2:]
