"""The hub at many sites: a dozen likely sites on its home, every site in a
directory by country; each item in a language the visitor reads; ways
forward when its search finds nothing."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from hub import gather
from tenants.models import Domain, Site
from tests.factories.articles import make_article
from tests.factories.opportunities import make_listing

HUB = {"HTTP_HOST": "localhost"}


def page(client, path: str, **headers) -> str:
    response = client.get(path, **HUB, **headers)
    assert response.status_code == 200, path
    return response.content.decode()


def _more_sites(count: int, *, countries=("CN", "TH"), languages=("zh-hans", "th", "en")):
    """``count`` launched sites (rows only: the hub reads no site schema)."""
    sites = Site.objects.bulk_create(
        Site(
            schema_name=f"many_{countries[1].lower()}_{n:03d}",
            code=f"{countries[0].lower()}-{countries[1].lower()}{n:03d}",
            country_a=countries[0],
            country_b=countries[1],
            name=f"Pair {countries[1]} {n:03d}",
            languages=list(languages),
            status=Site.Status.ACTIVE,
            launched_on=datetime.date(2020, 1, 1),
        )
        for n in range(count)
    )
    Domain.objects.bulk_create(
        Domain(tenant=site, domain=f"{site.code}.localhost", is_primary=True) for site in sites
    )
    return sites


def _cards(html: str) -> list[str]:
    """The site codes of the cards, in order."""
    return re.findall(
        r'href="http://([a-z0-9-]+)\.localhost/[a-z-]+/" hreflang="[a-z-]+" class="site-card__link"',
        html,
    )


@pytest.mark.django_db
def test_the_home_shows_a_dozen_sites_those_in_the_visitors_language_first(client, site_vn):
    _more_sites(30)  # Thai sites, no Vietnamese
    _more_sites(3, countries=("CN", "LA"), languages=("zh-hans", "vi"))

    with CaptureQueriesContext(connection) as captured:
        html = page(client, "/vi/")

    cards = _cards(html)
    assert len(cards) == gather.HOME_SITES
    # The four sites a Vietnamese reader can read in Vietnamese come first.
    assert sorted(cards[:4]) == ["cn-la000", "cn-la001", "cn-la002", "cn-vn"]
    # Every site is one link away, and the directory can be filtered by country.
    total = Site.objects.filter(status=Site.Status.ACTIVE).count()
    assert '<a href="sites/">' in html and f"({total})" in html
    assert '<option value="TH">' in html
    assert len(captured) <= 12


@pytest.mark.django_db
def test_the_directory_lists_every_site_by_country_in_pages(client, site_vn):
    _more_sites(30)

    first = page(client, "/en/sites/?country=TH")
    second = page(client, "/en/sites/?country=TH&page=2")
    everything = page(client, "/en/sites/")
    nowhere = page(client, "/en/sites/?country=ZZ")  # unknown: every site

    shown = _cards(first) + _cards(second)
    assert len(shown) == 30 and len(set(shown)) == 30
    assert all(code.startswith("cn-th") for code in shown)
    assert "Showing" in first and "30" in first
    assert len(_cards(everything)) == 24  # a page
    assert len(_cards(nowhere)) == 24


@pytest.mark.django_db
def test_a_french_visitor_reads_an_item_in_english_when_the_browser_accepts_it(client, site_vn):
    with schema_context(site_vn.schema_name):
        make_article(texts={"zh-hans": "中越边境贸易新规", "en": "New border trade rules"})
        make_article(texts={"zh-hans": "只有中文的文章"})

    french_english = page(client, "/fr/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.8")
    french_only = page(client, "/fr/", HTTP_ACCEPT_LANGUAGE="fr")

    # English exists and the browser accepts it: English, linked in English,
    # no "(in Chinese)"; the site card opens China–Vietnam in English too.
    assert "New border trade rules" in french_english
    assert "中越边境贸易新规" not in french_english
    assert 'href="http://cn-vn.localhost/en/news/' in french_english
    assert 'href="http://cn-vn.localhost/en/"' in french_english
    # Only Chinese: the site's default, disclosed as before.
    item = french_english[french_english.index("只有中文的文章") :][:300]
    assert "hub-item__language" in item
    # A browser that accepts only French gets English too, as the sites
    # themselves fall back (reader → English → their own), disclosed.
    assert "New border trade rules" in french_only and "中越边境贸易新规" not in french_only
    item = french_only[french_only.index("New border trade rules") :][:300]
    assert "hub-item__language" in item


@pytest.mark.django_db
def test_the_hub_search_offers_ways_forward_when_nothing_is_found(client, site_vn):
    with schema_context(site_vn.schema_name):
        make_listing(texts={"en": ("Cashew kernels wanted", "W320 grade.")}, codes=["080132"])
        make_listing(texts={"en": ("Quenmirian kernels wanted", "W320 grade.")})

    misspelt = page(client, "/en/search/?q=cashwe")
    filtered = page(client, "/en/search/?q=quenmirian&type=event")
    in_french = page(client, "/fr/search/?q=quenmirian", HTTP_ACCEPT_LANGUAGE="fr")

    assert "Did you mean" in misspelt and "?q=cashew" in misspelt
    # Without the type filter the listing is found, and said so.
    ways = re.search(r'<ul class="no-results__ways">.*?</ul>', filtered, re.S)[0]
    assert "Without the filter" in ways and "type=event" not in ways
    # A French reader of China–Vietnam reads its Chinese text: the English
    # listing is found by the same search in English.
    assert 'href="/en/search/?q=quenmirian"' in in_french


@pytest.mark.django_db
def test_hub_pages_are_stored_apart_for_each_browser_language_list(client, site_vn, settings):
    settings.PAGE_CACHE_SECONDS = 60
    with schema_context(site_vn.schema_name):
        make_article(
            texts={
                "zh-hans": "中越边境贸易新规",
                "vi": "Quy định mới",
                "en": "New border trade rules",
            }
        )

    vietnamese = client.get("/fr/", HTTP_ACCEPT_LANGUAGE="fr,vi;q=0.5", **HUB)
    french = client.get("/fr/", HTTP_ACCEPT_LANGUAGE="fr", **HUB)

    assert "Quy định mới" in vietnamese.content.decode()
    assert "Quy định mới" not in french.content.decode()
    assert "New border trade rules" in french.content.decode()
    assert "Accept-Language" in vietnamese["Vary"]


@pytest.mark.django_db
def test_a_search_in_a_language_no_site_is_written_in_still_shows_ways_on(client, site_vn):
    """A Russian reader's «кешью» finds nothing (no site writes Russian) and
    no spelling is near: the page says in which languages the sites are
    written, and links to every list the hub has."""
    from django.utils import translation

    html = page(client, "/ru/search/?q=кешью", HTTP_ACCEPT_LANGUAGE="ru")

    with translation.override("ru"):
        hint = translation.gettext(
            "The sites are written in their own languages, and often in English: "
            "words in one of them may find more."
        )
    ways = html[html.index('class="no-results"') :]
    assert hint in ways
    for link in (
        'href="/ru/search/?type=article"',
        'href="/ru/search/?type=opportunity"',
        'href="/ru/events/"',
        'href="/ru/sites/"',
    ):
        assert link in ways


@pytest.mark.django_db
def test_the_country_filter_lists_countries_as_the_reader_sorts_them(client, site_vn, site_id):
    """Chinese by pinyin (印度尼西亚 yìn, 越南 yuè, 中国 zhōng), not by code point."""
    from languages.collation import sorted_by

    chosen = re.search(r'<select id="hub-country".*?</select>', page(client, "/zh-hans/"), re.S)[0]
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', chosen)

    assert names == sorted_by(names, "zh-hans") == ["印度尼西亚", "越南", "中国"]
