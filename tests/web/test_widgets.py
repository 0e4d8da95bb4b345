from django import forms
from django.test import SimpleTestCase

from web.widgets import LongSelect

CHOICES = [
    ("", "—"),
    ("CN", "China"),
    ("Other <countries> & regions", [("FR", 'France "la belle"'), ("VN", "Việt Nam")]),
]


def test_a_long_select_renders_the_markup_of_djangos_select():
    def form(widget):
        class Form(forms.Form):
            country = forms.ChoiceField(choices=CHOICES, widget=widget, required=True)

        bound = Form({"country": "VN"})
        bound.is_valid()
        return str(bound["country"])

    fast, django = form(LongSelect), form(forms.Select)

    SimpleTestCase().assertHTMLEqual(fast, django)
    assert "Other &lt;countries&gt; &amp; regions" in fast
    assert 'value="VN" selected' in fast
