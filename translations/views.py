"""The translators' pages in the editors' workspace, and the readers' button.

- ``translation_status``: how much is translated, per content type and language;
- ``translation_tasks``: what translators are asked to translate;
- ``translate_item``: one item, source beside translation, field by field;
- ``translation_download`` / ``translation_upload``: PO or XLIFF 2.1 files;
- ``ask_translation``: a reader asks for the page in their language.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from languages.formatting import language_in_sentence
from translations.forms import UploadForm
from translations.services import markup, side_by_side, tasks
from translations.services.translation_exchange import (
    FORMATS,
    PO,
    CatalogError,
    export,
    import_catalog,
    readable_names,
)
from translations.services.translation_status import (
    MISSING,
    OUTDATED,
    model_for_label,
    site_status,
    source_language_of,
)
from web.pagination import numbered
from web.permissions import require_perm
from web.public_forms import public_form_allowed
from web.rich_text import RichTextWidget, clean_html

VIEW_PERM = "i18n.view_translationsource"
ITEMS_ON_PAGE = 50
TASKS_ON_PAGE = 50
ENTRIES_SHOWN = 20  # of an upload's errors, and of what it left as it was


def change_perm(model) -> str:
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def item_label(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _translate_url(instance, language: str) -> str:
    return reverse(
        "translate_item",
        kwargs={"label": instance._meta.label_lower, "pk": instance.pk, "language": language},
    )


@require_safe
@login_required(login_url="account_login")
def translation_status(request: HttpRequest) -> HttpResponse:
    """For editors and translators: how much is translated, per content type and language."""
    require_perm(request, VIEW_PERM)
    site = request.tenant
    statuses = site_status(site, item_limit=ITEMS_ON_PAGE)
    rows = []
    for status in statuses:
        labels = {
            name: str(status.model._meta.get_field(name).verbose_name)
            for name in side_by_side.ordered_fields(status.model)
        }
        rows.append(
            {
                "status": status,
                "languages": [
                    {
                        "code": language,
                        "counts": status.counts[language],
                        "percent": status.percent(language),
                        "items": [
                            {
                                "title": side_by_side.title_of(item.instance, site),
                                "url": _translate_url(item.instance, language),
                                "fields": [
                                    (labels.get(state.field, state.field), state.state)
                                    for state in item.states[language]
                                ],
                            }
                            for item in status.items
                            if language in item.states
                        ],
                    }
                    for language in status.languages
                ],
            }
        )
    languages = [code for code in site.languages if any(code in s.languages for s in statuses)]
    return render(
        request,
        "translations/translation_status.html",
        {
            "rows": rows,
            "languages": languages,
            "source": site.default_language,
            "items_on_page": ITEMS_ON_PAGE,
            "formats": FORMATS,
            "upload_form": UploadForm(site=site),
        },
    )


@require_safe
@login_required(login_url="account_login")
def translation_tasks(request: HttpRequest) -> HttpResponse:
    """Open translation tasks, most asked-for first, in one language or all."""
    require_perm(request, VIEW_PERM)
    site = request.tenant
    language = request.GET.get("language", "")
    if language and language not in site.languages:
        raise Http404
    open_tasks = tasks.waiting(site)
    if language:
        open_tasks = open_tasks.filter(language=language)
    pager = numbered(
        request, open_tasks.order_by("-requests", "created_at", "pk"), per_page=TASKS_ON_PAGE
    )
    objects = tasks.objects_of(pager.items)
    rows = [
        {
            "task": task,
            "item": item_label(objects[task.pk]),
            "title": side_by_side.title_of(objects[task.pk], site),
            "kind": objects[task.pk]._meta.verbose_name,
            "url": _translate_url(objects[task.pk], task.language),
            "public_url": _public_url(objects[task.pk], task.source_language),
            "held_back": side_by_side.is_held_back(objects[task.pk], task.language),
        }
        for task in pager.items
        if task.pk in objects
    ]
    return render(
        request,
        "translations/translation_tasks.html",
        {
            "rows": rows,
            "pager": pager,
            "language": language,
            "languages": site.languages,
            "formats": FORMATS,
        },
    )


def _item(label: str, pk: int):
    model = model_for_label(label)
    if model is None:
        raise Http404
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        raise Http404
    return instance


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def translate_item(request: HttpRequest, label: str, pk: int, language: str) -> HttpResponse:
    """One item: the source on the left, the translation on the right, field by field."""
    require_perm(request, VIEW_PERM)
    site = request.tenant
    instance = _item(label, pk)
    source_language = source_language_of(instance, site)
    if language not in site.languages or language == source_language:
        raise Http404
    kept: dict[str, str] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        require_perm(request, change_perm(type(instance)))
        action = request.POST.get("action", "save")
        if action == "release":
            if side_by_side.release(instance, language):
                messages.success(
                    request,
                    _("The %(language)s translation is checked: readers see it now.")
                    % {"language": language_in_sentence(language, translation.get_language())},
                )
            return redirect(request.path)
        if action == "hold":
            side_by_side.hold_back(instance, language)
            return redirect(request.path)
        name = request.POST.get("field", "")
        text = request.POST.get("text", "")
        try:
            held = side_by_side.save_field(
                instance,
                name,
                language,
                text,
                shown_digest=request.POST.get("shown", ""),
                site=site,
            )
        except side_by_side.SaveRefused as refusal:
            errors[name], kept[name] = str(refusal), text
            status = refusal.status
            instance = _item(label, pk)
        else:
            if held:
                messages.info(
                    request,
                    _(
                        "Saved. Readers of %(language)s see this translation once it is "
                        "marked as checked."
                    )
                    % {"language": language_in_sentence(language, translation.get_language())},
                )
            else:
                messages.success(request, _("Saved."))
            return redirect(f"{request.path}#field-{name}")
    fields = side_by_side.fields_of(instance, site, language)
    rich = RichTextWidget()
    for view in fields:
        view.kept = kept.get(view.name)
        view.error = errors.get(view.name, "")
        # A new translation starts from a copy of the source: its images,
        # tables and links stay where they are while the words are replaced.
        # One written before the source gained an image or a document gets
        # them at its end. Saving checks that none was lost.
        view.added = (
            markup.media_blocks_left_out(clean_html(view.source), view.translation)
            if view.rich and view.translation
            else ""
        )
        view.widget = (
            rich.render(
                "text",
                kept.get(view.name, (view.translation + view.added) or view.source),
                attrs={"id": f"id_text_{view.name}", "lang": language, "rows": 12},
            )
            if view.rich
            else ""
        )
    others = [code for code in site.languages if code not in (source_language, language)]
    return render(
        request,
        "translations/translate_item.html",
        {
            "instance": instance,
            "title": side_by_side.title_of(instance, site),
            "kind": instance._meta.verbose_name,
            "item": item_label(instance),
            "fields": fields,
            "source_language": source_language,
            "language": language,
            "other_languages": [(code, _translate_url(instance, code)) for code in others],
            "can_change": request.user.has_perm(change_perm(type(instance))),
            "can_hold_back": side_by_side.can_hold_back(instance),
            "held_back": side_by_side.is_held_back(instance, language),
            # Nothing written yet: nothing to publish or hold back either.
            "has_translation": any(view.translation for view in fields),
            "remaining": sum(1 for view in fields if view.state in (MISSING, OUTDATED)),
            "public_url": _public_url(instance, language),
            "formats": FORMATS,
            "media": rich.media if any(view.rich for view in fields) else None,
        },
        status=status,
    )


def _public_url(instance, language: str) -> str:
    getter = getattr(instance, "get_absolute_url", None)
    if getter is None:
        return ""
    with translation.override(language):
        return getter()


def _selection(request: HttpRequest, site) -> list | None:
    """The items named by ``item=label:pk`` parameters, or None for all."""
    names = request.GET.getlist("item")
    if not names:
        return None
    items = []
    for name in names[:500]:
        label, _sep, pk = name.rpartition(":")
        model = model_for_label(label)
        if model is None or not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
            raise Http404
        items.append((model, int(pk)))
    # An item that does not exist (deleted, or a mistyped link) is not an
    # empty file: one query per kind of content asked for.
    by_model: dict = {}
    for model, pk in items:
        by_model.setdefault(model, set()).add(pk)
    for model, pks in by_model.items():
        if model._default_manager.filter(pk__in=pks).count() != len(pks):
            raise Http404
    return items


@require_safe
@login_required(login_url="account_login")
def translation_download(request: HttpRequest) -> HttpResponse:
    """``?language=vi&format=xliff[&item=cooperation.article:12…][&only=outdated]``:
    one item, a batch, or everything missing or outdated, as PO or XLIFF 2.1."""
    require_perm(request, VIEW_PERM)
    site = request.tenant
    language = request.GET.get("language", "")
    kind = request.GET.get("format", PO)
    if language not in site.languages or kind not in FORMATS:
        raise Http404
    states = (OUTDATED,) if request.GET.get("only") == "outdated" else (MISSING, OUTDATED)
    try:
        content, mime, extension = export(
            site, language, kind, items=_selection(request, site), states=states
        )
    except CatalogError as error:
        messages.error(request, str(error))
        return redirect(request.META.get("HTTP_REFERER") or reverse("translation_tasks"))
    response = HttpResponse(
        content, content_type=mime if extension == "zip" else f"{mime}; charset=utf-8"
    )
    scope = "outdated" if states == (OUTDATED,) else "todo"
    response["Content-Disposition"] = (
        f'attachment; filename="{site.code}-{language}-{scope}.{extension}"'
    )
    return response


@require_POST
@login_required(login_url="account_login")
def translation_upload(request: HttpRequest) -> HttpResponse:
    """A PO or XLIFF file sent back, or a ZIP archive of them (the batch
    download of items in several languages): applied whole, or not at all."""
    require_perm(request, VIEW_PERM)
    site = request.tenant
    form = UploadForm(request.POST, request.FILES, site=site)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("translation_status")
    upload = form.cleaned_data["file"]
    language = form.cleaned_data["language"]
    try:
        report = import_catalog(
            site,
            language,
            upload.read(),
            allowed=lambda model: request.user.has_perm(change_perm(model)),
        )
    except CatalogError as error:
        messages.error(request, str(error))
        return redirect("translation_status")
    # Items by their title and fields by their label, as side by side shows them.
    names = readable_names(site, report, limit=ENTRIES_SHOWN)
    if report.errors:
        messages.error(
            request,
            _("Nothing was applied: %(count)s entries have problems.")
            % {"count": len(report.errors)},
        )
        for named, why in report.errors[:ENTRIES_SHOWN]:
            messages.error(request, f"{names.get(named, named)}: {why}")
    else:
        messages.success(
            request,
            _("%(applied)s translations applied, %(skipped)s left as they were.")
            % {"applied": len(report.applied), "skipped": len(report.skipped)},
        )
        if report.held_back:
            # As side by side: a language's first text waits to be checked.
            messages.info(
                request,
                _(
                    "Readers of %(language)s see the new translations once each is marked "
                    "as checked on its page."
                )
                % {"language": language_in_sentence(language, translation.get_language())},
            )
        # Why each was left (not translated, not confirmed, already there).
        for named, why in report.skipped[:ENTRIES_SHOWN]:
            messages.info(request, f"{names.get(named, named)}: {why}")
    return redirect("translation_status")


@require_POST
def ask_translation(request: HttpRequest) -> HttpResponse:
    """A reader asks for a page in their language: one button, no account."""
    site = request.tenant
    language = translation.get_language()
    label, _sep, pk = request.POST.get("item", "").rpartition(":")
    model = model_for_label(label)
    requestable = model and tasks.registered(model)
    instance = (
        model._default_manager.filter(pk=int(pk)).first()
        if requestable and pk.isascii() and pk.isdigit() and len(pk) <= 18
        else None
    )
    if instance is None or not requestable.is_public(instance):
        raise Http404
    if language not in site.languages or language == source_language_of(instance, site):
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _public_url(instance, language) or reverse("home")
    if not public_form_allowed(request, "translation_request"):
        return render(request, "translations/ask_refused.html", {"back": back}, status=429)
    if language not in tasks.missing_languages(instance, site) and not side_by_side.is_held_back(
        instance, language
    ):
        messages.info(request, _("This page is already translated."))
        return redirect(back)
    outcome = tasks.ask(instance, language, requester=tasks.requester_key(request), site=site)
    if outcome == tasks.REPEATED:
        messages.info(request, _("You have asked already: the translators know."))
    else:
        messages.success(
            request,
            _("Thank you. The translators have been asked for a %(language)s translation.")
            % {"language": language_in_sentence(language, language)},
        )
    return redirect(back)
