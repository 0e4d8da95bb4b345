from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alerts.topics import follow_query
from cooperation.forms import OpportunityForm, QuestionForm
from cooperation.membership import member_required, membership_of
from cooperation.models import (
    Category,
    EnterpriseMember,
    Opportunity,
    Question,
    SitePage,
)
from cooperation.models.article import ARTICLE_ATTACHMENTS, ARTICLE_PAGE, ARTICLE_TAGS
from cooperation.models.enterprise import ENTERPRISE_PAGE
from cooperation.models.opportunity import OPPORTUNITY_PAGE
from cooperation.sectors import SECTORS
from cooperation.services import opportunities
from cooperation.services.lists import (
    answered_questions,
    article_filters,
    article_rows,
    enterprise_filters,
    enterprise_rows,
    enterprises_by_pk,
    listed_articles,
    name_products,
    opportunities_by_pk,
    opportunity_filters,
    opportunity_rows,
)
from cooperation.services.opportunities import submit_opportunity
from cooperation.services.questions import ask
from languages.columns import text_in
from languages.registry import get_language
from search.vocabulary import choices
from translations.fallback import ShownText, fallback_chain, shown_text, shown_texts
from translations.site_columns import in_site_languages
from web import panels
from web.pagination import keyset, list_query, numbered
from web.panels import member_details
from web.permissions import require_perm
from web.public_forms import response_status, submitted
from web.templatetags.fragments import kept_fragment, kept_items
from web.templatetags.memo_url import memo_reverse

# Built once: the enum's choices are a list built on each access (the labels stay lazy).
OPPORTUNITY_KIND_CHOICES = Opportunity.Kind.choices


