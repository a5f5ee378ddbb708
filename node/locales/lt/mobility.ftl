# The dashboard's mobility pages (lt).
