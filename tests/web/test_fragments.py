"""Fragments kept rendered (``{% fragment %}``, web/templatetags/fragments.py):
reused while nothing changes, never once something shown in them has.

Pages are asked for with ``Cache-Control: no-cache`` so that they are
rendered each time: only the fragments could be stale.
"""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from cooperation.models import Article
from tests.factories.accounts import make_member
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from web.fragment_store import fragments as kept_fragments

VN = "cn-vn.localhost"


def rendered(path: str, client: Client | None = None) -> str:
    response = (client or Client()).get(path, HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, path
    return response.content.decode()


def fragment_keys() -> list[str]:
    return [key for key in kept_fragments if key.startswith("fragment:")]


def test_list_items_are_rendered_once_then_reused(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="kept", texts={"en": "Kept rendered"})
    first = rendered("/en/news/")
    stored = len(fragment_keys())
    second = rendered("/en/news/")

    assert "Kept rendered" in first
    assert second == first
    assert stored > 1  # the items, the page's chrome
    assert len(fragment_keys()) == stored


def test_an_edit_shows_at_once(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="edited", texts={"en": "Before"})
    assert "Before" in rendered("/en/news/")
    with in_site(site_vn), committed():
        Article.objects.filter(slug="edited").update(title_en="After the edit")

    page = rendered("/en/news/")

    assert "After the edit" in page
    assert "Before" not in page


def test_the_writers_own_connection_sees_its_uncommitted_change(site_vn, in_site):
    with in_site(site_vn):
        make_article(slug="pending", texts={"en": "Written, not committed"})

    assert "Written, not committed" in rendered("/en/news/")
    assert fragment_keys() == []


def test_each_language_has_its_own_fragments(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="bilingual", texts={"en": "In English", "vi": "Bằng tiếng Việt"})

    english, vietnamese = rendered("/en/news/"), rendered("/vi/news/")

    assert "In English" in english and "Bằng tiếng Việt" not in english
    assert "Bằng tiếng Việt" in vietnamese and "In English" not in vietnamese
    assert 'href="/vi/news/bilingual/"' in vietnamese


def test_a_signed_in_person_and_a_visitor_share_items_not_their_menu(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        member = make_member()
    signed_in = Client()
    with in_site(site_vn), committed():
        # force_login: django-axes wants the request that Client.login() does not pass.
        signed_in.force_login(member.user)

    theirs = rendered("/en/news/", signed_in)
    anonymous = rendered("/en/news/")

    assert "Sign out" in theirs and "csrfmiddlewaretoken" in theirs
    assert "Sign out" not in anonymous and "csrfmiddlewaretoken" not in anonymous
    assert "Sign in" in anonymous


def test_an_article_published_at_a_set_time_appears_then(site_vn, in_site, committed):
    later = timezone.now() + datetime.timedelta(hours=3)
    with in_site(site_vn), committed():
        make_article(slug="scheduled", texts={"en": "Scheduled news"}, published_at=later)
    assert "Scheduled news" not in rendered("/en/")

    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert "Scheduled news" in rendered("/en/")


def test_an_event_item_changes_when_the_event_is_cancelled(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        event = make_event(slug="maybe", titles={"en": "Maybe held"})
    assert "event-item--cancelled" not in rendered("/en/events/")
    with in_site(site_vn), committed():
        event.status = "cancelled"
        event.save()

    assert "event-item--cancelled" in rendered("/en/events/")


def test_without_the_page_cache_nothing_is_kept(site_vn, settings):
    settings.PAGE_CACHE_SECONDS = 0

    rendered("/en/news/")

    assert fragment_keys() == []


@pytest.mark.parametrize(("path", "queries"), [("/vi/news/", 3), ("/vi/events/", 4), ("/vi/", 7)])
def test_pages_of_fragments_read_no_more_than_rendered_ones(
    site_vn, django_assert_max_num_queries, path, queries
):
    rendered(path)  # the fragments are kept

    # The page's own queries and django-tenants' one SET search_path.
    with django_assert_max_num_queries(queries + 1):
        rendered(path)


def test_search_filters_keep_each_visitors_choice(site_vn):
    plain = rendered("/en/search/?q=rice")
    chosen = rendered("/en/search/?q=rice&country=VN")
    again = rendered("/en/search/?q=rice")

    assert '<option value="VN" selected>' in chosen
    assert '<option value="VN" selected>' not in plain
    assert again == plain


@pytest.mark.parametrize("odd", ["a b", "x" * 300, "%E2%80%AE%F0%9F%8C%8F", "VN&country=CN"])
def test_odd_filter_values_are_keys_never_errors(site_vn, odd):
    page = rendered(f"/en/search/?q=rice&country={odd}&product={odd}")

    assert 'name="country"' in page


def test_a_nul_in_a_filter_is_refused_before_any_fragment(site_vn):
    response = Client().get("/en/search/?q=rice&country=%00", HTTP_HOST=VN)

    assert response.status_code == 400


def test_the_registration_form_is_shared_by_visitors_only(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_event(slug="open-forum", titles={"en": "Open forum"})
        member = make_member()
    rendered("/en/events/open-forum/")  # a visitor's empty form is kept
    signed_in = Client()
    with in_site(site_vn), committed():
        signed_in.force_login(member.user)

    theirs = rendered("/en/events/open-forum/", signed_in)
    visitor = rendered("/en/events/open-forum/")

    assert f'value="{member.user.email}"' in theirs
    assert member.user.email not in visitor
    assert 'name="csrfmiddlewaretoken"' in visitor and 'name="email"' in visitor


def test_a_renamed_product_shows_at_once_in_every_product_select(site_vn, in_site, committed):
    from search.models import ProductTerm

    pages = ("/en/opportunities/", "/en/enterprises/", "/en/search/?q=rice")
    before = [rendered(path) for path in pages]
    with in_site(site_vn), committed():
        name = ProductTerm.objects.get(product_id="0901", language="en", kind="name")
        name.text = "Coffee, renamed by an editor"
        name.save()  # as the admin saves it

    after = [rendered(path) for path in pages]

    assert all("Coffee, renamed by an editor" not in page for page in before)
    assert all("Coffee, renamed by an editor" in page for page in after)


def _figure(page: str, label: str) -> int:
    found = re.search(rf"<strong>([\d,.\s]+)</strong> <span>{label}</span>", page)
    assert found, label
    return int(re.sub(r"\D", "", found.group(1)))


def test_the_homes_figures_and_panels_follow_every_write(site_vn, in_site, committed):
    """The home keeps its figures and panels rendered (they cost most of its
    render): a new article, event or listing shows on the next view."""
    first = rendered("/en/")
    events, listings = _figure(first, "events this year"), _figure(first, "listings open")
    assert rendered("/en/") == first  # kept: nothing changed

    with in_site(site_vn), committed():
        make_article(slug="fresh-news", texts={"en": "Fresh on the home"})
        make_event(slug="fresh-event", titles={"en": "Fresh event on the home"},
                   starts=timezone.now() + datetime.timedelta(days=1))  # fmt: skip
        make_listing(texts={"en": ("Fresh listing on the home", "Cashew, shelled.")})
    page = rendered("/en/")

    assert "Fresh on the home" in page and "Fresh event on the home" in page
    assert "Fresh listing on the home" in page
    assert _figure(page, "listings open") == listings + 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert _figure(page, "events this year") == events + (
        tomorrow.year == timezone.localdate().year
    )


def test_a_visitor_and_a_member_share_the_homes_panels(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        member = make_member()
    signed_in = Client()
    with in_site(site_vn), committed():
        signed_in.force_login(member.user)

    theirs, anonymous = rendered("/en/", signed_in), rendered("/en/")

    panels = re.compile(r'<div class="home-panels">.*?</section>\s*</div>', re.S)
    assert panels.search(theirs).group() == panels.search(anonymous).group()
    assert "Sign out" in theirs and "Sign out" not in anonymous


def test_the_kept_home_reads_only_the_site(site_vn, django_assert_max_num_queries):
    rendered("/vi/")  # its figures and panels are kept

    # django-tenants' SET search_path, and the page's own: none for counts or panels.
    with django_assert_max_num_queries(2):
        rendered("/vi/")


def test_the_news_list_loads_only_the_articles_whose_items_are_not_kept(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    with in_site(site_vn), committed():
        made = [make_article(slug=f"kept-{n}", texts={"en": f"Kept item {n}"}) for n in range(3)]
    whole = rendered("/en/news/")
    # One item's fragment is gone (evicted, expired): that article alone is read.
    (evicted,) = [key for key in fragment_keys() if key.endswith(f":article-item:{made[1].pk}")]
    kept_fragments.delete(evicted)

    assert rendered("/en/news/") == whole
    # SET search_path, the page's keys and its count (the categories are
    # kept with their links): no articles.
    with django_assert_max_num_queries(4):
        assert rendered("/en/news/") == whole


def test_the_news_list_reads_its_categories_only_to_draw_them(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    """Their links are kept rendered, per category shown as current: a
    kept page does not ask for them (~0.8 ms of CPU of the news list's ~10),
    and a renamed category shows at once."""
    from cooperation.models import Category

    with in_site(site_vn), committed():
        Category.objects.create(slug="kept-trade", name_en="Kept trade")
    whole = rendered("/en/news/")
    assert ">Kept trade</a>" in whole

    with django_assert_max_num_queries(3) as queries:
        assert rendered("/en/news/") == whole
    assert not any('"cooperation_category"' in q["sql"] for q in queries.captured_queries)
    assert 'lang="en" aria-current="page">Kept trade</a>' in rendered(
        "/en/news/?category=kept-trade"
    )
    with in_site(site_vn), committed():
        Category.objects.filter(slug="kept-trade").update(name_en="Kept trade policy")
    assert ">Kept trade policy</a>" in rendered("/en/news/")


def test_the_events_subscription_is_kept_per_type(site_vn, monkeypatch):
    """Its addresses are worked out only where it is drawn (~0.5 ms of the
    events list's CPU, view and template), and each type keeps its own."""
    from events import views

    calls = []
    original = views.subscription_addresses
    monkeypatch.setattr(views, "subscription_addresses", lambda *a: calls.append(a) or original(*a))
    whole, forums = rendered("/en/events/"), rendered("/en/events/?type=forum")
    assert len(calls) == 2
    assert "calendar.ics?type=forum" in forums and "calendar.ics?type=forum" not in whole

    assert (rendered("/en/events/"), rendered("/en/events/?type=forum")) == (whole, forums)
    assert len(calls) == 2


def test_an_article_deleted_leaves_the_news_list_at_once(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        make_article(slug="short-lived", texts={"en": "Short-lived news"})
    assert "Short-lived news" in rendered("/en/news/")
    with in_site(site_vn), committed():
        Article.objects.filter(slug="short-lived").delete()

    assert "Short-lived news" not in rendered("/en/news/")


def test_each_page_heads_its_own_list_feed_not_the_first_pages(site_vn):
    # The kept <head> links once held the feed of whichever list drew them first.
    title = 'title="Follow this list (Atom feed)" href="'
    plain = rendered("/en/news/")
    filtered = rendered("/en/news/?product=0901")
    home = rendered("/en/")

    assert title + '/en/news/feed.atom"' in plain and "0901" not in plain.split("</head>")[0]
    assert "0901" in filtered.split("</head>")[0].split(title)[1].split('"')[0]
    assert title not in home


@pytest.mark.parametrize(
    ("path", "choice", "chosen"),
    [
        ("/en/opportunities/", "type=demand", '<option value="demand" selected>'),
        ("/en/enterprises/", "verified=1", 'value="1" checked>'),
        ("/en/events/", "type=trade_fair", '<option value="trade_fair" selected>'),
        ("/en/news/", "product=0801", '<option value="0801" selected>'),
    ],
)
def test_a_lists_kept_filters_show_each_visitors_choice(site_vn, path, choice, chosen):
    plain = rendered(path)
    filtered = rendered(f"{path}?{choice}")

    assert chosen in filtered and chosen not in plain
    assert rendered(path) == plain and rendered(f"{path}?{choice}") == filtered


def test_the_events_calendar_links_are_kept_apart_for_past_and_upcoming(site_vn):
    upcoming, past = rendered("/en/events/"), rendered("/en/events/past/")

    assert re.search(r'href="/en/events/" aria-current="page"', upcoming)
    assert re.search(r'href="/en/events/past/" aria-current="page"', past)
    assert rendered("/en/events/") == upcoming
