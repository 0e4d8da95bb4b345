"""E-mails to registrants, in the language they registered in."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Registration
from events.services.ical import site_calendar
from tenants.context import current_site


def send_registration_email(registration: Registration, kind: str, *, base_url: str) -> None:
    """``kind`` is confirmed, waitlisted or promoted; confirmed places get the .ics attached."""
    site = current_site()
    event = registration.event
    language = (
        registration.language if registration.language in site.languages else site.default_language
    )
    with translation.override(language), timezone.override(site.time_zone):
        cancel_url = base_url + reverse("registration_cancel", kwargs={"token": registration.token})
        context = {
            "registration": registration,
            "event": event,
            "site": site,
            "event_url": base_url + event.get_absolute_url(),
            "cancel_url": cancel_url,
            "language": language,
            "kind": kind,
        }
        subject = " ".join(
            render_to_string("events/emails/registration_subject.txt", context).split()
        )
        text = render_to_string("events/emails/registration.txt", context)
        html = render_to_string("events/emails/registration.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=site.contact_email or settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(html, "text/html")
        if kind in {"confirmed", "promoted"}:
            ics = site_calendar(
                [event], site=site, language=language, name=str(event), base_url=base_url
            )
            message.attach(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
        message.send()
