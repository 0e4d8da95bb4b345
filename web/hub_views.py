"""The hub's pages for its staff: launching a site from the browser."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_safe

from languages.formatting import as_sentence
from tenants.addresses import site_url
from tenants.models import Site
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SpecError
from web.hub_launch import LaunchSiteForm, invite_site_admin, site_admin_email
from web.permissions import require_perm

LAUNCH_PERM = "tenants.add_site"
# The sites this browser's official launched (their ids), which alone may
# see "Site … is created": the page is bound to that state, not to a code
# anyone can type (it said "created" for cn-vn, launched years ago).
LAUNCHED_SESSION_KEY = "hub_launched_site_ids"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required(login_url="hub_admin:login")
def launch_site(request: HttpRequest) -> HttpResponse:
    """Fill in the form, see what will be done (the dry-run plan), confirm."""
    require_perm(request, LAUNCH_PERM)
    form = LaunchSiteForm(request.POST or None)
    if request.method != "POST" or "edit" in request.POST or not form.is_valid():
        status = 400 if request.method == "POST" and form.errors else 200
        return render(request, "web/hub/launch.html", {"form": form}, status=status)
    spec = form.spec()
    try:
        if "confirm" not in request.POST:
            steps = plan(spec)
            return render(
                request, "web/hub/launch_preview.html", {"form": form, "steps": steps, "spec": spec}
            )
        result = provision(spec, create_only=True)
    except SpecError as error:
        form.add_error(None, as_sentence(str(error), translation.get_language()))
        return render(request, "web/hub/launch.html", {"form": form}, status=400)
    invite_site_admin(result.site, result.admin_email, result.admin_language)
    launched = [pk for pk in request.session.get(LAUNCHED_SESSION_KEY, []) if isinstance(pk, int)]
    request.session[LAUNCHED_SESSION_KEY] = [*launched, result.site.pk][-20:]
    return redirect(reverse("hub_site_launched", kwargs={"code": result.site.code}))


@require_safe
@login_required(login_url="hub_admin:login")
def site_launched(request: HttpRequest, code: str) -> HttpResponse:
    require_perm(request, LAUNCH_PERM)
    site = Site.objects.real().filter(code=code).prefetch_related("domains").first()
    # Another official, or this one for a site they did not launch here: no
    # such page (as for a code that names no site).
    if site is None or site.pk not in request.session.get(LAUNCHED_SESSION_KEY, []):
        raise Http404
    return render(
        request,
        "web/hub/launched.html",
        {
            "launched": site,
            "address": site_url(site),
            "admin_email": site_admin_email(site),
        },
    )
