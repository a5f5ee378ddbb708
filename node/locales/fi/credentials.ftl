# The dashboard's credentials pages (fi).

nav-achievements = Osaamiset
nav-credentials = Todistukset
nav-verify = Tarkista
