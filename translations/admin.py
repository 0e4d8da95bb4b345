"""Admin for translated content that shows only the current site's languages.

modeltranslation adds a column for every language the framework knows; an
editor of China–Vietnam should see Chinese, Vietnamese and English fields,
in the site's order, with the site default required where the field is.
"""

import functools
import operator

from django import forms
from django.contrib import admin, messages
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from languages.formatting import format_names, language_in_sentence, language_name
from languages.registry import SUPPORTED_CODES
from translations.fallback import fallback_chain, shown_text
from translations.services.side_by_side import can_hold_back, hold_back_if_new, written_in
from web import slug_field
from web.rich_text import RichTextWidget


class SiteLanguagesMixin:
    """What the page of an object and its inlines share: the site's languages
    only, in its order, and translators limited to translations."""

    def site_languages(self, request: HttpRequest, obj=None) -> list[str]:
        """The languages to edit: the site's, default first. Subclasses may add
        more for an object shown on other sites too."""
        return list(request.tenant.languages)

    def source_languages(self, request: HttpRequest, obj=None) -> list[str]:
        """The languages a row may be written in: the site's own. A language
        added for other sites (a co-host's) is a translation, or the row
        could have no text in any language of the site it belongs to."""
        own = request.tenant.languages
        return [code for code in self.site_languages(request, obj) if code in own]

    def _localized(self) -> dict[str, tuple[str, str]]:
        """Translation column → (field, language)."""
        return {
            build_localized_fieldname(name, language): (name, language)
            for name in self.trans_opts.fields
            for language in SUPPORTED_CODES
        }

    def translates_only(self, request: HttpRequest) -> bool:
        """Someone who may change these objects but not add them (a translator)
        edits their translations and nothing else: not the status, the dates
        or the slug."""
        opts = self.model._meta
        return not request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        held = self._hold_back_new_languages(request, obj) if change else []
        super().save_model(request, obj, form, change)
        if held:
            reader = translation.get_language()
            messages.info(
                request,
                gettext(
                    "Saved. Readers of %(language)s see this translation once it is "
                    "marked as checked."
                )
                % {
                    "language": format_names(
                        [language_in_sentence(c, reader) for c in held], reader
                    )
                },
            )

    def _hold_back_new_languages(self, request: HttpRequest, obj) -> list[str]:
        """A translator's first text in a language waits for someone to mark
        it checked, as it does side by side or from a file (hold_back_if_new):
        the admin is no way round that. Editors tick what waits themselves."""
        if not self.translates_only(request) or not can_hold_back(obj):
            return []
        before = type(obj)._default_manager.filter(pk=obj.pk).first()
        if before is None:
            return []
        return [
            language
            for language in self.site_languages(request, obj)
            if hold_back_if_new(obj, language, was_written=written_in(before, language))
        ]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.translates_only(request):
            localized = self._localized()
            readonly += [
                field.name
                for field in self.model._meta.get_fields()
                if field.concrete
                and field.editable
                and not field.primary_key
                and field.name not in localized
                and field.name not in self.trans_opts.fields
                and field.name not in readonly
            ]
        return readonly

    def get_exclude(self, request: HttpRequest, obj=None):
        offered = self.site_languages(request, obj)
        foreign = [
            column for column, (_n, lang) in self._localized().items() if lang not in offered
        ]
        return [*(super().get_exclude(request, obj) or []), *foreign]

    def _require_site_default(self, fields: dict, request: HttpRequest, obj=None) -> None:
        """Of a translated field's columns, only the site default's is required
        (where the field itself is)."""
        default = self.site_languages(request, obj)[0]
        # Written in a language of the row's choosing: its form's clean()
        # asks for that language's (``_require_source_language``).
        chosen = getattr(self.model, "translation_source_field", None) is not None
        for column, (name, language) in self._localized().items():
            if column in fields:
                original_required = not self.model._meta.get_field(name).blank
                fields[column].required = original_required and language == default and not chosen

    def _language_labels(self, fields: dict) -> None:
        """ "Title (Bahasa Indonesia)" where modeltranslation wrote "Title
        [ind]": its column suffix means nothing to an editor."""
        reader = translation.get_language()
        for column, (name, language) in self._localized().items():
            if column in fields:
                label = capfirst(self.model._meta.get_field(name).verbose_name)
                fields[column].label = f"{label} ({language_name(language, reader)})"

    def get_fieldsets(self, request: HttpRequest, obj=None):
        order = {
            language: position
            for position, language in enumerate(self.site_languages(request, obj))
        }
        localized = self._localized()

        def in_site_order(fields):
            # Other languages' columns go (inlines list them even when excluded).
            offered = [f for f in fields if f not in localized or localized[f][1] in order]
            return sorted(
                offered, key=lambda f: order.get(localized[f][1], 0) if f in localized else 0
            )

        return [
            (title, {**options, "fields": _regroup(options["fields"], localized, in_site_order)})
            for title, options in super().get_fieldsets(request, obj)
        ]


