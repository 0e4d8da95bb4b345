"""Hub accounts with one permission (tenants/services/hub_staff.py), as
add_hub_official and add_coordinator make them."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
def test_add_coordinator_names_the_account_as_sign_in_does():
    """It kept "Coord@Hub.Example" as typed, which the sign-in page (which
    lowers the address) never found."""
    out = StringIO()
    call_command("add_coordinator", "Coord@Hub.Example", stdout=out)

    assert out.getvalue().startswith("coordinator coord@hub.example created, password ")
    user = get_user_model().objects.get(username="coord@hub.example")
    assert user.is_staff and set(user.get_all_permissions()) == {"coordination.coordinate"}
    with pytest.raises(CommandError, match="'nobody' is not a valid e-mail address"):
        call_command("add_coordinator", "nobody", stdout=StringIO())


@pytest.mark.django_db
def test_one_account_may_both_coordinate_and_launch_sites():
    call_command("add_coordinator", "both@hub.example", stdout=StringIO())
    out = StringIO()
    call_command("add_hub_official", "both@hub.example", stdout=out)

    assert "password" not in out.getvalue()
    user = get_user_model().objects.get(username="both@hub.example")
    assert set(user.get_all_permissions()) == {"coordination.coordinate", "tenants.add_site"}
