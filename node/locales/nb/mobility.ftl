# The dashboard's mobility pages (nb).
