"""What the cooperation app puts in the editors' workspace: its pages, the
counts of work waiting on the dashboard, and its slugged models."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Site
from web import workspace
from web.workspace import NEW, Item


def _admin_list(model: str, query: str = "") -> str:
    return reverse(f"admin:cooperation_{model}_changelist") + (f"?{query}" if query else "")


def listings_to_moderate(site: Site) -> list[Item]:
    from cooperation.models import Opportunity

    return [
        Item(
            _("Trade opportunities to approve or reject"),
            Opportunity.objects.pending().count(),
            _admin_list("opportunity", "status__exact=pending"),
        )
    ]


def questions_waiting(site: Site) -> list[Item]:
    from django.db.models import Count, Q

    from cooperation.models import Question

    counts = Question.objects.waiting().aggregate(
        waiting=Count("pk"),
        overdue=Count(
            "pk", filter=Q(pk__in=Question.objects.overdue(site.response_days).values("pk"))
        ),
    )
    url = reverse("question_desk")
    return [
        Item(
            _("Questions past the %(days)s-day answer target") % {"days": site.response_days},
            counts["overdue"],
            url,
            urgent=True,
        ),
        Item(_("Questions waiting for an answer"), counts["waiting"], url),
    ]


def enterprises_to_verify(site: Site) -> list[Item]:
    from django.db.models import Count, Q

    from cooperation.models import Enterprise

    listed = Q(is_listed=True)
    counts = Enterprise.objects.aggregate(
        # Confirmed sign-ups on a site that reviews them: not listed yet, so
        # counted apart, or nobody would see them waiting.
        awaiting=Count("pk", filter=Q(awaiting_review=True)),
        unverified=Count("pk", filter=listed & Q(verified=False)),
        new=Count("pk", filter=listed & Q(created_at__gte=workspace.since_new())),
    )
    return [
        Item(
            _("Enterprises waiting for approval"),
            counts["awaiting"],
            _admin_list("enterprise", "awaiting_review__exact=1"),
        ),
        Item(
            _("Enterprises not yet verified"),
            counts["unverified"],
            _admin_list("enterprise", "verified__exact=0&is_listed__exact=1"),
        ),
        Item(
            _("New enterprise registrations"),
            counts["new"],
            _admin_list(
                "enterprise", f"created_at__gte={workspace.since_new().date().isoformat()}"
            ),
            group=NEW,
        ),
    ]


def new_match_requests(site: Site) -> list[Item]:
    from cooperation.models import MatchRequest

    count = MatchRequest.objects.filter(created_at__gte=workspace.since_new()).count()
    return [
        Item(
            _("New matchmaking requests between enterprises"),
            count,
            reverse("matchmaking_statistics"),
            group=NEW,
        )
    ]


def _has_published_article(site: Site) -> bool:
    from cooperation.models import Article

    return Article.objects.published().exists()


def _has_translator(site: Site) -> bool:
    from django.contrib.auth import get_user_model

    from cooperation.roles import ROLES

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=ROLES["translator"].group)
        .exists()
    )


def _site_page(kind: str):
    from cooperation.models import SitePage

    return SitePage.objects.filter(kind=kind).first()


def _page_written_in_every_language(kind: str):
    """Done when the site wrote its own text for the page in each of its
    languages: until then readers of a missing one get the portal's
    default text (English where the portal has none in their language)."""
    from languages.columns import text_in

    def done(site: Site) -> bool:
        page = _site_page(kind)
        return page is not None and all(
            text_in(page, "body", language).strip() for language in site.languages
        )

    return done


def _page_editor(kind: str):
    """The page's change form in the admin, or the add form with its kind chosen."""

    def link(site: Site) -> str:
        page = _site_page(kind)
        if page is not None:
            return reverse("admin:cooperation_sitepage_change", args=[page.pk])
        return reverse("admin:cooperation_sitepage_add") + f"?kind={kind}"

    return link


def register() -> None:
    from cooperation.models import Article, Category, Enterprise, Tag
    from tenants.services.launch import LaunchStep, register_step
    from web import rich_text, slug_field

    register_step(
        LaunchStep(
            key="first_article",
            label=gettext_lazy("A first article, published"),
            done=_has_published_article,
            url_name="admin:cooperation_article_add",
            order=40,
        )
    )
    for key, label, order in (
        ("about_page", gettext_lazy("The about page, in every language of the site"), 33),
        ("privacy_page", gettext_lazy("The privacy page, in every language of the site"), 36),
    ):
        kind = key.removesuffix("_page")
        register_step(
            LaunchStep(
                key=key,
                label=label,
                done=_page_written_in_every_language(kind),
                url_name="admin:cooperation_sitepage_changelist",
                order=order,
                link=_page_editor(kind),
            )
        )
    register_step(
        LaunchStep(
            key="translator",
            label=gettext_lazy("At least one translator"),
            done=_has_translator,
            url_name="workspace_people",
            anchor="#invite",
            order=50,
        )
    )

    workspace.register_page(
        workspace.Page(
            "question_desk", gettext_lazy("Question desk"), "cooperation.view_question", 20
        )
    )
    workspace.register_page(
        workspace.Page(
            "matchmaking_statistics",
            gettext_lazy("Matchmaking figures"),
            "cooperation.view_matchrequest",
            50,
        )
    )
    workspace.register_page(
        workspace.Page("workspace_people", gettext_lazy("People and roles"), "auth.add_user", 85)
    )
    workspace.register_count(
        workspace.Count("listings", "cooperation.moderate_opportunity", listings_to_moderate, 10)
    )
    workspace.register_count(
        workspace.Count("questions", "cooperation.view_question", questions_waiting, 20)
    )
    workspace.register_count(
        workspace.Count("enterprises", "cooperation.verify_enterprise", enterprises_to_verify, 40)
    )
    workspace.register_count(
        workspace.Count("matches", "cooperation.view_matchrequest", new_match_requests, 50)
    )
    slug_field.register(Article, "title")
    slug_field.register(Category, "name")
    slug_field.register(Tag, "name")
    slug_field.register(Enterprise, "name")
    rich_text.register_upload_perm("cooperation.change_article")
