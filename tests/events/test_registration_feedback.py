"""After registering, the event page tells the visitor where they stand."""

import pytest
from django.test import Client

from events.models import Registration
from tests.factories.accounts import make_member
from tests.factories.events import make_event

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def register_by_form(client, path, email, name="Nguyễn Thị Lan"):
    return client.post(path, {"name": name, "email": email, "organisation": ""}, **HOST)


@pytest.mark.django_db
def test_the_event_page_says_you_are_registered_to_you_only(client, site_vn, in_site):
    with in_site(site_vn):
        event = make_event(slug="logistics-talk", titles={"vi": "Tọa đàm logistics"})
    path = "/vi/events/logistics-talk/"

    response = register_by_form(client, path, "lan@example.com")
    assert response.status_code == 302
    page = client.get(path, **HOST).content.decode()

    assert "Bạn đã đăng ký tham dự sự kiện này." in page
    assert "lan@example.com" in page
    with in_site(site_vn):
        token = Registration.objects.get(event=event).token
    assert f"/vi/events/registration/{token}/cancel/" in page
    assert "/vi/events/logistics-talk.ics" in page
    # Another visitor, or the page cache serving one, sees the form and no one's registration.
    other = Client().get(path, **HOST).content.decode()
    assert "Bạn đã đăng ký" not in other and token not in other and "lan@example.com" not in other
    assert 'name="email"' in other


@pytest.mark.django_db
def test_a_full_event_gives_the_place_on_the_waiting_list(client, site_vn, in_site):
    with in_site(site_vn):
        make_event(slug="small-room", capacity=1, titles={"vi": "Phòng nhỏ"})
    path = "/vi/events/small-room/"
    register_by_form(Client(), path, "first@example.com")
    register_by_form(Client(), path, "second@example.com")

    register_by_form(client, path, "third@example.com")
    page = client.get(path, **HOST).content.decode()

    assert "Bạn đang trong danh sách chờ, ở vị trí thứ 2." in page


@pytest.mark.django_db
def test_a_member_finds_the_form_filled_in_and_their_registration_everywhere(
    client, site_vn, in_site
):
    with in_site(site_vn):
        member = make_member(language="vi", email="buyer@example.vn")
        make_event(slug="fair-talk", titles={"vi": "Hội chợ"})
        client.force_login(member.user)
    form_page = client.get("/vi/events/fair-talk/", **HOST).content.decode()
    assert 'value="buyer@example.vn"' in form_page
    assert f'value="{member.user.first_name}"' in form_page
    assert '<option value="VN" selected>' in form_page  # the enterprise's country

    # Registered from another browser (no session here): still recognised by address.
    register_by_form(Client(), "/vi/events/fair-talk/", "Buyer@Example.vn")
    assert (
        "Bạn đã đăng ký tham dự sự kiện này."
        in client.get("/vi/events/fair-talk/", **HOST).content.decode()
    )
    dashboard = client.get("/vi/account/", **HOST).content.decode()
    assert "Các sự kiện bạn đã đăng ký" in dashboard and "Hội chợ" in dashboard


@pytest.mark.django_db
def test_after_cancelling_the_page_offers_the_form_again(client, site_vn, in_site):
    with in_site(site_vn):
        event = make_event(slug="cancel-me", titles={"vi": "Sự kiện"})
    register_by_form(client, "/vi/events/cancel-me/", "lan@example.com")
    with in_site(site_vn):
        token = Registration.objects.get(event=event).token

    client.post(f"/vi/events/registration/{token}/cancel/", **HOST)
    page = client.get("/vi/events/cancel-me/", **HOST).content.decode()

    assert "Bạn đã đăng ký tham dự sự kiện này." not in page and 'name="email"' in page
