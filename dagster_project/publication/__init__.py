"""Publication: the analysts' database and the Corporate Parenting Panel report.

Everything here runs only after every blocking check has passed, and writes into the
publication folder by building aside and renaming into place, so a failed run leaves the
previous publication exactly as it was.
"""
