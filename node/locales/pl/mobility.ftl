# The dashboard's mobility pages (pl).
