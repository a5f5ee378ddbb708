# The dashboard's credentials pages (lt).

nav-achievements = Pasiekimai
nav-credentials = Pažymėjimai
nav-verify = Tikrinti
