"""The hub's staff and coordinators choose a new password from the hub's
sign-in page, as a site's people do from theirs (web.password_reset): in
their language, by a single-use link that opens on the hub only."""

import re

import pytest
from django.contrib.auth import get_user_model

HUB = {"HTTP_HOST": "localhost"}
VN = {"HTTP_HOST": "cn-vn.localhost"}
NEW = {"new_password1": "hub-brand-new-secret-4", "new_password2": "hub-brand-new-secret-4"}


@pytest.fixture
def coordinator(db):
    return get_user_model().objects.create_user(
        "coord@hub.example", "coord@hub.example", "old-hub-secret-1", is_staff=True
    )


def _reset_link(client, mailoutbox, capture, language: str = "ko") -> str:
    with capture(execute=True):
        answer = client.post(
            f"/{language}/account/password/", {"email": "coord@hub.example"}, **HUB
        )
    assert answer.status_code == 302 and answer["Location"] == f"/{language}/account/password/sent/"
    found = re.search(r"http://localhost(?::\d+)?(/\S+/account/password/\S+/)", mailoutbox[-1].body)
    assert found, mailoutbox[-1].body
    return found[1]


@pytest.mark.django_db
def test_the_hubs_sign_in_page_links_to_a_reset_in_the_readers_language(client):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ko", **HUB).content.decode()

    assert '<a href="/ko/account/password/">비밀번호 찾기</a>' in page
    reset = client.get("/ko/account/password/", **HUB)
    assert reset.status_code == 200
    assert "비밀번호 찾기" in reset.content.decode()


@pytest.mark.django_db
def test_a_sites_admin_sign_in_page_links_to_its_own_reset(client, site_vn):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="vi", **VN).content.decode()

    assert '<a href="/vi/account/password/">' in page


@pytest.mark.django_db
def test_a_coordinator_resets_the_password_once_in_their_language(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    path = _reset_link(client, mailoutbox, django_capture_on_commit_callbacks)
    message = mailoutbox[-1]

    assert message.to == ["coord@hub.example"]
    assert message.extra_headers["Content-Language"] == "ko"
    assert message.subject == "경제무역 협력 포털 새 비밀번호"
    form = client.get(path, follow=True, **HUB)
    assert form.context["validlink"] is True
    done = client.post(form.redirect_chain[-1][0], NEW, follow=True, **HUB)
    assert done.redirect_chain[-1][0] == "/ko/account/password/done/"
    assert 'href="/admin/login/"' in done.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW["new_password1"])
    # Spent: the password it was made from has changed.
    assert client.get(path, follow=True, **HUB).context["validlink"] is False


@pytest.mark.django_db
def test_a_hub_link_opens_nothing_on_a_site_and_a_sites_link_nothing_on_the_hub(
    client, coordinator, site_vn, in_site, mailoutbox, django_capture_on_commit_callbacks
):
    """Ids overlap between schemas: the worst case is an account of the same
    id and the same password hash on the other side."""
    with in_site(site_vn):
        User = get_user_model()
        User.objects.filter(pk=coordinator.pk).delete()
        twin = User.objects.create_user("coord@hub.example", "coord@hub.example", pk=coordinator.pk)
        User.objects.filter(pk=twin.pk).update(password=coordinator.password)
    hub_path = _reset_link(client, mailoutbox, django_capture_on_commit_callbacks, "en")

    assert client.get(hub_path, follow=True, **VN).context["validlink"] is False

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/password/", {"email": "coord@hub.example"}, **VN)
    site_path = re.search(
        r"http://cn-vn\.localhost(?::\d+)?(/en/account/password/\S+/)", mailoutbox[-1].body
    )[1]
    assert site_path.split("/")[-3:] != hub_path.split("/")[-3:]
    assert client.get(site_path, follow=True, **HUB).context["validlink"] is False
    # Each still works where it was made.
    assert client.get(hub_path, follow=True, **HUB).context["validlink"] is True
    assert client.get(site_path, follow=True, **VN).context["validlink"] is True


@pytest.mark.django_db
def test_an_unknown_address_reads_the_same_and_gets_no_mail(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/vi/account/password/", {"email": "nobody@hub.example"}, **HUB)
    assert unknown.status_code == 302 and unknown["Location"] == "/vi/account/password/sent/"
    assert mailoutbox == []
    sent = client.get(unknown["Location"], **HUB).content.decode()
    assert "Hãy kiểm tra email" in sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email", ["a\x00b@hub.example", "x" * 5000 + "@hub.example", "‮coord@hub.example"]
)
def test_odd_addresses_come_back_as_a_readable_form(client, coordinator, email):
    answer = client.post("/en/account/password/", {"email": email}, **HUB)

    assert answer.status_code in (200, 302, 400)


@pytest.mark.django_db
def test_a_tampered_link_reads_as_spent_not_as_an_error(client, coordinator):
    answer = client.get("/en/account/password/MQ/not-a-token/", follow=True, **HUB)

    assert answer.status_code == 200 and answer.context["validlink"] is False
    assert 'href="/en/account/password/"' in answer.content.decode()
