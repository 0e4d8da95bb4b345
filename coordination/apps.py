from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Layer 6: the hub's calendar of every site's events (public schema).

    Content apps feed it through ``coordination.index`` and say how to list
    their entries again through ``coordination.sources``; it imports none of them.
    """

    name = "coordination"
    verbose_name = _("Coordination calendar")
