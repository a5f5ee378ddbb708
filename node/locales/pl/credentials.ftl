# The dashboard's credentials pages (pl).

nav-achievements = Osiągnięcia
nav-credentials = Poświadczenia
nav-verify = Weryfikuj
