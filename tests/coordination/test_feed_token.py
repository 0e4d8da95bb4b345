"""The coordinators' feed address stops working when their password changes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from coordination.views import feed_token

HUB = {"HTTP_HOST": "localhost"}


@pytest.mark.django_db
def test_the_feed_token_follows_the_password_and_the_account(client):
    user = get_user_model().objects.create_user("coord@example.org", password="first-pass-123")
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    token = feed_token(user)

    assert client.get("/coordination/calendar.ics", {"token": token}, **HUB).status_code == 200
    user.set_password("second-pass-456")
    user.save()
    assert client.get("/coordination/calendar.ics", {"token": token}, **HUB).status_code == 404
    fresh = feed_token(user)
    assert client.get("/coordination/calendar.ics", {"token": fresh}, **HUB).status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/coordination/calendar.ics", {"token": fresh}, **HUB).status_code == 404
    # Sites have no such feed: the address means nothing there.
    assert (
        client.get(
            "/coordination/calendar.ics", {"token": fresh}, HTTP_HOST="cn-vn.localhost"
        ).status_code
        == 404
    )
