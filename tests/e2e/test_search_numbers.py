"""Result numbers on a deep page of results (981 and on) stay inside their
cards on a phone: they are drawn in each result's first line, not as list
markers in the list's narrow margin, where four digits reached the edge."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tenants.utils import schema_context

from cooperation.models import Article
from search.models import SearchDocument
from search.text import tsvector

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WORD = "quillmarket"


@pytest.fixture
def thousand_results(django_db_blocker):
    """1,000 public documents holding WORD on China–Vietnam (rows only:
    their links are not opened), removed after the test."""
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        kind = ContentType.objects.get_for_model(Article)
        now = timezone.now()
        made = SearchDocument.objects.bulk_create(
            SearchDocument(
                content_type=kind,
                object_id=900_000 + n,
                language="en",
                kind="article",
                title=f"{WORD} report {n}",
                title_language="en",
                body="Market notes.",
                body_language="en",
                url_name="article_detail",
                url_kwargs={"slug": f"{WORD}-{n}"},
                languages=["en"],
                dated_at=now - datetime.timedelta(minutes=n),
                public_since=now,
                title_vector=tsvector(f"{WORD} report {n}"),
                vector=tsvector(f"{WORD} report {n}. Market notes."),
            )
            for n in range(1000)
        )
    yield
    with django_db_blocker.unblock(), schema_context("site_cn_vn"):
        SearchDocument.objects.filter(pk__in=[d.pk for d in made]).delete()


def test_result_numbers_from_981_stay_inside_their_cards_on_a_phone(
    page_in, live_port, thousand_results
):
    page = page_in("en-US")
    page.set_viewport_size(PHONE)
    page.goto(f"http://cn-vn.localhost:{live_port}/en/search/?q={WORD}&page=50")

    cards = page.locator(".search-result")
    assert cards.count() == 20
    assert page.locator(".search-results").get_attribute("start") == "981"
    for index in (0, 19):  # 981 and 1000
        card = cards.nth(index)
        box = card.bounding_box()
        assert box["x"] >= 8  # the card keeps a margin from the screen's edge
        drawn = card.evaluate(
            "li => [getComputedStyle(li).listStyleType,"
            " getComputedStyle(li.firstElementChild, '::before').content]"
        )
        # No marker in the margin; the number is drawn in the card's first line.
        assert drawn[0] == "none"
        assert "counter(list-item)" in drawn[1]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