def _product_groups(language: str, site) -> SimpleLazyObject:
    """The product filter's choices, read only if the select is rendered: its
    markup is kept as a fragment (search/includes/product_select.html), and
    reading the vocabulary (~250 names from the cache) cost more than the rest
    of the filters (bench/http.py --profile)."""
    return SimpleLazyObject(lambda: choices(language, site))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The site's life at a glance: key figures, a search box, then the news,
    events and listings panels the content apps register (web.panels)."""
    # Worked out only where the page renders them: the template keeps both
    # rendered (``{% fragment %}``) as long as a stored page would live, so
    # the five counts and three panels' queries run once per change of the
    # site, not per request (10.6 → 3.9 ms of CPU per uncached home,
    # bench/http.py's site).
    return render(
        request,
        "cooperation/home.html",
        {
            "figures": lambda: panels.figures(request),
            "panels": lambda: panels.render_panels(panels.HOME, request),
        },
    )


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    """Newest first, a page at a time from a cursor: page 5,000 of 100,000
    articles costs what the first page costs."""
    # Read only where needed: a category asked for, or its links drawn (they
    # are kept rendered, {% fragment "news-categories" %}); their query was
    # ~0.8 ms of the news list's ~10 ms of CPU (bench/http.py).
    categories = SimpleLazyObject(lambda: list(in_site_languages(Category.objects.all())))
    filters = article_filters(request.GET, categories)
    # The page's keys first, from a query compiled once per process
    # (article_rows); articles are loaded only where their item is not kept
    # rendered (web.templatetags.fragments.kept_items).
    now = timezone.now()
    pager = keyset(request, article_rows(filters, now), key="published_at", kept_as="news")
    if pager.moved_to:  # ?page=N: to the list, or to that page's cursor
        return redirect(pager.moved_to, permanent=pager.moved_permanently)
    articles = kept_items(
        request, "article-item", pager.items, lambda pks: listed_articles(pks, now)
    )
    return render(
        request,
        "cooperation/article_list.html",
        {
            "articles": articles,
            "pager": pager,
            "categories": categories,
            "category": filters.category,
            "tag": filters.tag,
            "filters": filters,
            "product_groups": _product_groups(translation.get_language(), request.tenant),
            "feed_url": memo_reverse("news_feed") + list_query(request),
            "alert_query": follow_query(
                "article",
                product=filters.product,
                within={
                    "category": filters.category.slug if filters.category else "",
                    "tag": filters.tag.slug if filters.tag else "",
                },
            ),
        },
    )


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = ARTICLE_PAGE.kept_or_404(request, slug=slug, clock={"now": timezone.now()})
    # Shown only inside the kept "article-body" part: not read when it is kept.
    shown_in_body = (
        {}
        if kept_fragment(request, "article-body", article.pk)
        else {
            "attachments": ARTICLE_ATTACHMENTS.list(article=article.pk)
            if article.has_attachments
            else (),
            "tags": ARTICLE_TAGS.list(article=article.pk) if article.has_tags else (),
        }
    )
    return render(
        request,
        "cooperation/article_detail.html",
        {
            "article": article,
            # Its texts as shown, each worked out once for the blocks that show it.
            **shown_texts(request.tenant, article, "title", "summary", "body"),
            **shown_in_body,
        },
    )


@require_safe
def opportunity_list(request: HttpRequest) -> HttpResponse:
    filters = opportunity_filters(request.GET)
    # The page's keys first (prepared, as on the news list); listings are
    # loaded (and their products named) only where their item is not kept
    # rendered.
    today = timezone.localdate()
    rows = opportunity_rows(filters, today)
    pager = keyset(request, rows, key="created_at", kept_as="opportunities")
    if pager.moved_to:  # ?page=N: to the list, or to that page's cursor
        return redirect(pager.moved_to, permanent=pager.moved_permanently)
    language = translation.get_language()

    def load(pks: list) -> dict:
        loaded = opportunities_by_pk(pks, filters, today)
        name_products(list(loaded.values()), language, request.tenant)
        return loaded

    opportunities = kept_items(
        request, "opportunity-item", pager.items, load, key=("pk", "poster_verified")
    )
    # The pair's countries, and whatever was asked for: no scan of all listings.
    countries = sorted({*request.tenant.countries, *([filters.country] if filters.country else [])})
    return render(
        request,
        "cooperation/opportunity_list.html",
        {
            "opportunities": opportunities,
            "pager": pager,
            "filters": filters,
            "keep_filters": filters.keep_panel(request.tenant),
            "kinds": OPPORTUNITY_KIND_CHOICES,
            "sectors": SECTORS,
            "countries": countries,
            "product_groups": _product_groups(language, request.tenant),
            "feed_url": memo_reverse("opportunity_feed") + list_query(request),
            # The alert follows what the list and its feed show, filters and all.
            "alert_query": follow_query(
                "opportunity",
                product=filters.product,
                country=filters.country,
                within={"listing_type": filters.kind, "sector": filters.sector},
            ),
        },
    )


@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = OPPORTUNITY_PAGE.kept_or_404(
        request, pk=pk, clock={"today": timezone.localdate()}
    )
    return render(
        request,
        "cooperation/opportunity_detail.html",
        {
            "opportunity": opportunity,
            # Its texts as shown, each worked out once for the blocks that show it.
            **shown_texts(request.tenant, opportunity, "title", "description"),
            "own_enterprise_id": _own_enterprise_id(request),
        },
    )


def _own_enterprise_id(request: HttpRequest) -> int | None:
    member = membership_of(request)
    return member.enterprise_id if member else None


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def opportunity_post(request: HttpRequest, member: EnterpriseMember) -> HttpResponse:
    form = OpportunityForm(
        request.POST or None,
        site_currency=request.tenant.currency,
        site=request.tenant,
        language=translation.get_language(),
        initial={
            "contact_name": member.user.get_full_name(),
            "contact_email": member.user.email,
            "country": member.enterprise.country,
        },
    )
    if submitted(request, form, "opportunity"):
        if not form.is_robot():
            submit_opportunity(
                enterprise=member.enterprise,
                language=translation.get_language(),
                **form.submitted_data(),
            )
        messages.success(
            request, _("Thank you. Your listing will appear once an editor has checked it.")
        )
        return redirect("dashboard")
    return render(
        request, "cooperation/opportunity_form.html", {"form": form}, status=response_status(form)
    )


@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def opportunity_edit(request: HttpRequest, member: EnterpriseMember, pk: int) -> HttpResponse:
    opportunity = get_object_or_404(
        Opportunity.objects.filter(enterprise=member.enterprise, status__in=opportunities.EDITABLE),
        pk=pk,
    )
    source = opportunity.language
    initial = {
        name: getattr(opportunity, name)
        for name in OpportunityForm.base_fields
        if hasattr(opportunity, name)
        and name not in {"title", "description", OpportunityForm.honeypot_name}
    }
    initial["title"] = text_in(opportunity, "title", source)
    initial["description"] = text_in(opportunity, "description", source)
    initial["product"] = opportunity.hs_codes[0] if opportunity.hs_codes else ""
    form = OpportunityForm(
        request.POST or None,
        site_currency=request.tenant.currency,
        site=request.tenant,
        language=translation.get_language(),
        initial=initial,
    )
    if submitted(request, form, "opportunity"):
        if not form.is_robot():
            opportunities.revise_opportunity(opportunity, **form.submitted_data())
        messages.success(
            request, _("Thank you. Your listing will appear once an editor has checked it.")
        )
        return redirect("dashboard")
    return render(
        request,
        "cooperation/opportunity_form.html",
        {"form": form, "editing": opportunity, "source_language": get_language(source)},
        status=response_status(form),
    )


ENTERPRISES_PER_PAGE = 30


@require_safe
def enterprise_list(request: HttpRequest) -> HttpResponse:
    """Numbered pages: the directory is ordered by name as readers see it
    (fallback included), which no index holds; it stays in the thousands."""
    filters = enterprise_filters(request.GET)
    language = translation.get_language()
    chain = fallback_chain(request.tenant, language)
    # The page's keys first (prepared, enterprise_rows); enterprises are
    # loaded only where their item is not kept rendered, as on the news list
    # (30 whole rows were ~3 of the directory's ~15 ms of CPU).
    pager = numbered(
        request,
        enterprise_rows(filters, chain),
        per_page=ENTERPRISES_PER_PAGE,
        kept_as="enterprises",
    )
    return render(
        request,
        "cooperation/enterprise_list.html",
        {
            "enterprises": kept_items(
                request,
                "enterprise-item",
                pager.items,
                lambda pks: enterprises_by_pk(pks, filters),
            ),
            "pager": pager,
            "filters": filters,
            "keep_filters": filters.keep_panel(request.tenant),
            "sectors": SECTORS,
            "countries": request.tenant.countries,
            "product_groups": _product_groups(language, request.tenant),
            "feed_url": memo_reverse("enterprise_feed") + list_query(request),
            "alert_query": follow_query(
                "enterprise",
                product=filters.product,
                country=filters.country,
                within={
                    "enterprise_sector": filters.sector,
                    "verified": "1" if filters.verified else "",
                },
            ),
        },
    )


@require_safe
def enterprise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    enterprise = ENTERPRISE_PAGE.kept_or_404(request, slug=slug)
    return render(
        request,
        "cooperation/enterprise_detail.html",
        {
            "enterprise": enterprise,
            # Its texts as shown, each worked out once for the blocks that show it.
            **shown_texts(request.tenant, enterprise, "name", "description", "products"),
            "own_enterprise_id": _own_enterprise_id(request),
        },
    )


@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    pager = numbered(request, answered_questions(), kept_as="questions")
    return render(
        request,
        "cooperation/question_list.html",
        {"questions": pager.items, "pager": pager, "feed_url": reverse("question_feed")},
    )


@require_safe
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.published(), pk=pk)
    return render(request, "cooperation/question_detail.html", {"question": question})


@require_http_methods(["GET", "HEAD", "POST"])
def question_ask(request: HttpRequest) -> HttpResponse:
    details = member_details(request.user)
    form = QuestionForm(
        request.POST or None,
        initial={key: details[key] for key in ("name", "email", "country") if key in details},
    )
    if submitted(request, form, "question"):
        if form.is_robot():
            return redirect("question_list")  # say nothing to robots
        question = ask(language=translation.get_language(), **form.submitted_data())
        messages.success(
            request,
            _(
                "Thank you. Your question has reference %(reference)s. The officials aim to answer within %(days)s days; the answer will be sent to %(email)s."
            )
            % {
                "reference": question.reference,
                "days": request.tenant.response_days,
                "email": question.email,
            },
        )
        return redirect("question_list")
    return render(
        request, "cooperation/question_form.html", {"form": form}, status=response_status(form)
    )


@require_safe
@login_required(login_url="account_login")
def question_desk(request: HttpRequest) -> HttpResponse:
    require_perm(request, "cooperation.view_question")
    days = request.tenant.response_days
    return render(
        request,
        "cooperation/question_desk.html",
        {
            "waiting": Question.objects.waiting().order_by("created_at"),
            "overdue_ids": set(Question.objects.overdue(days).values_list("pk", flat=True)),
            "days": days,
        },
    )


# Languages the portal has written the standard pages' default texts in
# (templates/pages/); readers of the others get the English text, with a note.
DEFAULT_PAGE_LANGUAGES = ("en", "zh-hans", "vi", "id")


@require_safe
def site_page(request: HttpRequest, kind: str) -> HttpResponse:
    """About, privacy or accessibility: the site's own text, else the default."""
    language = translation.get_language()
    chain = fallback_chain(request.tenant, language)
    page = SitePage.objects.filter(kind=kind).first()
    body = shown_text(page, "body", chain) if page else None
    label = SitePage.Kind(kind).label
    if body and body.text:
        title = shown_text(page, "title", chain)
        context = {"title": title.text or label, "body": body, "updated": page.updated_at}
    else:
        written = language if language in DEFAULT_PAGE_LANGUAGES else "en"
        # Wholly in the language it is written in: the site's name and the
        # countries too, not the reader's words spliced into English.
        with translation.override(written):
            text = render_to_string(f"pages/{kind}.{written}.html", {"site": request.tenant})
        context = {
            "title": label,
            "body": ShownText(text=text, language=written, requested=language),
        }
    return render(request, "cooperation/site_page.html", {**context, "kind": kind})
