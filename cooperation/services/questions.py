"""The question desk: asking, routing to the topic's officials, answering."""

from django.utils import timezone, translation

from cooperation.models import Question, TopicOwner
from cooperation.services.mail import mail_in_language
from i18n.fallback import fallback_chain, shown_text
from languages.columns import set_text, text_in
from tenants.context import after_commit, current_site
from tenants.models import Site


def ask(
    *, name: str, email: str, country: str, language: str, topic: str, text: str, base_url: str
) -> Question:
    question = Question(name=name, email=email, country=country, language=language, topic=topic)
    set_text(question, "question", language, text)
    question.save()
    site = current_site()
    after_commit(site, _notify_received, question, site, base_url)
    return question


def answer_given(question: Question) -> bool:
    site = current_site()
    return any(text_in(question, "answer", code) for code in site.languages)


def mark_answered(question: Question, *, base_url: str) -> None:
    """Called when an official saves an answer to an open question."""
    question.status = Question.Status.ANSWERED
    question.answered_at = timezone.now()
    question.save(update_fields=["status", "answered_at"])
    site = current_site()
    after_commit(site, _notify_answered, question, site, base_url)


def owners_of(topic: str) -> list[str]:
    return list(TopicOwner.objects.filter(topic=topic).values_list("email", flat=True))


def _notify_received(question: Question, site: Site, base_url: str) -> None:
    context = {
        "question": question,
        "site": site,
        "desk_url": base_url + "/admin/cooperation/question/",
    }
    mail_in_language(
        "question_received", context, language=question.language, to=[question.email], site=site
    )
    officials = owners_of(question.topic) or ([site.contact_email] if site.contact_email else [])
    if officials:
        mail_in_language(
            "question_routed", context, language=site.default_language, to=officials, site=site
        )


def _notify_answered(question: Question, site: Site, base_url: str) -> None:
    language = question.language if question.language in site.languages else site.default_language
    with translation.override(language):
        url = base_url + question.get_absolute_url()
    answer = shown_text(question, "answer", fallback_chain(site, language))
    context = {
        "question": question,
        "site": site,
        "answer": answer,
        "url": url if question.is_public else "",
    }
    mail_in_language(
        "question_answered", context, language=language, to=[question.email], site=site
    )
