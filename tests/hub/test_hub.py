"""The hub gathers every launched site's news, listings and events in the
visitor's language, searches them all, and keeps that language in its links."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from hub.models import HubEntry
from tenants.models import Site
from tests.factories.articles import make_article
from tests.factories.opportunities import make_listing

HUB = {"HTTP_HOST": "localhost"}


def page(client, path: str) -> str:
    response = client.get(path, **HUB)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.django_db
def test_the_hub_shows_every_sites_news_listings_and_events_labelled_with_their_site(
    client, site_vn, site_id
):
    with schema_context(site_vn.schema_name):
        make_article(texts={"vi": "Tin mới nhất từ Lạng Sơn", "en": "Latest from Lang Son"})
    with schema_context(site_id.schema_name):
        make_listing(texts={"id": ("Permintaan kopi robusta", "Jawa Timur.")}, country="ID")

    html = page(client, "/vi/")

    assert "Tin mới nhất từ Lạng Sơn" in html  # in Vietnamese where the site offers it
    assert "Permintaan kopi robusta" in html  # China–Indonesia has no Vietnamese: its default
    # Labelled with its site, and the link opens the site in a language it offers.
    assert 'href="http://cn-vn.localhost/vi/news/' in html
    assert re.search(r'href="http://cn-id\.localhost/(zh-hans|id|en)/opportunities/\d+/"', html)
    # The site cards carry the language too.
    assert 'href="http://cn-vn.localhost/vi/"' in html
    assert f'href="http://cn-id.localhost/{site_id.default_language}/"' in html


@pytest.mark.django_db
def test_untranslated_items_say_which_language_they_are_in(client, site_vn):
    with schema_context(site_vn.schema_name):
        make_article(texts={"zh-hans": "中越边境贸易新规"})

    html = page(client, "/vi/")

    item = html[html.index("中越边境贸易新规") - 400 : html.index("中越边境贸易新规") + 200]
    assert 'lang="zh-hans"' in item
    assert "hub-item__language" in html[html.index("中越边境贸易新规") :][:300]


@pytest.mark.django_db
def test_drafts_and_their_content_stay_off_the_hub(client, site_vn):
    with schema_context(site_vn.schema_name):
        make_article(texts={"en": "Draft site headline"})
    Site.objects.filter(pk=site_vn.pk).update(status=Site.Status.DRAFT, launched_on=None)

    html = page(client, "/en/")
    assert "Draft site headline" not in html
    assert "cn-vn.localhost" not in html
    assert "Draft site headline" not in page(client, "/en/search/?q=headline")


@pytest.mark.django_db
def test_hub_search_finds_every_site_in_the_visitors_language_and_across_languages(
    client, site_vn, site_id
):
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Cashew kernels wanted, W240", "For a plant in Guangxi.")})
    with schema_context(site_id.schema_name):
        make_listing(
            texts={"id": ("Kacang mete gelondong", "Dari Flores.")}, codes=["0801"], country="ID"
        )
        make_listing(texts={"id": ("Lada hitam", "Lampung.")}, codes=["0904"], country="ID")

    html = page(client, "/vi/search/?q=hat+dieu")

    assert "Cashew kernels wanted, W240" in html  # English text, found by its Vietnamese name
    assert "Kacang mete gelondong" in html  # another site, coded 0801
    assert "Lada hitam" not in html
    assert 'href="http://cn-vn.localhost/vi/opportunities/' in html
    assert re.search(r"Hiển thị 1–\d+ trong \d+", html)  # with a total


@pytest.mark.django_db
def test_hub_search_pages_have_a_page_2(client, site_vn):
    with schema_context(site_vn.schema_name):
        for n in range(25):
            make_listing(texts={"en": (f"Rubber lot {n}", "RSS3.")})

    first = page(client, "/en/search/?q=rubber+lot")
    second = page(client, "/en/search/?q=rubber+lot&page=2")

    assert 'rel="next"' in first
    assert "Rubber lot 0" in second  # the oldest, on the last page
    assert client.get("/en/search/?q=rubber+lot&page=x", **HUB).status_code == 404
    # Past the end: the last page in place, as every list's pager answers.
    assert "Rubber lot 0" in page(client, "/en/search/?q=rubber+lot&page=99")


@pytest.mark.django_db
def test_the_index_follows_every_write(site_vn):
    with schema_context(site_vn.schema_name):
        article = make_article(texts={"en": "Indexed on save"})
        assert HubEntry.objects.filter(
            site=site_vn, kind="article", object_id=article.pk
        ).count() == len(site_vn.languages)
        article.status = article.Status.DRAFT
        article.save()
        assert not HubEntry.objects.filter(
            site=site_vn, object_id=article.pk, kind="article"
        ).exists()
        article.status = article.Status.PUBLISHED
        article.save()
        article.delete()
        assert not HubEntry.objects.filter(
            site=site_vn, object_id=article.pk, kind="article"
        ).exists()


@pytest.mark.django_db
def test_hub_pages_cost_the_same_queries_whatever_the_number_of_sites(client, site_vn, settings):
    # The page's own queries: a stored copy would cost none, and storing one
    # looks up the next scheduled change once per generation.
    settings.PAGE_CACHE_SECONDS = 0

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, path)
        return len(captured)

    # Written first, as a draft the hub does not show: both counts are then
    # taken with a change not yet committed, which no process remembers
    # sites across (hub.gather.public_sites).
    clone = Site.objects.create(
        schema_name="site_hub_extra",
        code="hub-extra",
        country_a="CN",
        country_b="TH",
        name="Extra",
        languages=["th", "en"],
        status=Site.Status.DRAFT,
    )
    clone.domains.create(domain="hub-extra.localhost", is_primary=True)
    before = (queries("/en/"), queries("/en/search/?q=trade"))
    clone.status = Site.Status.ACTIVE
    clone.launched_on = timezone.localdate() - datetime.timedelta(days=1)
    clone.save()
    after = (queries("/en/"), queries("/en/search/?q=trade"))

    assert "Extra" in page(client, "/en/")
    assert after == before


@pytest.mark.django_db
def test_a_stored_hub_page_is_dropped_when_a_site_publishes(
    client, site_vn, django_capture_on_commit_callbacks
):
    """The hub's index is written by raw SQL from inside the site's schema:
    the page cache must still see it as a write to the public schema."""
    page(client, "/en/")
    assert client.get("/en/", **HUB)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True), schema_context(site_vn.schema_name):
        make_article(texts={"en": "Border gate opens on Sundays"})

    fresh = client.get("/en/", **HUB)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Border gate opens on Sundays" in fresh.content.decode()


@pytest.mark.django_db
def test_odd_hub_searches_get_a_page_or_a_clear_4xx(client, site_vn, site_id):
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Cashew kernels, W320", "Guangxi.")})
    answers = {
        path: client.get(path, **HUB).status_code
        for path in (
            "/en/search/?q=cash%00ew",
            "/en/search/?q=" + "cashew+" * 2000,
            "/en/search/?q=cashew&q=rubber&type=article&type=event",
            "/en/search/?q[]=cashew",
            "/en/search/?q=%ED%A0%80",  # a lone surrogate, as UTF-8 bytes
            "/en/search/?q=%E2%80%AEweshac",  # a right-to-left override
            "/en/search/?q=cashew&type=../../etc&site=cn-id%00",
            "/en/search/?q=cashew&site=" + "x" * 5000,
            "/en/search/?q=cashew&page=-1",
            "/en/search/?q=cashew&page=99999999999999999999",
        )
    }
    assert {code for code in answers.values()} <= {200, 302, 400, 404}, answers
    assert answers["/en/search/?q=cash%00ew"] == 400  # a NUL: refused before any view
    assert answers["/en/search/?q=cashew&page=-1"] == 404
    # A site the visitor names that is not on the hub is no filter at all, never a leak.
    with schema_context(site_id.schema_name):
        make_listing(texts={"id": ("Kacang mete", "Flores.")}, codes=["0801"], country="ID")
    Site.objects.filter(pk=site_id.pk).update(status=Site.Status.DRAFT, launched_on=None)
    assert "Kacang mete" not in page(client, "/en/search/?q=cashew&site=cn-id")


@pytest.mark.django_db
def test_hub_search_marks_whole_product_names_not_their_syllables(client, site_id):
    with schema_context(site_id.schema_name):
        make_listing(
            texts={"id": ("Kopi robusta dicari", "Pembeli mencari kopi dari Lampung.")},
            codes=["0901"],
            country="ID",
        )

    html = page(client, "/id/search/?q=kopi")

    assert "<mark>kopi</mark>" in html.lower()
    # Names of coffee in other languages ("cà phê", "hạt cà phê") are marked
    # whole where they stand, never as "ca" inside "mencari".
    assert "men<mark>" not in html


@pytest.mark.django_db
def test_a_visitor_whose_language_no_site_offers_reads_items_in_english_where_they_exist(
    client, site_vn
):
    """A Russian reader (no site offers Russian) reads an item in English
    where it has English, as on the sites themselves (reader → English →
    the site's own), not in the site's default Chinese; its link opens that
    English page. An item without English stays in the site's language."""
    with schema_context(site_vn.schema_name):
        make_article(texts={"zh-hans": "腰果出口增长", "en": "Cashew exports grow"}, slug="cashew")
        make_article(texts={"zh-hans": "橡胶价格回升"}, slug="rubber")

    html = page(client, "/ru/")

    assert "Cashew exports grow" in html and "腰果出口增长" not in html
    assert 'href="http://cn-vn.localhost/en/news/cashew/"' in html
    assert "橡胶价格回升" in html


@pytest.mark.django_db
def test_the_hub_home_chooses_each_rows_language_once(monkeypatch, site_vn):
    """``gathered`` swaps the three lists' rows into the visitor's languages
    in one pass; the items are built from those rows, not preferred again
    (a second loop over every row of the hub's busiest page)."""
    from hub import gather

    with schema_context(site_vn.schema_name):
        make_article(texts={"zh-hans": "腰果出口增长", "en": "Cashew exports grow"}, slug="cashew")
    passes = []
    real = gather._preferred

    def counted(entries, *args, **kwargs):
        entries = list(entries)
        passes.append(len(entries))
        return real(entries, *args, **kwargs)

    monkeypatch.setattr(gather, "_preferred", counted)
    shown = gather.gathered("ru")
    titles = [item.title for item in shown.news]
    assert "Cashew exports grow" in titles and "腰果出口增长" not in titles
    assert passes == [len(shown.news) + len(shown.listings) + len(shown.events)]
