# The dashboard's credentials pages (en).

nav-achievements = Achievements
nav-credentials = Credentials
nav-verify = Verify
