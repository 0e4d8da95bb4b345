"""A digest holds exactly the new matches, newest first whichever way each
matched (its title, its text, its product), or the newest of them and says
how many more there are, with a link to them all."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.services import digests
from cooperation.models import Article
from search.query import matching
from search.registry import index_objects
from tests.alerts.helpers import link_to, next_digest_moment, run_jobs_at
from tests.alerts.test_digests import confirm_from_mail, subscribe
from tests.factories.opportunities import make_listing

WORD = "brimvale"


@pytest.mark.django_db
def test_a_newer_match_in_the_text_is_not_left_out_by_a_hundred_title_matches(site_vn, in_site):
    since = timezone.now() - datetime.timedelta(hours=1)
    with in_site(site_vn):
        created = Article.objects.bulk_create(
            Article(
                slug=f"title-match-{n}",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(minutes=10 + n),
                title_en=f"{WORD} report {n}",
            )
            for n in range(120)
        )
        index_objects(created)
        newest = make_listing(texts={"en": ("Rice wanted", f"Packed like {WORD} rice.")})
        found = matching(site_vn, "en", WORD, since=since, limit=100)

    # The listing (its text only) is the newest match: it comes first.
    assert found[0].title == "Rice wanted"
    assert len(found) == 100
    assert found.total == 121 and not found.capped
    del newest


@pytest.mark.django_db
def test_a_digest_with_more_matches_than_it_holds_says_how_many_more(client, site_vn, monkeypatch):
    monkeypatch.setattr(digests, "DIGEST_LIMIT", 3)
    subscribe(client, site_vn, "en", "buyer@example.org", q=WORD)
    confirm_from_mail(client, mail.outbox[0])
    with schema_context(site_vn.schema_name):
        for n in range(5):
            make_listing(texts={"en": (f"{WORD} lot {n}", "Ready to ship.")})
    mail.outbox.clear()

    run_jobs_at(next_digest_moment(site_vn), site_vn)

    digest = mail.outbox[0]
    assert [f"{WORD} lot {n}" in digest.body for n in range(5)] == [False, False, True, True, True]
    assert "And 2 more:" in digest.body
    more = link_to(digest.body.split("And 2 more:")[1], "/search/")
    assert f"q={WORD}" in more
