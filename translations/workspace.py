"""What the translations app puts in the editors' workspace: the status page,
and the translations missing or outdated per language."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from languages.formatting import language_in_sentence
from tenants.models import Site
from translations.services.translation_status import MISSING, OUTDATED, backlog
from web import workspace
from web.workspace import Item


def translations_waiting(site: Site) -> list[Item]:
    url = reverse("translation_status")
    items = []
    for language, counts in backlog(site).items():
        name = language_in_sentence(language, translation.get_language())
        items.append(
            Item(
                _("Translations missing in %(language)s") % {"language": name}, counts[MISSING], url
            )
        )
        items.append(
            Item(
                _("Translations outdated in %(language)s") % {"language": name},
                counts[OUTDATED],
                url,
            )
        )
    return items


def open_tasks(site: Site) -> list[Item]:
    from django.db.models import Count, Q

    from translations.services import tasks

    counts = tasks.waiting(site).aggregate(
        open=Count("pk"), asked=Count("pk", filter=Q(requests__gt=0))
    )
    url = reverse("translation_tasks")
    return [
        Item(_("Translation tasks waiting"), counts["open"], url),
        Item(_("Pages readers asked to have translated"), counts["asked"], url, urgent=True),
    ]


def register() -> None:
    workspace.register_page(
        workspace.Page(
            "translation_status",
            gettext_lazy("Translation status"),
            "i18n.view_translationsource",
            30,
        )
    )
    workspace.register_page(
        workspace.Page(
            "translation_tasks",
            gettext_lazy("Translation tasks"),
            "i18n.view_translationsource",
            29,
        )
    )
    workspace.register_count(
        workspace.Count("translations", "i18n.view_translationsource", translations_waiting, 30)
    )
    workspace.register_count(
        workspace.Count("translation_tasks", "i18n.view_translationsource", open_tasks, 29)
    )
