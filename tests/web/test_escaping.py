"""web.escaping: the text Django's conditional_escape gives, for every kind
of value a tag hands it."""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from web.escaping import escaped


def test_escaped_is_conditional_escape():
    values = ["A \"<&>' b", "", "Cà phê", mark_safe("<b>x</b>"), gettext_lazy("Language"), 3, None]
    values += [mark_safe(gettext_lazy("Language")), 2.5, b"<x>"]
    for value in values:
        assert escaped(value) == conditional_escape(value)
