"""Co-hosting sites are chosen from the sites there are, by name, in the
editor's language: the field was free text that took any code (zz-qq, the
site's own, a site's name) without a word, and the event then named or
linked sites that do not exist."""

import re

import pytest
from django.contrib.auth import get_user_model

from events.models import Event
from tenants.naming import name_in
from tests.events.test_admin_event_times import form_defaults

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.fixture
def editor_client(client, site_vn, in_site):
    with in_site(site_vn):
        user = get_user_model().objects.create_superuser("boss-cohosts", "c@cn-vn.example", "pw-1")
        client.force_login(user)
    return client


def event_form(page: str, **more) -> dict:
    return {
        **form_defaults(page),
        "slug": "coffee-forum-2031", "title_zh_hans": "咖啡论坛", "kind": "forum",
        "status": "scheduled", "time_zone": "Asia/Shanghai",
        "starts_at_0": "2031-05-10", "starts_at_1": "10:00:00",
        "ends_at_0": "2031-05-10", "ends_at_1": "12:00:00",
        **more,
    }  # fmt: skip


@pytest.mark.django_db
def test_the_other_sites_are_offered_by_name(editor_client, site_id):
    page = editor_client.get("/admin/events/event/add/", HTTP_ACCEPT_LANGUAGE="vi", **HOST)
    html = page.content.decode()

    offered = re.findall(r'name="cohost_codes" value="([^"]+)"[^>]*>\s*([^<]+)</label>', html)
    # Not the site itself; China–Indonesia by its name in the editor's language.
    assert offered == [("cn-id", name_in(site_id, "vi"))]
    assert "Trung Quốc" in name_in(site_id, "vi")


@pytest.mark.django_db
@pytest.mark.parametrize("codes", [["zz-qq"], ["cn-vn"], ["China–Indonesia"], ["cn-id", "zz-qq"]])
def test_a_code_that_is_no_other_site_is_refused(editor_client, site_vn, in_site, codes):
    page = editor_client.get("/admin/events/event/add/", **HOST).content.decode()

    response = editor_client.post(
        "/admin/events/event/add/", event_form(page, cohost_codes=codes), **HOST
    )

    assert response.status_code == 200
    assert "cohost_codes" in response.context["adminform"].form.errors
    with in_site(site_vn):
        assert not Event.objects.filter(slug="coffee-forum-2031").exists()


@pytest.mark.django_db
def test_a_chosen_site_gets_its_copy(editor_client, site_vn, site_id, in_site):
    page = editor_client.get("/admin/events/event/add/", **HOST).content.decode()

    response = editor_client.post(
        "/admin/events/event/add/", event_form(page, cohost_codes=["cn-id"]), **HOST
    )

    assert response.status_code == 302
    with in_site(site_vn):
        assert Event.objects.get(slug="coffee-forum-2031").cohost_codes == ["cn-id"]
    with in_site(site_id):
        assert Event.objects.get(slug="coffee-forum-2031").origin_code == "cn-vn"
