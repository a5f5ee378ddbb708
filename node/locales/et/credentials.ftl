# The dashboard's credentials pages (et).

nav-achievements = Saavutused
nav-credentials = Tõendid
nav-verify = Kontrolli
