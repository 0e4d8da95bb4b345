"""Form widgets that render in Python what Django renders through templates.

A country list (~250 options) through Django's select templates is ~500
template includes: most of an event page's time (~20 ms). :class:`LongSelect`
writes the same markup directly; the attributes and labels are escaped as the
templates escape them.
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out,
    # True writes its name alone.
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


#: The options' markup of a choice list, none selected, by the list (its
#: values and labels as text, in the language they were named in): a form's
#: country list is written once per language and site pair, not on every
#: page that renders it afresh (~250 options escaped: ~3 ms of CPU, an
#: event page's form after each write to its site, bench/http.py --cpu).
_options_markup: dict[tuple, str] = {}
_OPTIONS_KEPT = 256


def _text(label) -> tuple[str, bool]:
    """A label as text, and whether it is safe already (written as it is,
    as a template writes a SafeString)."""
    return str(label), isinstance(label, SafeData)


def _escaped(text: str, safe: bool) -> str:
    return text if safe else escape(text)


class LongSelect(forms.Select):
    """A select for long lists of choices (countries)."""

    def use_required_attribute(self, initial) -> bool:
        # An optional field never has the attribute: Django's Select asks
        # first whether the first choice is empty, making the list once more.
        return self.is_required and super().use_required_attribute(initial)

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        if self.allow_multiple_selected or type(self).create_option is not LongSelect.create_option:
            return self._render_each_option(name, value, attrs)
        final = self.build_attrs(self.attrs, attrs)
        choices = tuple(
            (*_text(key), tuple((str(v), *_text(label)) for v, label in group))
            if isinstance(group, list | tuple)
            else (str(key), *_text(group))
            for key, group in self.choices
        )
        options = _options_markup.get(choices)
        if options is None:
            options = self._options(choices)
            if len(_options_markup) >= _OPTIONS_KEPT:
                _options_markup.clear()
            _options_markup[choices] = options
        # As Django's Select: the first option whose value is the value's text.
        selected = self.format_value(value)
        if selected:
            mark = f'\n  <option value="{escape(selected[0])}">'
            options = options.replace(mark, mark[:-1] + " selected>", 1)
        return mark_safe(f'<select name="{escape(name)}"{_attrs(final)}>{options}\n</select>')

    @staticmethod
    def _options(choices: tuple) -> str:
        parts = []
        for choice in choices:
            if isinstance(choice[-1], tuple):  # (label, label is safe, options)
                parts.append(f'\n  <optgroup label="{_escaped(*choice[:2])}">')
                parts.extend(
                    f'\n  <option value="{escape(v)}">{_escaped(label, safe)}</option>'
                    for v, label, safe in choice[-1]
                )
                parts.append("\n  </optgroup>")
            else:  # (value, label, label is safe)
                parts.append(
                    f'\n  <option value="{escape(choice[0])}">{_escaped(*choice[1:])}</option>'
                )
        return "".join(parts)  # every value above is escaped

    def _render_each_option(self, name, value, attrs) -> SafeString:
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
