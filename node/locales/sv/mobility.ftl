# The dashboard's mobility pages (sv).
