# The dashboard's credentials pages (lv).

nav-achievements = Sasniegumi
nav-credentials = Apliecinājumi
nav-verify = Pārbaudīt
