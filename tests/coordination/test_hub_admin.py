"""A coordinator on the hub's admin: signed in from the hub, they land on the
calendar; the admin's home, if they reach it, says in their language that
nothing there is theirs and links to the calendar."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tenants.hub import HUB_LANGUAGES

HUB = {"HTTP_HOST": "localhost"}
PASSWORD = "pw-123456789"


@pytest.mark.django_db
def test_the_admin_home_reads_in_the_coordinators_language_and_leads_to_the_calendar(
    client, coordinator
):
    client.force_login(coordinator)
    for language in HUB_LANGUAGES:
        page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language, **HUB)

        assert page.status_code == 200
        body = page.content.decode()
        with translation.override(language):
            nothing = translation.gettext("You don’t have permission to view or edit anything.")
            calendar = translation.gettext("Coordination calendar")
            url = reverse("coordination", urlconf="portal.urls_public")
        assert nothing in body, language
        assert f'<a href="{url}">{calendar}</a>' in body, language
        if language != "en":
            assert "permission to view or edit" not in body, language


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "lands"),
    [
        ("/ja/", "/ja/coordination/"),  # the hub home's staff link
        ("/admin/", "/ja/coordination/"),  # the admin's own sign-in
        ("/ja/events/", "/ja/events/"),  # a page they were on: back to it
    ],
)
def test_signing_in_on_the_hub_leads_a_coordinator_to_the_calendar(
    client, coordinator, start, lands
):
    coordinator.set_password(PASSWORD)
    coordinator.save()

    response = client.post(
        f"/admin/login/?next={start}",
        {"username": "coord", "password": PASSWORD, "next": start},
        HTTP_ACCEPT_LANGUAGE="ja",
        **HUB,
    )

    assert response.status_code == 302
    assert response["Location"] == lands


@pytest.mark.django_db
def test_a_hub_superuser_signing_in_from_the_home_stays_there(client):
    get_user_model().objects.create_superuser("boss", "boss@hub.example", PASSWORD)

    response = client.post(
        "/admin/login/?next=/ja/",
        {"username": "boss", "password": PASSWORD, "next": "/ja/"},
        HTTP_ACCEPT_LANGUAGE="ja",
        **HUB,
    )

    assert response["Location"] == "/ja/"
