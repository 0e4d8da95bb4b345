"""The event admin's time zone is chosen from places (the hub's launch
form's list, one helper), the site's countries first, starting at the
site's zone: it was a required free-text box."""

import re

import pytest

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
def test_a_new_event_starts_at_the_sites_zone_chosen_among_places(admin_client_for, site_vn):
    client = admin_client_for(site_vn)

    page = client.get("/admin/events/event/add/", HTTP_ACCEPT_LANGUAGE="vi", **HOST)

    html = page.content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)<', select)
    values = [value for value, _selected, _label in options]
    assert values[:4] == ["", "Asia/Shanghai", "Asia/Urumqi", "Asia/Ho_Chi_Minh"]
    chosen = [(value, label) for value, selected, label in options if selected]
    assert chosen == [("Asia/Ho_Chi_Minh", "Việt Nam — TP Hồ Chí Minh (Asia/Ho_Chi_Minh)")]
    assert "US/Pacific" not in values and "Etc/GMT+5" not in values
    assert "Hoa Kỳ — Los Angeles (America/Los_Angeles)" in select


@pytest.mark.django_db
def test_an_alias_or_a_typed_zone_is_refused_readably(admin_client_for, site_vn):
    client = admin_client_for(site_vn)

    response = client.post(
        "/admin/events/event/add/",
        {"time_zone": "US/Pacific", "slug": "x", "title_zh_hans": "论坛"},
        HTTP_ACCEPT_LANGUAGE="vi",
        **HOST,
    )

    errors = response.context["adminform"].form.errors
    assert response.status_code == 200
    assert "US/Pacific không phải là một trong các lựa chọn" in " ".join(errors["time_zone"])


@pytest.mark.django_db
def test_an_event_saved_with_an_old_alias_still_opens_with_it(admin_client_for, site_vn, in_site):
    from tests.factories.events import make_event

    client = admin_client_for(site_vn)
    with in_site(site_vn):
        event = make_event(time_zone="Asia/Saigon")

    page = client.get(f"/admin/events/event/{event.pk}/change/", **HOST).content.decode()

    assert '<option value="Asia/Saigon" selected>Asia/Saigon</option>' in page
