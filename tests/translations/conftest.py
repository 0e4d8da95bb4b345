"""Fixtures of the translation tests: a translator and an editor of
China–Vietnam, signed in on the test client."""

import pytest

from tests.factories.accounts import make_staff


@pytest.fixture
def translator(client, site_vn, in_site):
    with in_site(site_vn):
        user = make_staff("translator")
        client.force_login(user)  # the session lives in the site's schema
    return user


@pytest.fixture
def editor(client, site_vn, in_site):
    with in_site(site_vn):
        user = make_staff("editor")
        client.force_login(user)
    return user
