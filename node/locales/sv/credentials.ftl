# The dashboard's credentials pages (sv).

nav-achievements = Prestationer
nav-credentials = Intyg
nav-verify = Kontrollera
