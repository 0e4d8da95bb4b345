"""Closing an account takes the person's name and address off their listings."""

import datetime

import pytest
from django.utils import timezone

from cooperation.models import Opportunity
from tests.factories.accounts import PASSWORD, make_member

VN = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
def test_the_closed_accounts_contact_leaves_its_listings(client, site_vn, in_site):
    with in_site(site_vn):
        leaving = make_member(email="leaving@example.org")
        staying = make_member(leaving.enterprise, email="staying@example.org")
        common = {
            "kind": "supply", "sector": "A", "country": "VN", "company": "X", "language": "en",
            "valid_until": timezone.localdate() + datetime.timedelta(days=9),
            "status": "approved", "enterprise": leaving.enterprise, "title_en": "Pepper",
        }  # fmt: skip
        theirs = Opportunity.objects.create(
            **common, contact_name="Leaving Person", contact_email="Leaving@example.org"
        )
        others = Opportunity.objects.create(
            **common, contact_name="Staying Person", contact_email="staying@example.org"
        )
        client.force_login(leaving.user)

    client.post("/en/account/close/", {"password": PASSWORD}, **VN)

    with in_site(site_vn):
        theirs.refresh_from_db()
        others.refresh_from_db()
        assert (theirs.contact_name, theirs.contact_email) == ("", "")
        assert others.contact_email == "staying@example.org"
        assert staying.enterprise.members.count() == 1
    page = client.get(f"/en/opportunities/{theirs.pk}/", **VN).content.decode()
    assert "Leaving" not in page and "leaving@example.org" not in page
