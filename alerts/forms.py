"""Forms of alerts: subscribing, changing a subscription, editing a bulletin."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alerts import topics
from alerts.models import Subscription
from alerts.services.subscriptions import Wish
from languages.formatting import country_name, language_name
from languages.registry import get_language
from search.forms import ProductField, clean_text
from search.registry import kinds
from search.text import MAX_QUERY_LENGTH
from tenants.email_addresses import AddressField
from tenants.models import Site
from web.public_forms import HoneypotMixin


def language_choices(site: Site, reader: str) -> list[tuple[str, str]]:
    return [(code, get_language(code).native_name) for code in site.languages]


class SettingsFields(forms.Form):
    """How often and in which language: the part of a subscription its owner changes."""

    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        help_text=_("A daily or weekly e-mail, only when there is something new."),
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"))

    def __init__(self, *args, site: Site, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(site, language)
        self.fields["language"].initial = language


class SubscribeForm(HoneypotMixin, SettingsFields):
    """What to follow, how often, in which language, and where to send it.

    Every part of every kind of wish is on the page (it works without
    JavaScript); ``topic`` says which part counts.
    """

    topic = forms.ChoiceField(label=_("What to follow"), widget=forms.RadioSelect)
    q = forms.CharField(label=_("Search words"), required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label=_("Type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    email = AddressField(label=_("Your e-mail address"))

    field_order = ["topic", "q", "type", "product", "country"]

    def __init__(self, *args, site: Site, language: str, **kwargs):
        super().__init__(*args, site=site, language=language, **kwargs)
        self.site = site
        self.fields["product"] = ProductField(
            label=_("Product"),
            required=False,
            site=site,
            language=language,
            help_text=_("A product name in any language of the site, or its HS code."),
        )
        self.fields["product"].widget.lookup_url = reverse("product_lookup")
        topic_choices = [
            (Subscription.SEARCH, _("New content matching a search or a product")),
            (Subscription.BULLETIN, _("The weekly bulletin")),
        ]
        self.topic_fields = []
        self.within_fields = []
        for topic in topics.topics():
            topic_choices.append((topic.key, topic.label))
            self.fields[f"topic_{topic.key}"] = forms.ChoiceField(
                label=topic.label,
                required=False,
                choices=[("", pgettext_lazy("choice", "Choose…")), *topic.choices(site)],
            )
            self.topic_fields.append(f"topic_{topic.key}")
            # The same choice narrowing a search of the topic's kind (a
            # list's filters: demand listings of one product).
            self.fields[f"{topics.WITHIN}{topic.key}"] = forms.ChoiceField(
                label=topic.label,
                required=False,
                choices=[("", pgettext_lazy("narrowing", "Any")), *topic.choices(site)],
            )
            self.within_fields.append(f"{topics.WITHIN}{topic.key}")
        self.fields["topic"].choices = topic_choices
        self.fields["topic"].initial = Subscription.SEARCH
        self.fields["type"].choices = [("", _("All types")), *kinds()]
        self.fields["country"].choices = [
            ("", _("All countries")),
            *[(code, country_name(code, language)) for code in site.countries],
        ]
        self.order_fields(
            ["topic", "q", "type", "product", "country", *self.within_fields, *self.topic_fields,
             "frequency",
             "language", "email"]
        )  # fmt: skip

    def parts(self) -> list[tuple[str, list]]:
        """``(topic, bound fields)``: the fields each choice of ``topic`` reads."""
        return [
            (
                Subscription.SEARCH,
                [
                    *(self[name] for name in ("q", "type", "product", "country")),
                    *self.narrowing_fields(),
                ],
            ),
            *((name.removeprefix("topic_"), [self[name]]) for name in self.topic_fields),
        ]

    def narrowing_fields(self) -> list:
        """The narrowings a list's link brought (or a form sent back): shown
        under the search so the alert says all it follows; the plain form
        offers each topic under its own choice instead."""
        return [self[name] for name in self.within_fields if self[name].value()]

    def topic_options(self) -> list[dict]:
        """Each choice of ``topic`` with the fields it reads, in the order
        offered: the page puts the fields under their choice, so one rule of
        the stylesheet shows those of the checked one (a topic registered
        later needs nothing there)."""
        parts = dict(self.parts())
        return [
            {
                "radio": radio,
                "fields": parts.get(radio.data["value"], []),
                "weekly": radio.data["value"] == Subscription.BULLETIN,
            }
            for radio in self["topic"]
        ]

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data.get("q") or "", MAX_QUERY_LENGTH)

    def clean(self) -> dict:
        data = super().clean()
        topic = data.get("topic")
        if topic == Subscription.SEARCH:
            if not any(data.get(name) for name in ("q", "type", "product", "country")):
                raise forms.ValidationError(
                    _("Give search words, a product or at least one filter."), code="empty"
                )
            self._clean_within(data)
        elif topic and topic != Subscription.BULLETIN and not data.get(f"topic_{topic}"):
            self.add_error(f"topic_{topic}", _("Choose one."))
        return data

    def _within(self, data: dict) -> dict[str, str]:
        return {
            name.removeprefix(topics.WITHIN): data[name]
            for name in self.within_fields
            if data.get(name)
        }

    def _clean_within(self, data: dict) -> None:
        """A narrowing applies to its topic's kind only: it sets the type when
        none is chosen, and is refused beside another type."""
        for key in self._within(data):
            kind = topics.topic(key).kind
            if data.get("type") in ("", None):
                data["type"] = kind
            elif data["type"] != kind:
                self.add_error(
                    f"{topics.WITHIN}{key}",
                    _("This applies only to %(type)s.") % {"type": dict(kinds()).get(kind, kind)},
                )

    def wish(self) -> Wish:
        data = self.cleaned_data
        topic = data["topic"]
        if topic == Subscription.SEARCH:
            return Wish(
                query=data.get("q") or "",
                kind=data.get("type") or "",
                product=data.get("product") or "",
                country=data.get("country") or "",
                value=topics.stored_narrowing(self._within(data)),
            )
        if topic == Subscription.BULLETIN:
            return Wish(topic=topic)
        return Wish(topic=topic, value=data[f"topic_{topic}"])


class ChangeForm(SettingsFields):
    pass


class BulletinForm(forms.Form):
    """The introduction in each of the site's languages; items are ordered and
    left out through fields named after them (``position_<id>``, ``included_<id>``)."""

    def __init__(self, *args, site: Site, bulletin, items, may_arrange: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for code in site.languages:
            field_name = f"introduction_{code}"
            self.fields[field_name] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": language_name(code, code)},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                initial=getattr(bulletin, _column(code), ""),
            )
        for item in items if may_arrange else ():
            self.fields[f"position_{item.pk}"] = forms.IntegerField(
                label=_("Position"), min_value=0, max_value=9999, initial=item.position
            )
            self.fields[f"included_{item.pk}"] = forms.BooleanField(
                label=_("Include"), required=False, initial=item.included
            )
        self.items = items if may_arrange else []
        self.site = site


def _column(code: str) -> str:
    from modeltranslation.utils import build_localized_fieldname

    return build_localized_fieldname("introduction", code)
