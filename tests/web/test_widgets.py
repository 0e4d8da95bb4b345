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


def _rendered(widget, choices, value, *, required: bool) -> str:
    class Form(forms.Form):
        country = forms.ChoiceField(choices=choices, widget=widget, required=required)

    return str(Form({"country": value})["country"])


def test_a_long_select_matches_djangos_for_every_value_selected_or_none():
    values = ["", "CN", "FR", "VN", "XX", 'a"b<c>']
    choices = [*CHOICES, ('a"b<c>', "Odd & <value>")]
    for required in (True, False):
        for value in values:
            fast = _rendered(LongSelect, choices, value, required=required)
            django = _rendered(forms.Select, choices, value, required=required)
            SimpleTestCase().assertHTMLEqual(fast, django)


def test_a_selection_is_never_carried_to_the_next_rendering():
    first = _rendered(LongSelect, CHOICES, "FR", required=False)
    second = _rendered(LongSelect, CHOICES, "VN", required=False)

    assert 'value="FR" selected' in first and 'value="VN" selected' not in first
    assert 'value="VN" selected' in second and 'value="FR" selected' not in second
    assert _rendered(LongSelect, CHOICES, "FR", required=False) == first


def test_an_optional_long_select_reads_its_choices_once_a_rendering():
    # A form's country list is made by a function of the site and language
    # (~250 countries named): Django's Select made it twice, once only to
    # ask whether the first option is empty, for the "required" attribute
    # an optional field never has.
    made = []

    def countries():
        made.append(1)
        return CHOICES

    class Form(forms.Form):
        country = forms.ChoiceField(choices=countries, widget=LongSelect, required=False)

    page = str(Form(initial={"country": "VN"})["country"])  # a page's empty form

    assert len(made) == 1
    assert 'value="VN" selected' in page


def test_a_label_already_safe_is_written_as_it_is_and_a_plain_one_escaped():
    from django.utils.safestring import mark_safe

    choices = [("a", mark_safe("A &amp; B")), ("b", "A &amp; B")]
    fast = _rendered(LongSelect, choices, "", required=False)

    SimpleTestCase().assertHTMLEqual(fast, _rendered(forms.Select, choices, "", required=False))
    assert '"a">A &amp; B<' in fast and '"b">A &amp;amp; B<' in fast
