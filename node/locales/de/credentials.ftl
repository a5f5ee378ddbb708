# The dashboard's credentials pages (de).

nav-achievements = Leistungen
nav-credentials = Nachweise
nav-verify = Prüfen
