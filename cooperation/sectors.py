"""Economic sectors: the sections of ISIC Rev. 4 that trade listings use
(public administration, households and extraterritorial bodies left out)."""

from django.utils.translation import pgettext_lazy

SECTORS = [
    ("A", pgettext_lazy("sector", "Agriculture, forestry and fishing")),
    ("B", pgettext_lazy("sector", "Mining and quarrying")),
    ("C", pgettext_lazy("sector", "Manufacturing")),
    ("D", pgettext_lazy("sector", "Electricity and gas")),
    ("E", pgettext_lazy("sector", "Water supply and waste management")),
    ("F", pgettext_lazy("sector", "Construction")),
    ("G", pgettext_lazy("sector", "Wholesale and retail trade")),
    ("H", pgettext_lazy("sector", "Transport and storage")),
    ("I", pgettext_lazy("sector", "Accommodation and food services")),
    ("J", pgettext_lazy("sector", "Information and communication")),
    ("K", pgettext_lazy("sector", "Finance and insurance")),
    ("L", pgettext_lazy("sector", "Real estate")),
    ("M", pgettext_lazy("sector", "Professional, scientific and technical services")),
    ("N", pgettext_lazy("sector", "Administrative and support services")),
    ("P", pgettext_lazy("sector", "Education")),
    ("Q", pgettext_lazy("sector", "Health and social work")),
    ("R", pgettext_lazy("sector", "Arts, entertainment and recreation")),
    ("S", pgettext_lazy("sector", "Other services")),
]
SECTOR_CODES = [code for code, _label in SECTORS]
