"""The home page shows the site's life: figures, search, news, events, listings."""

import datetime

import pytest
from django.utils import timezone

from cooperation.models import Article, Enterprise, Opportunity
from events.models import Event
from tests.factories.articles import make_article
from tests.factories.events import make_event

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def make_listing(number: int) -> Opportunity:
    return Opportunity.objects.create(
        kind="supply", title_vi=f"Thanh long lô {number}", description_vi="x", sector="A",
        country="VN", valid_until=timezone.localdate() + datetime.timedelta(days=30),
        company="Vườn", contact_name="A", contact_email="a@example.com", language="vi",
        status="approved",
    )  # fmt: skip


@pytest.mark.django_db
def test_home_shows_figures_search_news_events_and_listings_in_bounded_queries(
    client, site_vn, in_site, django_assert_max_num_queries
):
    with in_site(site_vn):
        for number in range(25):
            make_article(slug=f"home-{number}", texts={"vi": f"Tin số {number}"})
            make_event(slug=f"home-event-{number}", titles={"vi": f"Hội thảo số {number}"})
            make_listing(number)
        listings = Opportunity.objects.open().count()
        enterprises = Enterprise.objects.listed().count()
        year = timezone.localdate().year
        events = Event.objects.published().filter(starts_at__year=year).count()

    # The domain, three counts, news, events, listings: each after SET search_path.
    with django_assert_max_num_queries(2 * 7):
        page = client.get("/vi/", **HOST).content.decode()

    assert 'action="/vi/search/"' in page and 'type="search"' in page
    assert f"<strong>{listings}</strong> <span>tin cung cầu đang mở</span>" in page
    assert f"<strong>{enterprises}</strong> <span>doanh nghiệp</span>" in page
    assert f"<strong>{events}</strong> <span>sự kiện trong năm nay</span>" in page
    assert "Tin số 24" in page  # the latest news
    assert "Hội thảo số" in page and "Thanh long lô 24" in page
    assert (
        page.index("Tin mới nhất")
        < page.index("Sự kiện sắp diễn ra")
        < page.index("Cơ hội thương mại mới nhất")
    )


@pytest.mark.django_db
def test_the_homes_listings_carry_the_verified_badge_as_the_list_does(
    client, site_vn, in_site, django_capture_on_commit_callbacks
):
    from tests.factories.opportunities import make_listing

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        poster = Enterprise.objects.filter(verified=True).first()
        make_listing(texts={"en": ("Newest from a verified poster", "Rice")}, enterprise=poster)

    page = client.get("/en/", HTTP_HOST="cn-vn.localhost").content.decode()
    item = page.split("Newest from a verified poster")[1].split("</li>")[0]

    assert "✓ Verified" in item


@pytest.mark.django_db
def test_the_first_home_after_a_write_compiles_no_sql(
    client, site_vn, in_site, django_capture_on_commit_callbacks, monkeypatch
):
    """Every write to a site makes each worker build the home afresh: its
    figures, panels and next scheduled change are queries compiled once per
    process (translations.prepared). Built through the ORM each time they
    were ~6 of the home's ~20 ms of CPU after a write (bench/http.py
    --profile --after-write)."""
    from django.db.models.sql.compiler import SQLCompiler

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        article = make_article(slug="before-a-write", texts={"vi": "Tin trước khi ghi"})
    client.get("/vi/", HTTP_CACHE_CONTROL="no-cache", **HOST)  # each query compiled once
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(title_vi="Tin sau khi ghi")
    compiled = []
    real = SQLCompiler.as_sql

    def as_sql(self, *args, **kwargs):
        compiled.append(self.query.model._meta.label if self.query.model else "?")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", as_sql)
    page = client.get("/vi/", HTTP_CACHE_CONTROL="no-cache", **HOST).content.decode()

    assert "Tin sau khi ghi" in page
    assert compiled == [], str(compiled)
