"""Translating one item in the browser: its source beside its translation,
field by field, each saved on its own.

A model that holds back translations still being checked
(``unpublished_languages``) gets each new language held back when its
first field is saved: readers keep seeing the fallback, with its note,
instead of a half-translated page, until someone marks it checked.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from languages.columns import set_text, text_in
from languages.formatting import format_names
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from translations.models import TranslationSource
from translations.services.markup import (
    DOCUMENT_KIND,
    IMAGE_KIND,
    Medium,
    media_named_left_out,
)
from translations.services.text_diff import Change, changes
from translations.services.translation_status import (
    CURRENT,
    MISSING,
    OUTDATED,
    digest,
    source_language_of,
    translated_fields,
)
from web.rich_text import clean_html, plain_text

HELD_BACK = "unpublished_languages"


@dataclass
class FieldView:
    name: str
    label: str
    state: str  # CURRENT, MISSING or OUTDATED
    source: str
    translation: str
    rich: bool
    max_length: int | None
    #: What changed in the source since the translation was made (outdated only;
    #: empty when the source of then is not known).
    changed: list[Change] = field(default_factory=list)

    @property
    def translation_digest(self) -> str:
        return digest(self.translation)


def rich_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields edited as rich text, as the site's admin declares them."""
    model_admin = admin.site._registry.get(model)
    return tuple(getattr(model_admin, "rich_text_fields", ()))


def ordered_fields(model: type[models.Model]) -> list[str]:
    """Translated fields in the order the model declares them (title first)."""
    order = {f.name: position for position, f in enumerate(model._meta.fields)}
    return sorted(translated_fields(model), key=lambda name: order.get(name, 0))


def title_of(instance: models.Model, site: Site) -> str:
    """The item's name in the reader's language, or the site's fallback."""
    name = ordered_fields(type(instance))[0]
    chain = fallback_chain(site, get_language())
    return shown_text(instance, name, chain).text or str(instance.pk)


