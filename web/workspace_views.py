"""The workspace's own pages: the dashboard, the site's settings and its launch.

Content apps add their pages and counts through :mod:`web.workspace`; the
editor widgets post here for slugs and uploads (:mod:`web.rich_text`,
:mod:`web.slug_field`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tenants.models import Site
from tenants.services import launch as launching
from web import rich_text, slug_field, uploads, workspace
from web.permissions import require_perm
from web.site_settings import LaunchForm, SiteSettingsForm

SITE_PERM = "tenants.change_site"


def _require_workspace(request: HttpRequest) -> None:
    if not workspace.may_enter(request.user):
        raise PermissionDenied


@require_safe
@login_required(login_url="account_login")
def dashboard(request: HttpRequest) -> HttpResponse:
    """What is waiting for this person on this site, with links to it."""
    _require_workspace(request)
    site = request.tenant
    groups = workspace.dashboard_items(site, request.user)
    checklist = (
        launching.checklist(site) if site.is_draft and request.user.has_perm(SITE_PERM) else []
    )
    return render(
        request,
        "web/workspace/dashboard.html",
        {
            "waiting": groups[workspace.WAITING],
            "new": groups[workspace.NEW],
            "new_days": workspace.NEW_DAYS,
            "checklist": checklist,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def site_settings(request: HttpRequest) -> HttpResponse:
    """The site's name, tagline, contact and logo in its languages, for its administrators."""
    require_perm(request, SITE_PERM)
    site = Site.objects.get(pk=request.tenant.pk)
    form = SiteSettingsForm(request.POST or None, request.FILES or None, instance=site)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The site's settings have been saved."))
        return redirect("site_settings")
    return render(
        request,
        "web/workspace/site_settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="account_login")
def site_launch(request: HttpRequest) -> HttpResponse:
    """The launch checklist, and the button that opens the site."""
    require_perm(request, SITE_PERM)
    site = request.tenant
    form = LaunchForm(request.POST or None, site=site)
    unfinished: list[launching.LaunchStep] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = launching.launch(
                site,
                on=form.cleaned_data["launch_on"],
                force=form.cleaned_data["confirm_unfinished"],
            )
        except launching.ChecklistUnfinished as error:
            # Asked, not refused: the page lists what is open and offers
            # to launch anyway.
            unfinished = error.steps
        except launching.LaunchError as error:
            form.add_error(None, str(error))
        else:
            if outcome == "scheduled":
                messages.success(request, _("The site will open on the date you chose."))
            else:
                messages.success(request, _("The site is launched: everyone can see it now."))
            return redirect("site_launch")
    fresh = Site.objects.prefetch_related("domains").get(pk=site.pk)
    items = launching.checklist(fresh)
    open_keys = {step.key for step in unfinished}
    return render(
        request,
        "web/workspace/launch.html",
        {
            "form": form,
            "checklist": items,
            "launch_site": fresh,
            "checklist_open": any(not item.done for item in items),
            "unfinished": [item for item in items if item.step.key in open_keys],
        },
        status=400 if form.errors else 200,
    )


@require_safe
@login_required(login_url="account_login")
def slug_suggestion(request: HttpRequest) -> JsonResponse:
    """``?model=cooperation.article&text=…&language=ko[&pk=3]`` → a free slug."""
    model = slug_field.model_for(request.GET.get("model", ""))
    if model is None:
        return JsonResponse({"error": _("Unknown kind of content.")}, status=400)
    opts = model._meta
    if not (
        request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        or request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    ):
        raise PermissionDenied
    slug = slug_field.suggest(
        model,
        request.GET.get("text", "")[:1000],
        language=request.GET.get("language") or None,
        exclude_pk=request.GET.get("pk") or None,
    )
    return JsonResponse({"slug": slug})


@require_POST
@login_required(login_url="account_login")
def rich_text_upload(request: HttpRequest) -> JsonResponse:
    """An image or a PDF for the rich-text editor: checked like every upload,
    stored in the site's folder, answered with its address."""
    if not any(request.user.has_perm(perm) for perm in rich_text.upload_perms()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("Choose a file to upload.")}, status=400)
    try:
        kind, name = uploads.store(upload, "inline")
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"kind": kind, "url": default_storage.url(name)})


@require_safe
def admin_in_language(request: HttpRequest) -> HttpResponse:
    """``/<lang>/admin/``, where someone reading the site in a language looks
    for its administration: ``/admin/``, in the language the visit just
    chose (the language cookie keeps it)."""
    return redirect("admin:index")
