# The dashboard's credentials pages (nb).

nav-achievements = Prestasjoner
nav-credentials = Kompetansebevis
nav-verify = Kontroller
