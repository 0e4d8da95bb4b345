"""The clashes of one site's events, in its editors' workspace: they see
what the coordinators found and did, and comment."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import clashes
from coordination.index import active_sites
from coordination.models import ClashCase, ClashNote
from coordination.sources import editor_perms
from coordination.views import (
    STATES,
    author_of,
    clash_rows,
    note_limit,
    note_to_show,
    refusal_message,
    with_author_sites,
)
from web.pagination import uncounted

PER_PAGE = 25
# Editors see what is to come, and what ended lately.
PAST_DAYS = 7


def _require_editor(request: HttpRequest) -> None:
    if not any(request.user.has_perm(perm) for perm in editor_perms()):
        raise PermissionDenied


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def site_clashes(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    site = request.tenant
    refused: dict = {}
    if request.method == "POST":
        case = get_object_or_404(ClashCase, pk=_number(request.POST.get("case", "")))
        if not clashes.involves(case, site):
            raise Http404
        name, email = author_of(request.user)
        note = request.POST.get("note", "")
        try:
            clashes.act(
                case,
                "comment",
                note=note,
                author_name=name,
                author_email=email,
                author_site=site.code,
            )
        except clashes.ActionRefused as refusal:
            # Shown again beside that clash's form with what they typed.
            refused = {
                "case": case.pk,
                "error": refusal_message(str(refusal), note),
                "note": note_to_show(note),
            }
        else:
            messages.success(request, _("Your comment is saved; the coordinators see it."))
            return redirect(f"{request.path}#clash-{case.pk}")
    state = request.GET.get("state", "open")
    if state not in STATES:
        raise Http404
    now = timezone.now()
    found = clashes.clash_query(
        now - datetime.timedelta(days=PAST_DAYS),
        datetime.datetime(2999, 12, 31, tzinfo=datetime.UTC),
        statuses=STATES[state],
        involving=site,
    )
    pager = uncounted(
        request,
        lambda part: list(found.case_ids[part]),
        per_page=PER_PAGE,
        count=found.case_ids.count,
    )
    rows = clash_rows(found.views(pager.items), translation.get_language(), on_hub=False)
    if refused and refused["case"] not in {row["case"].pk for row in rows}:
        # Not on this page (another state or page): shown on its own.
        rows = (
            clash_rows(
                clashes.views_of([refused["case"]], active_sites()),
                translation.get_language(),
                on_hub=False,
            )
            + rows
        )
    notes: dict[int, list] = {}
    for note in ClashNote.objects.filter(case_id__in=[row["case"].pk for row in rows]):
        notes.setdefault(note.case_id, []).append(note)
    with_author_sites(
        [note for case_notes in notes.values() for note in case_notes], translation.get_language()
    )
    for row in rows:
        row["notes"] = notes.get(row["case"].pk, [])
        if row["case"].pk == refused.get("case"):
            row["error"], row["note"] = refused["error"], refused["note"]
    return render(
        request,
        "coordination/site_clashes.html",
        {
            "clashes": rows,
            "state": state,
            "pager": pager,
            "note_limit": note_limit(),
        },
        status=400 if refused else 200,
    )


def _number(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise Http404
    return int(raw)
