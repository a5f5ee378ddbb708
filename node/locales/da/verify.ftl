# The dashboard's certificate and verify pages (da).
