"""Forms of the search layer: the search page's query and filters, and the
product field every form that asks for an HS code uses."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from search.query import Filters
from search.registry import kinds
from search.text import MAX_QUERY_LENGTH
from search.vocabulary import (
    choices,
    format_code,
    known_codes,
    lookup,
    parse_code,
    product_name,
)
from search.vocabulary import (
    label as product_label,
)
from tenants.models import Site

# Date filter: how far back, in days.
PERIODS = {"week": 7, "month": 31, "year": 366}
PERIOD_CHOICES = [
    ("", pgettext_lazy("date filter", "Any time")),
    ("week", pgettext_lazy("date filter", "Past week")),
    ("month", pgettext_lazy("date filter", "Past month")),
    ("year", pgettext_lazy("date filter", "Past year")),
]


def clean_text(value: str, limit: int) -> str:
    """A visitor's text, cut to ``limit``, without the NUL bytes and other
    control characters a database refuses or a page cannot show."""
    return "".join(c for c in value[: limit * 2] if c.isprintable() or c == " ")[:limit].strip()


class SearchForm(forms.Form):
    """The search page's query string. Unknown or malformed filters are
    dropped, not refused: a shared link with a stale filter still searches."""

    q = forms.CharField(label=_("Search this site"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    product = forms.ChoiceField(label=_("Product"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    date = forms.ChoiceField(label=_("Date"), required=False, choices=PERIOD_CHOICES)

    def __init__(self, data, *, site: Site, language: str, countries: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["type"].choices = [("", _("All types")), *kinds()]
        # The product groups are the template's (search/includes/product_select.html),
        # not the field's: Django's choices setter walks all ~350 of them
        # again on every search (73 % of building this form, 0.9 ms). Read
        # only when the select is rendered or a product is given: the select
        # is a kept fragment, and unpickling the vocabulary from the cache
        # cost ~5 ms of a search's ~25 ms of CPU (bench/http.py --profile).
        self.product_groups = SimpleLazyObject(lambda: choices(language, site))
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.valid = {
            "type": {value for value, _label in kinds()},
            "product": SimpleLazyObject(
                lambda: {code for _chapter, options in self.product_groups for code, _ in options}
            ),
            "country": {code for code, _name in countries},
            "date": set(PERIODS),
        }

    def _valid(self, name: str) -> str:
        value = self.data.get(name, "")
        # Nothing given is nothing valid, without reading the choices.
        return value if value and value in self.valid[name] else ""

    def query_and_filters(self) -> tuple[str, Filters]:
        """What to search for; invalid parts are left out."""
        query = clean_text(self.data.get("q", ""), MAX_QUERY_LENGTH)
        period = self._valid("date")
        since = timezone.now() - datetime.timedelta(days=PERIODS[period]) if period else None
        return query, Filters(
            kind=self._valid("type"),
            product=self._valid("product"),
            country=self._valid("country"),
            since=since,
        )

    def given_labels(self) -> dict[str, str]:
        """How each given filter reads ("Product: 0801 · …"), by parameter name."""
        labels = {}
        for name, value in self.given().items():
            if name == "product":
                options = {code: text for _g, group in self.product_groups for code, text in group}
            else:
                options = dict(self.fields[name].choices)
            labels[name] = f"{self.fields[name].label}: {options.get(value, value)}"
        return labels

    def given(self) -> "GivenFilters":
        """The valid filters given, by parameter name (for "remove this filter")."""
        return GivenFilters({name: value for name in self.valid if (value := self._valid(name))})


class GivenFilters(dict):
    """Filters given, by parameter name; one not given reads as "": the
    search page keys its kept filters on each (a name missing from a dict
    costs a template lookup a ``dir()`` of it, tests/web/test_missing_lookups.py)."""

    def __missing__(self, name: str) -> str:
        return ""


class ProductInput(forms.TextInput):
    """A text box for a product, enhanced by ``search/product-picker.js`` into
    a list that fills as one types. Without JavaScript the form comes back
    with the matching products as radio buttons (``candidates``)."""

    template_name = "search/widgets/product_input.html"

    def __init__(self, attrs=None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.candidates: list = []
        self.lookup_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["candidates"] = self.candidates
        context["widget"]["choice_name"] = f"{name}_choice"
        context["widget"]["lookup_url"] = self.lookup_url
        return context

    def value_from_datadict(self, data, files, name):
        choice = data.get(f"{name}_choice", "")
        if choice and parse_code(choice) == choice:
            return choice  # picked from the list the form came back with
        return data.get(name)

    def format_value(self, value):
        return value or ""


class ProductField(forms.CharField):
    """An HS code, typed as a code or a name in any of the site's languages.

    Cleans to the code. A text that means several products fails with the
    candidates offered on the widget; one that means none fails with advice.
    ``language`` (the poster's) orders and names the candidates.
    """

    widget = ProductInput

    def __init__(self, *args, site: Site | None = None, language: str = "en", **kwargs) -> None:
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.site = site
        self.language = language

    def to_python(self, value) -> str:
        text = clean_text(str(value or ""), 200)
        if not text:
            return ""
        code = parse_code(text)
        if code and known_codes([code]):
            return code
        matches = lookup(text, self.language, self.site)
        exact = [match for match in matches if match.exact]
        if len(matches) == 1 or len(exact) == 1:
            return (exact or matches)[0].code
        self.widget.candidates = matches
        if not matches:
            raise forms.ValidationError(
                _("No product matches “%(text)s”. Try another word, or the HS code."),
                code="unknown_product",
                params={"text": text},
            )
        raise forms.ValidationError(
            _("Several products match “%(text)s”: choose one below."),
            code="several_products",
            params={"text": text},
        )

    def prepare_value(self, value):
        """A code is shown with its name, so the poster sees what they chose."""
        code = parse_code(str(value or ""))
        if code and code == str(value) and self.site is not None and known_codes([code]):
            return product_label(code, product_name(code, self.language, self.site))
        return value


class ProductCodesField(forms.CharField):
    """Several HS codes typed as "0801, 0901.11": for editors in the admin.
    Each must be in the site's vocabulary; cleans to a list, in order, once each."""

    def __init__(self, *args, **kwargs) -> None:
        for name in ("base_field", "size", "max_length"):
            kwargs.pop(name, None)
        kwargs.setdefault("required", False)
        super().__init__(*args, max_length=500, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(format_code(code) for code in value)
        return value

    def to_python(self, value) -> list[str]:
        text = clean_text(str(value or ""), 500)
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
        codes = []
        for part in parts:
            code = parse_code(part)
            if code is None or code != part.replace(".", ""):
                raise forms.ValidationError(
                    _(
                        "“%(code)s” is not an HS code: write 2, 4 or 6 digits, such as 0801 or 0801.32."
                    ),
                    code="not_a_code",
                    params={"code": part[:20]},
                )
            codes.append(code)
        codes = list(dict.fromkeys(codes))
        unknown = [code for code in codes if code not in known_codes(codes)]
        if unknown:
            raise forms.ValidationError(
                _("Not in this site's product vocabulary: %(codes)s. Add them there first."),
                code="unknown_code",
                params={"codes": ", ".join(format_code(code) for code in unknown)},
            )
        return codes

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != list(initial or [])
        except forms.ValidationError:
            return True
