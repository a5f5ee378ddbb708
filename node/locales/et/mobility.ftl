# The dashboard's mobility pages (et).
