import pytest

from tests.factories.events import make_event


@pytest.mark.django_db
def test_registration_form_is_rate_limited_per_client_and_keeps_input(
    client, site_vn, in_site, settings, one_rate_window
):
    with in_site(site_vn):
        make_event(slug="forum")  # a week from now: open for registration
    settings.PUBLIC_FORM_LIMIT = 2
    path = "/vi/events/forum/"
    data = {"name": "Lê Văn Tám", "email": "not-valid"}

    first = client.post(path, data, HTTP_HOST="cn-vn.localhost")
    second = client.post(path, data, HTTP_HOST="cn-vn.localhost")
    third = client.post(path, data, HTTP_HOST="cn-vn.localhost")
    elsewhere = client.post(path, data, HTTP_HOST="cn-vn.localhost", REMOTE_ADDR="10.1.2.3")

    assert [first.status_code, second.status_code, third.status_code] == [400, 400, 429]
    page = third.content.decode()
    assert "Quá nhiều lần thử" in page and 'value="Lê Văn Tám"' in page
    assert elsewhere.status_code == 400  # another client is not affected
