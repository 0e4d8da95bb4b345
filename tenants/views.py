"""Each site's branding assets and uploaded files."""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from tenants.services import site_files
from tenants.services.branding import branding_version, monogram, readable_on


def _colours_css(request: HttpRequest, template: str) -> HttpResponse:
    site = request.tenant
    css = render_to_string(
        template,
        {
            "site": site,
            "on_primary": readable_on(site.primary_color),
            "on_accent": readable_on(site.accent_color),
        },
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


#: A versioned branding address is never reused for other content.
YEAR = 365 * 24 * 3600


def _branding_cache(response: HttpResponse, site, version: str | None) -> HttpResponse:
    """The fixed addresses (``/branding/logo.svg``, kept for bookmarks and
    other sites' pages) change content without changing address: five
    minutes. A versioned one (``tenants.templatetags.branding``) is cached
    for a year, unchanged, as long as its version is the site's current
    one; an old version is answered with the current assets, briefly."""
    if version is not None and version == branding_version(site):
        patch_cache_control(response, max_age=YEAR, public=True, immutable=True)
    else:
        patch_cache_control(response, max_age=300, public=True)
    return response


@require_safe
def theme_css(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """Site colours as CSS custom properties: a file, so pages need no inline style."""
    response = _colours_css(request, "tenants/theme.css")
    return _branding_cache(response, request.tenant, version)


@require_safe
def admin_theme_css(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """The same colours for the site's admin, in the admin's own variables."""
    response = _colours_css(request, "tenants/admin_theme.css")
    return _branding_cache(response, request.tenant, version)


@require_safe
def logo(request: HttpRequest, version: str | None = None) -> HttpResponse:
    site = request.tenant
    if site.logo:
        # Through the media view, which checks the site and knows the storage
        # (the file's name is new with each upload, so is its address).
        response = HttpResponseRedirect(reverse("site_media", kwargs={"path": site.logo.name}))
    else:
        response = HttpResponse(monogram(site), content_type="image/svg+xml")
    return _branding_cache(response, site, version)


@require_safe
def site_media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files of this site only: its own folder and its logo.

    Each site's uploads live under a folder named after its schema
    (``cooperation.uploads``); another site's folder is a 404 here even though
    all of them share one media root, or one bucket (``tenants.storage``:
    then the answer is a redirect to a short-lived signed URL). Behind nginx
    (``MEDIA_ACCEL_REDIRECT``) the check is made here and nginx sends the file
    from an internal location, with the same sandbox headers
    (deploy/nginx/portal.conf).
    """
    site = request.tenant
    if not site_files.belongs(site, path):
        raise Http404
    if hasattr(default_storage, "signed_url"):
        return _redirect_to_bucket(path)
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root / path.split("/")[0]) or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        relative = target.relative_to(root).as_posix()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(relative)
    else:
        response = FileResponse(target.open("rb"), content_type=content_type)
    if content_type == "application/pdf":
        response["Content-Disposition"] = f'inline; filename="{target.name}"'
    response["Content-Security-Policy"] = MEDIA_POLICY
    patch_cache_control(response, max_age=3600, public=True)
    return response


def _redirect_to_bucket(path: str) -> HttpResponse:
    if not default_storage.exists(path):
        raise Http404
    response = HttpResponseRedirect(default_storage.signed_url(path))
    # The signed address expires: browsers may keep the redirect a minute, shared caches not.
    patch_cache_control(response, max_age=60, private=True)
    return response


#: Uploaded files never run script, whatever they contain; nginx repeats it
#: on the files it sends for the portal (deploy/nginx/portal.conf).
MEDIA_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
