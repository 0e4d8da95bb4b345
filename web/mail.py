"""The one way the portal sends e-mail.

A message is a template base name (``cooperation/emails/account_confirm``):
``<base>_subject.txt``, ``<base>.txt`` and, where it exists, ``<base>.html``,
rendered in the recipient's language (the site's default when the site does
not offer it) and the site's time zone. It goes From ``DEFAULT_FROM_EMAIL``
(the portal's own domain, so SPF and DMARC pass) with Reply-To the site's
contact address, so answers reach the officials.

Sending always waits for the current transaction to commit and then
re-enters the site's schema (``tenants.context.after_commit``): nobody is
told of data that was rolled back, and a mail server that is down is logged
instead of turning a saved request into an error page.
"""

from collections.abc import Sequence
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tenants.context import after_commit
from tenants.models import Site

#: ``(file name, content, MIME type)``, e.g. an event's ``.ics``.
Attachment = tuple[str, bytes, str]


def send(
    template: str,
    context: dict,
    *,
    to: Sequence[str],
    language: str,
    site: Site,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Send ``template`` to ``to`` in ``language`` once the transaction commits.

    The context gets ``site`` and ``language``; templates are rendered at
    sending time, inside the site's schema.
    """
    if not to:
        return
    after_commit(site, _deliver, template, context, list(to), language, site, list(attachments))


def language_for(site: Site, language: str) -> str:
    """``language`` if ``site`` offers it, else the site's default."""
    return language if language in site.languages else site.default_language


def sender_domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def _deliver(
    template: str,
    context: dict,
    to: list[str],
    language: str,
    site: Site,
    attachments: list[Attachment],
) -> None:
    message(template, context, to=to, language=language, site=site, attachments=attachments).send()


def message(
    template: str,
    context: dict,
    *,
    to: Sequence[str],
    language: str,
    site: Site,
    attachments: Sequence[Attachment] = (),
    headers: dict[str, str] | None = None,
    message_id: str = "",
) -> EmailMultiAlternatives:
    """The message :func:`send` sends, rendered now, for senders that must
    know the outcome themselves (a job that records each delivery): call
    ``.send()`` on it, outside any transaction. ``headers`` are added (e.g.
    ``List-Unsubscribe``); ``message_id`` (``<…@…>``) replaces a fresh one,
    so a message sent again after a crash can be recognised as the same."""
    language = language_for(site, language)
    context = {**context, "site": site, "language": language}
    with translation.override(language), timezone.override(site.time_zone):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=[site.contact_email] if site.contact_email else None,
        # The Message-ID names the sender's domain too, not this machine's
        # host name (Django's default), which means nothing to the recipient.
        headers={
            "Content-Language": language,
            "Message-ID": message_id or make_msgid(domain=sender_domain()),
            **(headers or {}),
        },
    )
    if html is not None:
        email.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        email.attach(name, content, mimetype)
    return email
