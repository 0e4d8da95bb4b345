"""The shared permission check of staff pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from events.models import Event
from tests.factories.accounts import make_staff
from tests.factories.events import make_event
from web.permissions import object_for, require_perm


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_staff_status_alone_grants_nothing_a_role_does(site_vn, in_site):
    with in_site(site_vn):
        event = make_event(slug="for-editors")
        plain, editor = make_staff(), make_staff("editor")

        with pytest.raises(PermissionDenied):
            require_perm(request_by(plain), "events.view_registration")
        require_perm(request_by(editor), "events.view_registration")
        assert (
            object_for(request_by(editor), Event, "events.view_event", slug="for-editors") == event
        )


@pytest.mark.django_db
def test_an_object_is_refused_before_it_is_looked_up(site_vn, in_site):
    with in_site(site_vn):
        plain, editor = make_staff(), make_staff("editor")

        # Without the permission, a missing object and an existing one look alike.
        with pytest.raises(PermissionDenied):
            object_for(request_by(plain), Event.objects.all(), "events.view_event", slug="nope")
        with pytest.raises(Http404):
            object_for(request_by(editor), Event.objects.all(), "events.view_event", slug="nope")
