"""The question desk: asking, routing to the topic's officials, answering."""

from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import Question, TopicOwner
from languages.columns import set_text, text_in
from tenants.addresses import site_url
from tenants.context import current_site
from tenants.models import Site
from translations.fallback import fallback_chain, shown_text
from web import mail


def ask(*, name: str, email: str, country: str, language: str, topic: str, text: str) -> Question:
    question = Question(name=name, email=email, country=country, language=language, topic=topic)
    set_text(question, "question", language, text)
    question.save()
    _notify_received(question, current_site())
    return question


def answer_given(question: Question) -> bool:
    site = current_site()
    return any(text_in(question, "answer", code) for code in site.languages)


def mark_answered(question: Question) -> None:
    """Called when an official saves an answer to an open question."""
    question.status = Question.Status.ANSWERED
    question.answered_at = timezone.now()
    question.save(update_fields=["status", "answered_at"])
    _notify_answered(question, current_site())


def owners_of(topic: str) -> list[str]:
    return list(TopicOwner.objects.filter(topic=topic).values_list("email", flat=True))


def _notify_received(question: Question, site: Site) -> None:
    # To the question itself in the admin, where it is answered.
    answer_at = reverse("admin:cooperation_question_change", args=[question.pk])
    context = {"question": question, "desk_url": site_url(site, answer_at)}
    mail.send(
        "cooperation/emails/question_received",
        context,
        language=question.language,
        to=[question.email],
        site=site,
    )
    officials = owners_of(question.topic) or ([site.contact_email] if site.contact_email else [])
    mail.send(
        "cooperation/emails/question_routed",
        context,
        language=site.default_language,
        to=officials,
        site=site,
    )


def _notify_answered(question: Question, site: Site) -> None:
    language = mail.language_for(site, question.language)
    with translation.override(language):
        url = site_url(site, question.get_absolute_url())
    answer = shown_text(question, "answer", fallback_chain(site, language))
    context = {"question": question, "answer": answer, "url": url if question.is_public else ""}
    mail.send(
        "cooperation/emails/question_answered",
        context,
        language=language,
        to=[question.email],
        site=site,
    )
