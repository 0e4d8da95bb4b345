"""Links that let a person choose their password on a site, for e-mails.

A new site's administrator (the hub's launch form) and the people a site's
administrators give a role (its workspace) get one. The link is Django's
password-reset link (``web.password_reset``): its token is made from the
account's password, last sign-in and schema, so it works once, and only on
the site whose schema holds the account. It is built from the site's
configured address, never from the request (``tenants.addresses``).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tenants.utils import schema_context

from tenants.addresses import site_url
from tenants.models import Site
from web.password_reset import password_reset_tokens


def site_page_url(site: Site, url_name: str, language: str, **kwargs) -> str:
    """The absolute address of the page ``url_name`` of ``site`` in ``language``
    (from the hub too: the sites' URLs are the root URLconf)."""
    with translation.override(language):
        return site_url(
            site, reverse(url_name, urlconf=settings.ROOT_URLCONF, kwargs=kwargs or None)
        )


def set_password_url(site: Site, user, language: str) -> str:
    """A single-use link for ``user`` (an account of ``site``) to choose a password."""
    with schema_context(site.schema_name):
        token = password_reset_tokens.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return site_page_url(site, "password_reset_confirm", language, uidb64=uid, token=token)
