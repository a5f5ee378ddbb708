# The dashboard's mobility pages (fi).
