"""DfE comparators: fetch the published release into the dfe landing folder.

Landing (`landing/`) and dbt (`models/*/dfe`, `*/comparators`) do the rest; this package
only talks to explore-education-statistics, and only when a run asks it to.
"""
