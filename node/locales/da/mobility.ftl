# The dashboard's mobility pages (da).
