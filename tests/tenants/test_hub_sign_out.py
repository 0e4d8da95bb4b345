"""Signing out of the hub (the header's "Sign out" posts to the hub admin's
logout): staff land on the hub's home page in their language, never on an
error page (the site's LOGOUT_REDIRECT_URL names a page the hub lacks)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

HUB = {"HTTP_HOST": "localhost"}


@pytest.mark.django_db
def test_a_coordinator_signs_out_of_the_hub_and_lands_on_its_home(client):
    coordinator = get_user_model().objects.create_user(
        "signout@hub.example", "signout@hub.example", "pw-123456789", is_staff=True
    )
    coordinator.user_permissions.add(Permission.objects.get(codename="coordinate"))
    client.force_login(coordinator)
    page = client.get("/id/coordination/", **HUB)
    assert 'action="/admin/logout/"' in page.content.decode()

    response = client.post("/admin/logout/", HTTP_ACCEPT_LANGUAGE="id", **HUB)

    assert response.status_code == 302
    landing = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="id", follow=True, **HUB)
    assert landing.status_code == 200
    assert landing.request["PATH_INFO"] in ("/id/", "/en/")
    assert client.get("/id/coordination/", **HUB).status_code == 302  # signed out
