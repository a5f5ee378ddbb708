# The dashboard's credentials pages (da).

nav-achievements = Præstationer
nav-credentials = Beviser
nav-verify = Kontrollér
