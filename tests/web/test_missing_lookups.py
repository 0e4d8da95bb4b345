"""No public page looks up a variable its object does not have.

A template lookup that fails is silent, but not free: Django then calls
``dir()`` on the object to tell a failing property from a missing name
(~10–35 µs on a model instance, once per item of a list: an events month
after a write to its site spent ~1 ms so, bench/http.py --profile
--after-write). Pages are asked for with ``Cache-Control: no-cache`` and
nothing kept, in two languages, one of them falling back."""

import collections
import datetime
import sys

import django.template.base
import pytest
from django.test import Client
from django.utils import timezone

from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article
from tests.factories.events import make_event
from tests.factories.opportunities import make_listing
from web.fragment_store import fragments as kept_fragments

VN = "cn-vn.localhost"


@pytest.fixture
def failed_lookups(monkeypatch):
    """(object type, variable, template) of each failed attribute lookup."""
    failed = collections.Counter()
    real_dir = dir

    def noting(obj):
        frame = sys._getframe(1)
        variable = frame.f_locals.get("self")
        context = frame.f_locals.get("context")
        template = getattr(getattr(context, "template", None), "name", None)
        failed[(type(obj).__name__, getattr(variable, "var", None), template)] += 1
        return real_dir(obj)

    monkeypatch.setattr(django.template.base, "dir", noting, raising=False)
    return failed


def test_the_public_pages_look_up_only_what_their_objects_have(
    site_vn, in_site, django_capture_on_commit_callbacks, failed_lookups
):
    now = timezone.now()
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_event(titles={"en": f"Fair {n}"}, starts=now + datetime.timedelta(days=n + 1))
        make_event(
            titles={"en": "Yearly"},
            starts=now - datetime.timedelta(days=365 - 1),
            recurrence="yearly",
        )
        make_article(slug="coffee", texts={"vi": "Cà phê", "en": "Coffee"})
        listing = make_listing(texts={"zh-hans": ("咖啡", "咖啡出口")})
        make_enterprise(slug="roaster", names={"en": "Roaster"}, is_listed=True)
    month = f"{now.year}/{now.month}"
    paths = [
        "/", "/news/", "/news/coffee/", "/events/", "/events/past/", f"/events/{month}/",
        "/opportunities/", f"/opportunities/{listing.pk}/", "/enterprises/",
        "/enterprises/roaster/", "/search/?q=coffee", "/search/?q=c%C3%A0+ph%C3%AA&type=article",
        "/questions/",
    ]  # fmt: skip
    for language in ("en", "vi"):
        for path in paths:
            kept_fragments.clear()
            response = Client().get(
                f"/{language}{path}", HTTP_HOST=VN, HTTP_CACHE_CONTROL="no-cache"
            )
            assert response.status_code == 200, path

    assert dict(failed_lookups) == {}