#: At most this many words of a search are looked for at all, and the first
#: so many (of at most so many characters) also without their marks
#: (SiteLanguagesAdmin.get_search_results).
SEARCH_WORDS = 32
MARKED_WORDS, MARKED_WORD_CHARS = 8, 100


class SiteLanguagesAdmin(SiteLanguagesMixin, TranslationAdmin):
    #: The translated field that names an object in change lists (``shown_title``).
    title_field = "title"
    #: Translated fields edited as rich text (``web.rich_text``).
    rich_text_fields: tuple[str, ...] = ()

    def get_search_fields(self, request: HttpRequest):
        """The declared fields, each translated one (and the one that names
        an object, ``title_field``) looked for in every language of the
        site: an official working in English finds a listing by its
        Vietnamese title. modeltranslation would look in the admin's own
        language only."""
        declared = list(super().get_search_fields(request))
        if not declared:  # no search box: a short list
            return declared
        translated = set(self.trans_opts.fields)
        named = [name for name in (*declared, self.title_field) if name in translated]
        languages = self.site_languages(request)
        return [name for name in declared if name not in translated] + [
            build_localized_fieldname(name, language)
            for name in dict.fromkeys(named)
            for language in languages
        ]

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Django's search, and the same words without their marks in the
        translated columns ("cong thuong" finds "Bộ Công Thương", the
        database's unaccent on both sides); each word in some column, as
        Django's search asks."""
        # Django's own search looks for every word in every field: thousands
        # of words made a page of seconds (attack review). A person's search
        # is a few words.
        search_term = " ".join(search_term.split()[:SEARCH_WORDS])
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        translated = set(self._localized())
        columns = [name for name in self.get_search_fields(request) if name in translated]
        # The first few words, as a person types them: each is looked for in
        # every column.
        words = list(dict.fromkeys(search_term.split()))
        words = [word for word in words if len(word) <= MARKED_WORD_CHARS][:MARKED_WORDS]
        if not columns or not words:
            return found, may_have_duplicates
        every_word = Q()
        for word in words:
            every_word &= functools.reduce(
                operator.or_,
                (Q(**{f"{column}__unaccent__icontains": word}) for column in columns),
            )
        return found | queryset.filter(every_word), may_have_duplicates

    @admin.display(description=_("title"))
    def shown_title(self, obj) -> str:
        """The object's name in the editor's language, or the site's fallback:
        an item posted in Vietnamese still has a name in an English admin."""
        request_site = connection.tenant
        chain = fallback_chain(request_site, translation.get_language())
        return shown_text(obj, self.title_field, chain).text or "—"

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        # Subclassed first: a ModelForm subclass makes its fields anew, so
        # the changes below go on the class the admin uses.
        form = self._require_source_language(super().get_form(request, obj, **kwargs), request, obj)
        self._require_site_default(form.base_fields, request, obj)
        self._language_labels(form.base_fields)
        self._editor_widgets(form.base_fields, request, obj)
        self._source_language_choice(form.base_fields, request, obj)
        return form

    def _require_source_language(self, form: type, request: HttpRequest, obj=None) -> type:
        """For rows that name the language they are written in (an
        enterprise's profile, a listing), the required fields are needed in
        that language, not in the site default: a Vietnamese company's
        profile written only in Vietnamese could not be saved on
        China–Vietnam. Left at "the site's default language" while only
        another language is written, the row records that one."""
        name = getattr(self.model, "translation_source_field", None)
        if not name:
            return form
        languages = self.source_languages(request, obj)
        default = languages[0]
        fields = form.base_fields
        needed = [
            field
            for field in self.trans_opts.fields
            if not self.model._meta.get_field(field).blank
            and build_localized_fieldname(field, default) in fields
        ]
        if not needed:
            return form
        # A translator's form shows the source language read-only: the row's own.
        fixed = None if name in fields else (getattr(obj, name, "") or default)

        def written_in(cleaned: dict, language: str) -> bool:
            return all(
                str(cleaned.get(build_localized_fieldname(field, language)) or "").strip()
                for field in needed
            )

        class SourceLanguageForm(form):
            def clean(self) -> dict:
                cleaned = super().clean()
                source = fixed or cleaned.get(name) or ""
                if source not in languages:
                    source = ""
                if not source and not written_in(cleaned, default):
                    source = next((code for code in languages if written_in(cleaned, code)), "")
                    if source and fixed is None:
                        cleaned[name] = source
                for field in needed:
                    column = build_localized_fieldname(field, source or default)
                    empty = not str(cleaned.get(column) or "").strip()
                    if column in self.fields and empty and column not in self.errors:
                        self.add_error(column, self.fields[column].error_messages["required"])
                return cleaned

        SourceLanguageForm.__name__ = form.__name__
        return SourceLanguageForm

    def _source_language_choice(self, fields: dict, request: HttpRequest, obj=None) -> None:
        """The language a row is written in (``translation_source_field``),
        chosen among the site's languages rather than typed as a code."""
        name = getattr(self.model, "translation_source_field", None)
        if not name or name not in fields:
            return
        reader = translation.get_language()
        model_field = self.model._meta.get_field(name)
        fields[name] = forms.ChoiceField(
            label=capfirst(model_field.verbose_name),
            required=not model_field.blank,
            choices=[
                *([("", _("the site's default language"))] if model_field.blank else []),
                *(
                    (code, language_name(code, reader))
                    for code in self.source_languages(request, obj)
                ),
            ],
            help_text=_("Translations into the site's other languages start from this one."),
        )

    def _editor_widgets(self, fields: dict, request: HttpRequest, obj=None) -> None:
        """Rich text for the rich-text fields' columns; and a slug that follows
        the title (typed in any script) and may be left empty."""
        languages = self.site_languages(request, obj)
        for column, (name, _language) in self._localized().items():
            if name in self.rich_text_fields and column in fields:
                fields[column].widget = RichTextWidget(admin=True)
        source = slug_field.source_of(self.model)
        if source and "slug" in fields:
            fields["slug"].required = False
            fields["slug"].help_text = _(
                "Made from the title when left empty; change it if you like."
            )
            fields["slug"].widget = slug_field.SlugWidget(
                model=self.model,
                sources=[
                    (f"id_{build_localized_fieldname(source, language)}", language)
                    for language in languages
                ],
            )


class SiteLanguagesInline(SiteLanguagesMixin, TranslationTabularInline):
    """An inline of translated rows; ``obj`` in its methods is the parent."""

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        self._require_site_default(formset.form.base_fields, request, obj)
        self._language_labels(formset.form.base_fields)
        return formset


def _regroup(fields, localized, in_site_order) -> list:
    """Keep each translated field's columns together, in the site's language order."""
    result, seen = [], set()
    for name in fields:
        if isinstance(name, (list, tuple)) or name not in localized:
            result.append(name)
            continue
        base = localized[name][0]
        if base in seen:
            continue
        seen.add(base)
        result.extend(
            in_site_order([f for f in fields if f in localized and localized[f][0] == base])
        )
    return result
