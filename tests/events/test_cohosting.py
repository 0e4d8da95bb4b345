"""Co-hosting writes only copies on the co-hosts, copies' admin pages work,
slug clashes are form errors, and a co-host can decline."""

import pytest
from django.contrib.auth import get_user_model

from events.models import DeclinedCohosting, Event, Speaker
from tests.factories.events import make_event

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


def admin_of(client, site, in_site):
    with in_site(site):
        user = get_user_model().objects.create_superuser(
            f"boss-{site.code}@example.org", password="pw-123456789-x"
        )
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_cohosted_event_never_modifies_the_hosts_own_speakers(site_vn, site_id, in_site):
    """Issue 12, point 6: a cn-id speaker's biography was overwritten."""
    with in_site(site_id):
        own = Speaker.objects.create(
            name="Dr. Sari", organisation_ind="BKPM", bio_ind="Biografi asli"
        )
    with in_site(site_vn):
        twin = Speaker.objects.create(
            name="Dr. Sari", organisation_en="BKPM", organisation_ind="Kementerian Investasi",
            bio_en="From Hanoi",
        )  # fmt: skip
        event = make_event(slug="joint-forum", cohost_codes=["cn-id"])
        event.speakers.add(twin)

    with in_site(site_id):
        own.refresh_from_db()
        copy = Event.objects.get(uid=event.uid)
        (copied,) = copy.speakers.all()
        assert own.bio_ind == "Biografi asli" and not own.bio_en
        assert copied.pk != own.pk and copied.bio_en == "From Hanoi"
        assert (copied.organisation_en, copied.organisation_ind) == (
            "BKPM",
            "Kementerian Investasi",
        )
        assert (copied.origin_code, copied.origin_pk) == ("cn-vn", twin.pk)
    with in_site(site_vn):
        event.speakers.clear()
    with in_site(site_id):
        assert not Speaker.objects.filter(pk=copied.pk).exists()  # the copy goes
        assert Speaker.objects.filter(pk=own.pk).exists()  # the host's own stays


@pytest.mark.django_db
def test_the_admin_page_of_a_copy_opens_read_only(client, site_vn, site_id, in_site):
    """Issue 12, point 7: KeyError 'slug' (prepopulated field on a read-only form)."""
    with in_site(site_vn):
        event = make_event(slug="copied-forum", cohost_codes=["cn-id"])
    with in_site(site_id):
        copy = Event.objects.get(uid=event.uid)
    admin_of(client, site_id, in_site)

    page = client.get(f"/admin/events/event/{copy.pk}/change/", **ID)

    assert page.status_code == 200
    assert "copied-forum" in page.content.decode()
    assert 'name="slug"' not in page.content.decode()


@pytest.mark.django_db
def test_a_slug_the_cohost_already_uses_is_a_form_error(client, site_vn, site_id, in_site):
    with in_site(site_id):
        make_event(slug="trade-week", titles={"ind": "Pekan dagang Jakarta"})
    with in_site(site_vn):
        event = make_event(slug="trade-week", titles={"zh-hans": "贸易周"})
    admin_of(client, site_vn, in_site)
    page = client.get(f"/admin/events/event/{event.pk}/change/", **VN)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "cohost_codes": "cn-id",
            "starts_at_0": event.starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": event.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": event.ends_at.strftime("%H:%M:%S"),
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if not isinstance(value, list)}

    response = client.post(f"/admin/events/event/{event.pk}/change/", data, **VN)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "cn-id" in str(errors.get("cohost_codes"))
    with in_site(site_id):
        assert Event.objects.get(slug="trade-week").title_ind == "Pekan dagang Jakarta"


@pytest.mark.django_db
def test_a_clash_that_appeared_later_skips_that_host_instead_of_failing(site_vn, site_id, in_site):
    with in_site(site_vn):
        event = make_event(slug="late-clash")
    with in_site(site_id):
        mine = make_event(slug="late-clash", titles={"ind": "Milik kami"})
    with in_site(site_vn):
        event.cohost_codes = ["cn-id"]
        event.save()  # no IntegrityError

    with in_site(site_id):
        mine.refresh_from_db()
        assert mine.title_ind == "Milik kami" and not mine.is_copy
        assert not Event.objects.filter(uid=event.uid).exists()


@pytest.mark.django_db
def test_a_cohost_declines_and_the_copy_does_not_come_back(client, site_vn, site_id, in_site):
    with in_site(site_vn):
        event = make_event(slug="unwanted", cohost_codes=["cn-id"])
    with in_site(site_id):
        copy = Event.objects.get(uid=event.uid)
    admin_of(client, site_id, in_site)

    response = client.post(
        "/admin/events/event/",
        {"action": "decline_cohosting", "_selected_action": [copy.pk]},
        follow=True,
        **ID,
    )

    assert response.status_code == 200
    with in_site(site_id):
        assert not Event.objects.filter(uid=event.uid).exists()
        assert DeclinedCohosting.objects.get(uid=event.uid).origin_code == "cn-vn"
    with in_site(site_vn):
        event.title_en = "Changed on the origin"
        event.save()
    with in_site(site_id):
        assert not Event.objects.filter(uid=event.uid).exists()
    assert client.get("/id/events/unwanted/", **ID).status_code == 404
