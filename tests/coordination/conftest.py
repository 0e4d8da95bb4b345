"""Fixtures of the coordination tests: a hub coordinator, and the demo's planted clash."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from coordination.models import CalendarEntry, ClashCase


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user(
        "coord", email="coord@hub.example", password="pw-123456789", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    return user


@pytest.fixture
def expo_case(site_vn, demo_event) -> ClashCase:
    """The planted demo clash: the Indonesia pavilion (cn-id) at the China–ASEAN Expo (cn-vn)."""
    expo = demo_event(site_vn, "china-asean-expo")
    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning")
    low, high = sorted([expo.uid, pavilion.event_uid])
    return ClashCase.objects.get(low_uid=low, high_uid=high)
