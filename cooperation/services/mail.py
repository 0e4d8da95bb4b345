"""E-mails of the cooperation app, each written in its reader's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
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


def mail_members(
    enterprise, template: str, context: dict, *, url_name: str, base_url: str, site: Site
) -> int:
    """Send ``template`` to each active member of ``enterprise`` in their own
    language, with ``url`` (``url_name`` in that language) in the context.
    Returns how many people were written to."""
    members = list(enterprise.members.select_related("user").filter(user__is_active=True))
    for member in members:
        with translation.override(member.language):
            url = base_url + reverse(url_name)
        mail_in_language(
            template,
            {**context, "site": site, "url": url, "member": member},
            language=member.language,
            to=[member.user.email],
            site=site,
        )
    return len(members)
