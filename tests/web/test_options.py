"""``{% options %}`` (web/templatetags/options.py) renders what the template
loop it replaces renders, byte for byte."""

from django.template import engines
from django.utils import translation
from django.utils.translation import gettext_lazy

LOOP = (
    "{% for value, label in choices %}"
    '<option value="{{ value }}"{% if value == selected %} selected{% endif %}>{{ label }}</option>'
    "{% endfor %}"
)


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load options %}" + source).render(context)


def test_options_are_the_loops_options_escaped_alike():
    choices = [
        ("A", gettext_lazy("Name")),
        ('"<x>&', "Fish & chips <b>"),
        (1500, 2500.5),
        ("", "—"),
    ]
    with translation.override("de"):  # numbers localised as the loop does
        for selected in ("A", '"<x>&', 1500, "", "none"):
            loop = render(LOOP, choices=choices, selected=selected)
            assert (
                render("{% options choices selected %}", choices=choices, selected=selected) == loop
            )
    assert 'value="&quot;&lt;x&gt;&amp;">Fish &amp; chips &lt;b&gt;</option>' in loop


def test_options_are_not_escaped_where_the_loop_would_not_be():
    choices = [("<a>", gettext_lazy("Name")), ("b", "<b>")]
    off = "{% autoescape off %}{}{% endautoescape %}"
    tag = "{% options choices selected %}"
    for selected in ("<a>", "b"):
        expected = render(off.replace("{}", LOOP), choices=choices, selected=selected)
        assert render(off.replace("{}", tag), choices=choices, selected=selected) == expected
