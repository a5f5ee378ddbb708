# The dashboard's mobility pages (en).
