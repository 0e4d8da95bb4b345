from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from cooperation import alert_topics, demo, demo_products, panels, signals, workspace
        from cooperation.models import Article, Enterprise, Opportunity, Question, SitePage
        from cooperation.models.article import next_publication
        from cooperation.services.articles import article_keywords
        from search import registry as search
        from tenants.services import site_parts
        from tenants.services.provisioning import register_demo_loader
        from translations.services import tasks as translation_tasks
        from web import page_cache
        from web import panels as shared

        signals.connect(self)
        for page, key, position, template, context in (
            (shared.DASHBOARD, "requests", 10, "dashboard_requests", panels.dashboard_requests),
            (shared.DASHBOARD, "listings", 20, "dashboard_listings", panels.dashboard_listings),
            (shared.DASHBOARD, "questions", 40, "dashboard_questions", panels.dashboard_questions),
            (shared.HOME, "news", 10, "home_news", panels.home_news),
            (shared.HOME, "listings", 30, "home_listings", panels.home_listings),
        ):
            template = f"cooperation/panels/{template}.html"
            shared.register(page, shared.Panel(key, position, template, context))
        shared.FIGURES["1-cooperation"] = panels.figures
        shared.register_member_details(panels.member_details)
        workspace.register()
        alert_topics.register_topics()
        register_demo_loader(demo.load_demo_content)
        # An article published at a set time appears then, with no write.
        page_cache.register_schedule(next_publication)
        # After every content loader of this app: codes what they brought.
        register_demo_loader(demo_products.code_demo_content)
        # clone_site copies the taxonomy; people and what they wrote stay behind.
        site_parts.register_tables(
            structure=("cooperation.Category", "cooperation.Tag"),
            content=(
                "cooperation.Article", "cooperation.Attachment", "cooperation.Enterprise",
                "cooperation.EnterpriseMember", "cooperation.MatchRequest",
                "cooperation.Opportunity", "cooperation.Question", "cooperation.TopicOwner",
                "cooperation.SitePage",  # it names the site: a clone writes its own
            ),
        )  # fmt: skip

        search.register(
            Article,
            search.Searchable(
                kind="article",
                label=_("News and policies"),
                title="title",
                body=("summary", "body"),
                url_name="article_detail",
                url_kwargs=lambda article: {"slug": article.slug},
                is_public=lambda article: article.status == Article.Status.PUBLISHED,
                visible_from=lambda article: article.published_at,
                products=lambda article: article.hs_codes,
                dated=lambda article: article.published_at,
                keywords=article_keywords,
            ),
        )
        search.register(
            Opportunity,
            search.Searchable(
                kind="opportunity",
                label=_("Trade opportunities"),
                title="title",
                body=("description",),
                url_name="opportunity_detail",
                url_kwargs=lambda opportunity: {"pk": opportunity.pk},
                is_public=lambda opportunity: opportunity.status == Opportunity.Status.APPROVED,
                visible_until=lambda opportunity: opportunity.valid_until,
                products=lambda opportunity: opportunity.hs_codes,
                country=lambda opportunity: opportunity.country,
                dated=lambda opportunity: opportunity.created_at,
            ),
        )
        search.register(
            Enterprise,
            search.Searchable(
                kind="enterprise",
                label=_("Enterprises"),
                title="name",
                body=("description", "products"),
                url_name="enterprise_detail",
                url_kwargs=lambda enterprise: {"slug": enterprise.slug},
                is_public=lambda enterprise: enterprise.is_listed,
                products=lambda enterprise: enterprise.hs_codes,
                country=lambda enterprise: enterprise.country,
                dated=lambda enterprise: enterprise.created_at,
            ),
        )
        search.register(
            Question,
            search.Searchable(
                kind="question",
                label=_("Questions and answers"),
                title="question",
                body=("answer",),
                url_name="question_detail",
                url_kwargs=lambda question: {"pk": question.pk},
                is_public=lambda question: (
                    question.status == Question.Status.ANSWERED and question.is_public
                ),
                dated=lambda question: question.answered_at,
            ),
        )
        # Translators are asked for the languages content lacks when it goes
        # public (an article published, a listing approved, an enterprise
        # listed, an answer published); readers may ask for them too.
        translation_tasks.register(
            Article, is_public=lambda article: article.status == Article.Status.PUBLISHED
        )
        translation_tasks.register(
            Opportunity,
            is_public=lambda opportunity: opportunity.status == Opportunity.Status.APPROVED,
        )
        translation_tasks.register(Enterprise, is_public=lambda enterprise: enterprise.is_listed)
        # About, privacy, accessibility: public once the site writes its own
        # text (until then readers get the portal's default in their language).
        translation_tasks.register(SitePage, is_public=lambda page: page.is_written())
        translation_tasks.register(
            Question,
            is_public=lambda question: (
                question.status == Question.Status.ANSWERED and question.is_public
            ),
        )
