"""An event is translated from the language it was written in, as an article
is (tests/translations/test_article_source.py): an Indonesian editor on
China–Indonesia (Chinese by default) announces an event in Indonesian, and
Chinese and English are translated side by side from it. A co-hosting
site's copy keeps that language.

China–Indonesia's languages: zh-hans (default), id, en."""

import pytest

from events.models import Event
from tests.events.test_admin_event_times import form_defaults
from translations.services.translation_status import source_language_of

ID = {"HTTP_HOST": "cn-id.localhost"}


def indonesian_event(page: str, **more) -> dict:
    return {
        **form_defaults(page),
        "slug": "", "title_ind": "Temu bisnis kopi Gayo", "kind": "forum",
        "status": "scheduled", "time_zone": "Asia/Jakarta",
        "starts_at_0": "2031-05-10", "starts_at_1": "10:00:00",
        "ends_at_0": "2031-05-10", "ends_at_1": "12:00:00",
        **more,
    }  # fmt: skip


@pytest.mark.django_db
def test_an_event_announced_only_in_indonesian_is_saved_and_translated_from_it(
    admin_client_for, site_id, site_vn, in_site
):
    client = admin_client_for(site_id)
    page = client.get("/admin/events/event/add/", **ID).content.decode()

    response = client.post(
        "/admin/events/event/add/", indonesian_event(page, cohost_codes=["cn-vn"]), **ID
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    with in_site(site_id):
        event = Event.objects.get(title_ind="Temu bisnis kopi Gayo")
        assert event.language == "id" and source_language_of(event, site_id) == "id"
        assert event.slug.startswith("temu-bisnis-kopi")
    chinese = client.get(f"/id/editor/translations/events.event/{event.pk}/zh-hans/", **ID)
    assert chinese.status_code == 200 and "Temu bisnis kopi Gayo" in chinese.content.decode()
    with in_site(site_vn):  # the co-host's copy: written in Indonesian too
        assert Event.objects.get(uid=event.uid).language == "id"


@pytest.mark.django_db
def test_an_event_with_no_title_at_all_needs_the_site_defaults(admin_client_for, site_id):
    client = admin_client_for(site_id)
    page = client.get("/admin/events/event/add/", **ID).content.decode()

    response = client.post("/admin/events/event/add/", indonesian_event(page, title_ind=""), **ID)

    assert response.status_code == 200
    assert "title_zh_hans" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_a_cohosted_event_is_written_in_one_of_its_own_sites_languages(
    admin_client_for, site_id, site_vn, in_site
):
    """China–Vietnam co-hosts it, so Vietnamese can be typed too, but an
    event written only in Vietnamese would have no title in any language of
    China–Indonesia, where it is announced."""
    client = admin_client_for(site_id)
    page = client.get("/admin/events/event/add/", **ID).content.decode()
    client.post("/admin/events/event/add/", indonesian_event(page, cohost_codes=["cn-vn"]), **ID)
    with in_site(site_id):
        event = Event.objects.get(title_ind="Temu bisnis kopi Gayo")
    change = f"/admin/events/event/{event.pk}/change/"
    page = client.get(change, **ID)
    offered = [code for code, _name in page.context["adminform"].form.fields["language"].choices]

    vietnamese_only = {
        **indonesian_event(page.content.decode(), cohost_codes=["cn-vn"]),
        "slug": event.slug, "title_ind": "", "title_vi": "Hội chợ cà phê", "language": "vi",
    }  # fmt: skip
    response = client.post(change, vietnamese_only, **ID)

    assert "title_vi" in page.context["adminform"].form.fields  # typed for the co-host
    assert "vi" not in offered and {"zh-hans", "id", "en"} <= set(offered)
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors
    with in_site(site_id):
        assert Event.objects.get(pk=event.pk).title_ind == "Temu bisnis kopi Gayo"