def field_label(model: type[models.Model], name: str) -> str:
    """A translated field's name in the reader's language, as its heading shows it."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def can_hold_back(instance: models.Model) -> bool:
    return any(f.name == HELD_BACK for f in instance._meta.get_fields())


def is_held_back(instance: models.Model, language: str) -> bool:
    return can_hold_back(instance) and language in (getattr(instance, HELD_BACK) or [])


def written_in(instance: models.Model, language: str) -> bool:
    """Whether any translated field of ``instance`` has a text in ``language``."""
    return any(text_in(instance, name, language) for name in translated_fields(type(instance)))


def hold_back_if_new(instance: models.Model, language: str, *, was_written: bool) -> bool:
    """Hold ``language`` back when the write under way gives ``instance`` its
    first text in it (``was_written``: whether it had one before); the caller
    saves ``HELD_BACK`` with it. The one rule for every way a translation
    arrives (side by side, a PO or XLIFF file, a batch): a new language waits
    for someone to mark it checked (:func:`release`)."""
    if (
        was_written
        or not can_hold_back(instance)
        or language in getattr(instance, HELD_BACK)
        or not written_in(instance, language)
    ):
        return False
    setattr(instance, HELD_BACK, [*getattr(instance, HELD_BACK), language])
    return True


def fields_of(instance: models.Model, site: Site, language: str) -> list[FieldView]:
    """Every translated field that has a source text, with its state in ``language``."""
    model = type(instance)
    source_language = source_language_of(instance, site)
    records = {
        record.field: record
        for record in TranslationSource.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=instance.pk,
            language=language,
        )
    }
    rich = rich_fields(model)
    views = []
    for name in ordered_fields(model):
        source = text_in(instance, name, source_language)
        if not source:
            continue
        translation = text_in(instance, name, language)
        record = records.get(name)
        state = CURRENT
        changed: list[Change] = []
        if not translation:
            state = MISSING
        elif record is not None and record.source_digest != digest(source):
            state = OUTDATED
            if record.source_text:
                changed = changes(record.source_text, source)
        model_field = model._meta.get_field(name)
        views.append(
            FieldView(
                name=name,
                label=str(model_field.verbose_name),
                state=state,
                source=source,
                translation=translation,
                rich=name in rich,
                max_length=getattr(model_field, "max_length", None),
                changed=changed,
            )
        )
    return views


class SaveRefused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def save_field(
    instance: models.Model, name: str, language: str, text: str, *, shown_digest: str, site: Site
) -> bool:
    """Store one field's translation; True when the language was held back
    by this save (its first text). Refuses a translation that changed since
    the translator's page showed it (``shown_digest``), so two translators
    never overwrite each other unseen."""
    model = type(instance)
    if name not in translated_fields(model) or language == source_language_of(instance, site):
        raise SaveRefused(_("This field cannot be translated into that language."))
    if "\x00" in text:
        raise SaveRefused(_("The text contains a character that cannot be stored."))
    max_length = getattr(model._meta.get_field(name), "max_length", None)
    text = text.strip()
    if max_length and len(text) > max_length:
        raise SaveRefused(
            _("The text is too long: at most %(count)s characters.") % {"count": max_length}
        )
    if text and name in rich_fields(model):
        _check_rich_translation(text_in(instance, name, source_language_of(instance, site)), text)
    with transaction.atomic():
        fresh = model._default_manager.select_for_update().get(pk=instance.pk)
        if digest(text_in(fresh, name, language)) != shown_digest:
            raise SaveRefused(
                _(
                    "Someone changed this translation since you opened the page. "
                    "Their text is shown now; yours is kept in the box."
                ),
                status=409,
            )
        was_written = written_in(fresh, language)
        set_text(fresh, name, language, text)
        update = [build_localized_fieldname(name, language)]
        held = hold_back_if_new(fresh, language, was_written=was_written)
        if held:
            update.append(HELD_BACK)
        fresh.save(update_fields=update)
    return held


def _check_rich_translation(source: str, text: str) -> None:
    """A rich translation keeps the source's images, documents and links, and is
    not the source itself (a new translation starts from a copy of it)."""
    cleaned = clean_html(text)  # as it would be stored: a foreign image goes
    # The source as readers see it: a link stored before links were checked
    # (an empty address, a bare domain) counts as it is shown now.
    missing = media_named_left_out(clean_html(source), cleaned)
    if missing:
        # Named one by one: "images, documents or links" left the translator
        # comparing two long bodies for what was lost.
        raise SaveRefused(
            _(
                "The translation leaves out the following from the source: %(missing)s. Copy them from the "
                "source beside it into the translation, then save."
            )
            % {
                "missing": format_names(
                    [_medium_named(medium) for medium in missing], get_language() or "en"
                )
            }
        )
    words = plain_text(cleaned)
    if words and words == plain_text(source):
        raise SaveRefused(
            _(
                "This is still the text of the source: replace its words with the translation, then save."
            )
        )


def _medium_named(medium: Medium) -> str:
    if medium.kind == IMAGE_KIND:
        return _("the image “%(name)s”") % {"name": medium.name}
    # An address pasted whole from a search engine runs to thousands of
    # characters; its start is what the translator recognises.
    address = medium.address if len(medium.address) <= 100 else medium.address[:99] + "…"
    if medium.kind == DOCUMENT_KIND:
        return _("the document “%(name)s” (%(address)s)") % {
            "name": medium.name,
            "address": address,
        }
    return _("the link “%(name)s” (%(address)s)") % {"name": medium.name, "address": address}


def release(instance: models.Model, language: str) -> bool:
    """Mark ``language`` checked: readers see it from now on."""
    if not is_held_back(instance, language):
        return False
    setattr(
        instance, HELD_BACK, [code for code in getattr(instance, HELD_BACK) if code != language]
    )
    instance.save(update_fields=[HELD_BACK])
    return True


def hold_back(instance: models.Model, language: str) -> bool:
    if not can_hold_back(instance) or is_held_back(instance, language):
        return False
    setattr(instance, HELD_BACK, [*getattr(instance, HELD_BACK), language])
    instance.save(update_fields=[HELD_BACK])
    return True
