"""Slugs derived from a title, in the admin and the editors' pages.

A model whose slug comes from a translated title registers here from its
app's ``AppConfig.ready()`` (``slug_field.register(Article, "title")``).
Then:

- :func:`fill_slug` runs before each save (``pre_save``), so a row saved
  with no slug (a form left empty, a service, a test) gets one from its
  title, in the first of the site's languages that has one, unique in its
  table;
- forms show the slug with :class:`SlugWidget`: as the title is typed, the
  slug field fills with the suggestion the server makes
  (``/<lang>/editor/slug/``), until the editor types a slug of their own.
  The field may be left empty: the model fills it.

Transliteration itself is :mod:`languages.slugs`.
"""

from django import forms
from django.apps import apps
from django.db import models
from django.db.models.signals import pre_save
from django.urls import reverse

from languages.columns import text_in
from languages.slugs import slug_for, unique_slug
from tenants.context import current_site

_SOURCES: dict[str, str] = {}  # model label (lower case) → translated source field


def register(model: type[models.Model], source: str) -> None:
    _SOURCES[model._meta.label_lower] = source
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"slug-{model._meta.label_lower}")


def _before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:  # fixtures carry their slugs
        fill_slug(instance)


def source_of(model: type[models.Model]) -> str | None:
    """The translated field ``model``'s slug is made from, if it is registered."""
    return _SOURCES.get(model._meta.label_lower)


def model_for(label: str) -> type[models.Model] | None:
    if label not in _SOURCES:
        return None
    return apps.get_model(label)


def _max_length(model: type[models.Model]) -> int:
    return model._meta.get_field("slug").max_length or 100


def suggest(model: type[models.Model], text: str, *, language: str | None, exclude_pk=None) -> str:
    """A free slug for a ``model`` row titled ``text`` (in ``language``)."""
    try:
        exclude_pk = int(exclude_pk) if exclude_pk is not None else None
    except (TypeError, ValueError):
        exclude_pk = None
    length = _max_length(model)
    base = slug_for(text, language=language, max_length=length, fallback=model._meta.model_name)
    return unique_slug(model._default_manager.all(), base, max_length=length, exclude_pk=exclude_pk)


def fill_slug(instance: models.Model) -> None:
    """Give ``instance`` a slug from its title when it has none (call from ``save()``)."""
    if instance.slug:
        return
    model = type(instance)
    source = _SOURCES[model._meta.label_lower]
    languages = list(current_site().languages)
    for language in languages:
        text = text_in(instance, source, language)
        if text.strip():
            break
    else:
        text, language = getattr(instance, source, "") or "", None
    instance.slug = suggest(model, text, language=language, exclude_pk=instance.pk)


class SlugWidget(forms.TextInput):
    """A slug input that follows the title inputs ``sources`` (their ids,
    in the site's language order) until it is edited by hand."""

    template_name = "django/forms/widgets/text.html"

    def __init__(self, *, model: type[models.Model], sources: list[tuple[str, str]], **kwargs):
        self.model, self.sources = model, sources
        super().__init__(**kwargs)

    @property
    def media(self) -> forms.Media:
        return forms.Media(js=[forms.Script("web/slug-field.js", defer=True)])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-slug-url"] = reverse("slug_suggestion")
        widget_attrs["data-slug-model"] = self.model._meta.label_lower
        # "id_title_ko:ko id_title_zh_hans:zh-hans": the first filled one counts.
        widget_attrs["data-slug-sources"] = " ".join(f"{id}:{lang}" for id, lang in self.sources)
        widget_attrs["autocomplete"] = "off"
        return context
