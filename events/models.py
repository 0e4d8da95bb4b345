# Events and the forum calendar arrive with their own issue; the app is
# installed now so every site schema already has its migration history.
