"""After registering, the event page tells the visitor where they stand."""

import re

import pytest
from django.test import Client

from events.models import Registration
from tests.factories.accounts import make_member
from tests.factories.events import make_event

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def register_by_form(client, path, email, name="Nguyễn Thị Lan"):
    return client.post(path, {"name": name, "email": email, "organisation": ""}, **HOST)


@pytest.mark.django_db
def test_the_event_page_says_you_are_registered_to_you_only(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        event = make_event(slug="logistics-talk", titles={"vi": "Tọa đàm logistics"})
    path = "/vi/events/logistics-talk/"

    with django_capture_on_commit_callbacks(execute=True):
        response = register_by_form(client, path, "lan@example.com")
    assert response.status_code == 302
    page = client.get(path, **HOST).content.decode()

    assert "Bạn đã đăng ký tham dự sự kiện này." in page
    assert "lan@example.com" in page
    assert "/vi/events/logistics-talk.ics" in page
    # The cancel link goes to the address only (the page would read the same
    # for an address registered by someone else before: tests/attack/test_neutral_answers.py).
    with in_site(site_vn):
        token = Registration.objects.get(event=event).token
    assert token not in page and "/cancel/" not in page
    assert f"/vi/events/registration/{token}/cancel/" in mailoutbox[0].body
    # Another visitor, or the page cache serving one, sees the form and no one's registration.
    other = Client().get(path, **HOST).content.decode()
    assert "Bạn đã đăng ký" not in other and "lan@example.com" not in other
    assert 'name="email"' in other


@pytest.mark.django_db
def test_a_full_event_gives_the_place_on_the_waiting_list_behind_the_emailed_link(
    client, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn):
        make_event(slug="small-room", capacity=1, titles={"vi": "Phòng nhỏ"})
    path = "/vi/events/small-room/"
    register_by_form(Client(), path, "first@example.com")
    register_by_form(Client(), path, "second@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        register_by_form(client, path, "third@example.com")
    page = client.get(path, **HOST).content.decode()
    assert "Sự kiện đã đủ chỗ: bạn đang trong danh sách chờ." in page

    link = re.search(
        r"http://cn-vn\.localhost(/vi/events/registration/\S+/cancel/)", mailoutbox[0].body
    )
    own = client.get(link[1], **HOST).content.decode()
    assert "Bạn đang trong danh sách chờ, ở vị trí thứ 2." in own
    assert "third@example.com" in own and "Phòng nhỏ" in own


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


@pytest.mark.django_db
def test_cancelled_from_another_device_the_page_stops_saying_registered(client, site_vn, in_site):
    with in_site(site_vn):
        event = make_event(slug="cancel-elsewhere", titles={"vi": "Sự kiện"})
    register_by_form(client, "/vi/events/cancel-elsewhere/", "lan@example.com")
    with in_site(site_vn):
        token = Registration.objects.get(event=event).token

    Client().post(f"/vi/events/registration/{token}/cancel/", **HOST)  # the phone's mail app
    page = client.get("/vi/events/cancel-elsewhere/", **HOST).content.decode()

    assert "Bạn đã đăng ký tham dự sự kiện này." not in page and 'name="email"' in page


@pytest.mark.django_db
def test_in_chinese_the_registered_box_sets_no_space_between_its_sentences(
    client, site_vn, in_site, django_capture_on_commit_callbacks
):
    """ "您已报名参加本活动。 发送至…" (newcomer walk): Chinese sentences follow
    one another with no space; other languages keep theirs."""
    with in_site(site_vn):
        make_event(slug="border-talk", titles={"zh-hans": "边贸座谈"})
    with django_capture_on_commit_callbacks(execute=True):
        register_by_form(client, "/zh-hans/events/border-talk/", "li@example.com", name="李华")

    def status(language: str) -> str:
        page = client.get(f"/{language}/events/border-talk/", **HOST).content.decode()
        box = page.split("registration__status--")[1].split("</p>")[0]
        return re.sub(r"<[^>]+>", "", box.split(">", 1)[1]).strip()

    chinese = status("zh-hans")
    assert "。发送至" in chinese and not re.search(r"。\s", chinese)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        register_by_form(client, "/en/events/border-talk/", "wang@example.com", name="Wang")
    assert re.search(r"this event\. \S", status("en"))
