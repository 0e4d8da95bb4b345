"""The events and listings lists read the keys of their page first and load
only the objects whose item is not kept rendered
(``web.templatetags.fragments.kept_items``), as the news list does. A kept
item never outlives what it shows: an edit, a translation, a change of the
site's languages, a poster verified; and it never crosses to another site,
whose objects have the same numbers.

Pages are asked for with ``Cache-Control: no-cache``: only the items could
be stale."""

from django.test import Client

from cooperation.models import Enterprise, Opportunity
from events.models import Event
from tenants.models import Site
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from web.fragment_store import fragments as kept_fragments

VN, ID = "cn-vn.localhost", "cn-id.localhost"


def rendered(path: str, host: str = VN) -> str:
    response = Client().get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, path
    return response.content.decode()


def kept_keys(name: str) -> list[str]:
    return [key for key in kept_fragments if f":{name}:" in key]


def test_the_events_list_loads_only_the_events_whose_items_are_not_kept(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    with in_site(site_vn), committed():
        made = [make_event(slug=f"kept-{n}", titles={"en": f"Kept event {n}"}) for n in range(3)]
    whole = rendered("/en/events/")
    assert all(f"Kept event {n}" in whole for n in range(3))
    # One item's fragment is gone (evicted, expired): that event alone is read.
    (evicted,) = [
        key for key in kept_keys("event-item") if key.endswith(f":event-item:{made[1].pk}")
    ]
    kept_fragments.delete(evicted)

    assert rendered("/en/events/") == whole
    # SET search_path, the page's count and keys, whether this month has
    # events (the calendar's link): no event's row.
    with django_assert_max_num_queries(4):
        assert rendered("/en/events/") == whole


def test_an_edited_event_shows_at_once(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        event = make_event(slug="renamed", titles={"en": "Before the edit"})
    assert "Before the edit" in rendered("/en/events/")
    with in_site(site_vn), committed():
        event.title_en = "After the edit"
        event.save()

    page = rendered("/en/events/")
    assert "After the edit" in page and "Before the edit" not in page


def test_a_translation_released_replaces_the_fallback_at_once(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        event = make_event(slug="translated", titles={"en": "Trade forum"})
    assert "Trade forum" in rendered("/vi/events/")  # English, with its note
    with in_site(site_vn), committed():
        Event.objects.filter(pk=event.pk).update(title_vi="Diễn đàn thương mại")

    page = rendered("/vi/events/")
    assert "Diễn đàn thương mại" in page and "Trade forum" not in page


def test_a_change_of_the_sites_languages_shows_at_once(site_vn, in_site, committed):
    """Without English among the site's languages, a reader of Vietnamese
    falls back to the site's own Chinese: the kept item followed English."""
    with in_site(site_vn), committed():
        make_event(slug="fallback", titles={"en": "Fallback forum", "zh-hans": "后备论坛"})
    assert "Fallback forum" in rendered("/vi/events/")
    with committed():
        Site.objects.filter(pk=site_vn.pk).update(languages=["zh-hans", "vi"])

    page = rendered("/vi/events/")
    assert "后备论坛" in page and "Fallback forum" not in page


def test_another_sites_event_of_the_same_number_never_shows(site_vn, site_id, in_site, committed):
    with in_site(site_vn), committed():
        mine = make_event(slug="same-number-vn", titles={"en": "Vietnam side event"})
    with in_site(site_id), committed():
        Event.objects.filter(pk=mine.pk).delete()
        theirs = make_event(
            pk=mine.pk, slug="same-number-id", titles={"en": "Indonesia side event"}
        )
    assert theirs.pk == mine.pk

    vietnam, indonesia = rendered("/en/events/"), rendered("/en/events/", ID)
    assert "Vietnam side event" in vietnam and "Indonesia side event" not in vietnam
    assert "Indonesia side event" in indonesia and "Vietnam side event" not in indonesia

    with in_site(site_id), committed():
        theirs.title_en = "Indonesia side event, renamed"
        theirs.save()
    assert "renamed" not in rendered("/en/events/")
    assert "Indonesia side event, renamed" in rendered("/en/events/", ID)


def test_the_listings_list_loads_only_the_listings_whose_items_are_not_kept(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    with in_site(site_vn), committed():
        made = [
            make_listing(texts={"en": (f"Kept listing {n}", "Details.")}, codes=["0801"])
            for n in range(3)
        ]
    whole = rendered("/en/opportunities/")
    assert all(f"Kept listing {n}" in whole for n in range(3))
    (evicted,) = [key for key in kept_keys("opportunity-item") if f":{made[1].pk}:" in key]
    kept_fragments.delete(evicted)

    assert rendered("/en/opportunities/") == whole
    # SET search_path, the page's keys and its count: no listing's row, no
    # product names.
    with django_assert_max_num_queries(3):
        assert rendered("/en/opportunities/") == whole


def test_a_listings_edit_translation_and_verified_poster_show_at_once(site_vn, in_site, committed):
    with in_site(site_vn), committed():
        listing = make_listing(texts={"en": ("Cashew wanted", "Details.")})
    assert "Cashew wanted" in rendered("/vi/opportunities/")
    with in_site(site_vn), committed():
        Opportunity.objects.filter(pk=listing.pk).update(title_vi="Cần mua hạt điều")
    page = rendered("/vi/opportunities/")
    assert "Cần mua hạt điều" in page and "Cashew wanted" not in page

    with in_site(site_vn), committed():
        poster = Enterprise.objects.create(slug="kept-poster", name_en="Kept Poster")
        Opportunity.objects.filter(pk=listing.pk).update(enterprise=poster)
    assert "badge--verified" not in rendered("/en/opportunities/").split("Cashew wanted")[1][:400]
    with in_site(site_vn), committed():
        Enterprise.objects.filter(pk=poster.pk).update(verified=True)
    after = rendered("/en/opportunities/").split("Cashew wanted")[1][:400]
    assert "badge--verified" in after


def test_another_sites_listing_of_the_same_number_never_shows(site_vn, site_id, in_site, committed):
    with in_site(site_vn), committed():
        mine = make_listing(texts={"en": ("Vietnam side listing", "Details.")})
    with in_site(site_id), committed():
        Opportunity.objects.filter(pk=mine.pk).delete()
        make_listing(pk=mine.pk, texts={"en": ("Indonesia side listing", "Details.")})

    vietnam, indonesia = rendered("/en/opportunities/"), rendered("/en/opportunities/", ID)
    assert "Vietnam side listing" in vietnam and "Indonesia side listing" not in vietnam
    assert "Indonesia side listing" in indonesia and "Vietnam side listing" not in indonesia


def test_the_enterprise_directory_loads_only_the_enterprises_whose_items_are_not_kept(
    site_vn, in_site, committed, django_assert_max_num_queries
):
    from tests.factories.accounts import make_enterprise

    with in_site(site_vn), committed():
        made = [make_enterprise(names={"en": f"AAA kept enterprise {n}"}) for n in range(3)]
    whole = rendered("/en/enterprises/")
    assert all(f"AAA kept enterprise {n}" in whole for n in range(3))
    (evicted,) = [
        key
        for key in kept_keys("enterprise-item")
        if key.endswith(f":enterprise-item:{made[1].pk}")
    ]
    kept_fragments.delete(evicted)

    assert rendered("/en/enterprises/") == whole
    # SET search_path and the page's keys (its count is kept): no enterprise's row.
    with django_assert_max_num_queries(2) as queries:
        assert rendered("/en/enterprises/") == whole
    assert not any('"cooperation_enterprise"."slug"' in q["sql"] for q in queries.captured_queries)
    with in_site(site_vn), committed():
        Enterprise.objects.filter(pk=made[0].pk).update(name_en="AAA kept enterprise, renamed")
    assert "AAA kept enterprise, renamed" in rendered("/en/enterprises/")
