# The dashboard's mobility pages (de).
