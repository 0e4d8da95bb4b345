"""E-mails of the cooperation app, each written in its reader's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tenants.models import Site


def mail_in_language(
    template: str, context: dict, *, language: str, to: list[str], site: Site
) -> None:
    """Render ``cooperation/emails/<template>[_subject].txt`` in ``language``
    (or the site default when the site does not offer it) and send it."""
    if language not in site.languages:
        language = site.default_language
    with translation.override(language), timezone.override(site.time_zone):
        subject = " ".join(
            render_to_string(f"cooperation/emails/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"cooperation/emails/{template}.txt", context)
    EmailMessage(
        subject,
        body,
        site.contact_email or settings.DEFAULT_FROM_EMAIL,
        to,
        headers={"Content-Language": language},
    ).send()
