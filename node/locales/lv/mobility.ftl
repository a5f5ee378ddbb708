# The dashboard's mobility pages (lv).
