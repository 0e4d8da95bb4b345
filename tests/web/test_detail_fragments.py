"""The detail pages' kept parts (``{% fragment "event-article" %}`` and the
like): the object as anyone sees it is rendered once per change; the
visitor's own parts around it (a fallback note's form, a registration, an
enterprise's own buttons) are rendered for each visitor.

Pages are asked for with ``Cache-Control: no-cache``: only fragments could be stale.
"""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from cooperation.models import Article, Enterprise, Tag
from events.models import AgendaSession, Registration, Speaker
from tests.factories.accounts import make_enterprise, make_member
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from tests.web.test_fragments import VN, rendered
from web.fragment_store import fragments as kept_fragments


def untokened(page: str) -> str:
    """The page but for each visitor's own CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def read_from(captured) -> set[str]:
    """The tables the captured queries select rows of (``SELECT "table"."column"``)."""
    return {
        match[1]
        for query in captured.captured_queries
        if (match := re.match(r'SELECT "(\w+)"\.', query["sql"]))
    }


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1]


def kept(name: str) -> list[str]:
    return [key for key in kept_fragments if f":{name}:" in key]


def _article():
    return make_article(slug="kept-article", texts={"en": "Before"}), "/en/news/kept-article/"


def _event():
    return make_event(slug="kept-event", titles={"en": "Before"}), "/en/events/kept-event/"


def _listing():
    listing = make_listing(texts={"en": ("Before", "Rice for export")})
    return listing, f"/en/opportunities/{listing.pk}/"


def _enterprise():
    enterprise = make_enterprise(slug="kept-company", names={"en": "Before"}, is_listed=True)
    return enterprise, "/en/enterprises/kept-company/"


@pytest.mark.parametrize(
    "make, name, field",
    [
        (_article, "article-body", "title_en"),
        (_event, "event-article", "title_en"),
        (_listing, "opportunity-article", "title_en"),
        (_enterprise, "enterprise-article", "name_en"),
    ],
)
def test_a_detail_pages_part_is_kept_and_an_edit_shows_at_once(
    site_vn, in_site, committed, make, name, field
):
    with in_site(site_vn), committed():
        item, path = make()
    first = rendered(path)
    assert heading(first) == "Before"
    assert len(kept(name)) == 1
    assert untokened(rendered(path)) == untokened(first)  # from the kept part

    with in_site(site_vn), committed():
        type(item).objects.filter(pk=item.pk).update(**{field: "After the edit"})

    assert heading(rendered(path)) == "After the edit"


def test_the_event_page_reads_its_agenda_only_to_draw_it(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    with in_site(site_vn), committed():
        event = make_event(slug="agenda", titles={"en": "With an agenda"})
        session = AgendaSession.objects.create(
            event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
        )
        speaker = Speaker.objects.create(name="Nguyễn Văn A")
        speaker.events.add(event)
        session.speakers.add(speaker)
    drawn = rendered("/en/events/agenda/")
    with django_assert_max_num_queries(100) as read:
        again = rendered("/en/events/agenda/")

    assert untokened(again) == untokened(drawn)
    assert "Opening" in again and "Nguyễn Văn A" in again
    assert not {"events_agendasession", "events_speaker"} & read_from(read)


def test_the_article_page_reads_its_tags_only_to_draw_them(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    with in_site(site_vn), committed():
        article = make_article(slug="tagged", texts={"en": "Tagged"})
        article.tags.add(Tag.objects.create(slug="rice", name_en="Rice"))
    drawn = rendered("/en/news/tagged/")
    with django_assert_max_num_queries(100) as read:
        again = rendered("/en/news/tagged/")

    assert again == drawn and "?tag=rice" in again
    assert "cooperation_tag" not in read_from(read)


def test_an_enterprises_own_listing_offers_no_interest_to_it_but_to_visitors(
    site_vn, in_site, committed
):
    with in_site(site_vn), committed():
        member = make_member()
        listing = make_listing(texts={"en": ("Ours", "Rice")}, enterprise=member.enterprise)
    path = f"/en/opportunities/{listing.pk}/"
    interest = f"/en/opportunities/{listing.pk}/interest/"
    assert interest in rendered(path)  # a visitor's page keeps the listing's part
    owner = Client()
    with in_site(site_vn), committed():
        owner.force_login(member.user)

    assert interest not in rendered(path, owner)
    assert interest in rendered(path)


def test_each_visitor_gets_their_own_token_in_a_fallback_notes_form(site_vn, in_site, committed):
    # Only in Vietnamese: read in English, the note offers to ask for a
    # translation with a form, outside the kept part.
    with in_site(site_vn), committed():
        make_article(slug="only-vi", texts={"vi": "Chỉ tiếng Việt"})
    tokens = []
    for _visitor in range(2):
        page = rendered("/en/news/only-vi/")
        assert len(kept("article-body")) == 1
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])
    assert tokens[0] != tokens[1]


def test_an_article_unpublished_leaves_its_page_though_its_part_was_kept(
    site_vn, in_site, committed
):
    with in_site(site_vn), committed():
        make_article(slug="withdrawn", texts={"en": "Soon withdrawn"})
    rendered("/en/news/withdrawn/")
    with in_site(site_vn), committed():
        Article.objects.filter(slug="withdrawn").update(
            published_at=timezone.now() + datetime.timedelta(days=1)
        )

    response = Client().get("/en/news/withdrawn/", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache")

    assert response.status_code == 404


def test_an_enterprise_is_not_offered_a_meeting_with_itself_but_visitors_are(
    site_vn, in_site, committed
):
    with in_site(site_vn), committed():
        member = make_member()
        Enterprise.objects.filter(pk=member.enterprise_id).update(slug="ours", is_listed=True)
    meeting = "/en/enterprises/ours/meet/"
    assert meeting in rendered("/en/enterprises/ours/")  # a visitor's page keeps the part
    owner = Client()
    with in_site(site_vn), committed():
        owner.force_login(member.user)

    assert meeting not in rendered("/en/enterprises/ours/", owner)
    assert meeting in rendered("/en/enterprises/ours/")


def test_a_registered_person_sees_their_registration_on_a_kept_event_page(
    site_vn, in_site, committed
):
    with in_site(site_vn), committed():
        event = make_event(slug="registered", titles={"en": "Registered"})
        member = make_member()
        event.registrations.create(
            name="Member", email=member.user.email, status=Registration.Status.CONFIRMED
        )
    visitor = rendered("/en/events/registered/")  # the event's part is kept
    person = Client()
    with in_site(site_vn), committed():
        person.force_login(member.user)

    theirs = rendered("/en/events/registered/", person)

    assert "You are registered for this event." in theirs
    assert "You are registered for this event." not in visitor
    assert heading(theirs) == heading(visitor) == "Registered"
