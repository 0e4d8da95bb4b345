"""Form widgets that render in Python what Django renders through templates.

A country list (~250 options) through Django's select templates is ~500
template includes: most of an event page's time (~20 ms). :class:`LongSelect`
writes the same markup directly; the attributes and labels are escaped as the
templates escape them.
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out,
    # True writes its name alone.
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class LongSelect(forms.Select):
    """A select for long lists of choices (countries)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value above is escaped


class PairFirstSelect(LongSelect):
    """A long select whose options name their countries (``data-countries``),
    so that ``web/pair-first.js`` puts the countries chosen in the fields
    ``pair_from`` (their ids) first, under which the rest is grouped as
    ``others``: the launch form's time zones and currencies."""

    def __init__(self, *, countries, pair_from: tuple[str, ...], others, attrs=None):
        super().__init__(attrs=attrs)
        self.countries, self.pair_from, self.others = countries, pair_from, others

    @property
    def media(self) -> forms.Media:
        return forms.Media(js=[forms.Script("web/pair-first.js", defer=True)])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-pair-from"] = " ".join(self.pair_from)
        context["widget"]["attrs"]["data-others-label"] = str(self.others)
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        codes = self.countries(str(value)) if value else ()
        if codes:
            option["attrs"]["data-countries"] = " ".join(codes)
        return option
