"""The demo sites have a sent weekly bulletin: the last week that ended
before the demo was loaded, assembled and sent through the real service
(its items the demo content of that week), archived with its feed; loading
the demo again adds nothing."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from alerts.demo import send_demo_bulletin
from alerts.models import Bulletin

VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "language"), [(VN, "vi"), (ID, "id")])
def test_each_demo_site_has_a_sent_bulletin_in_its_archive_and_feed(
    client, site_vn, site_id, host, language
):
    site = site_vn if host is VN else site_id
    with schema_context(site.schema_name):
        (bulletin,) = Bulletin.objects.sent()
        assert bulletin.items.filter(included=True).count() >= 3
        assert bulletin.introduction  # in the site's default language at least
    zone = zoneinfo.ZoneInfo(site.time_zone)
    today = timezone.localtime(timezone.now(), zone).date()
    assert bulletin.starts_on.weekday() == 0
    assert today - datetime.timedelta(days=14) <= bulletin.starts_on < today  # no literal date

    archive = client.get(f"/{language}/bulletins/", **host).content.decode()
    assert f"/{language}/bulletins/{bulletin.week}/" in archive
    page = client.get(f"/{language}/bulletins/{bulletin.week}/", **host)
    assert page.status_code == 200 and page.context["items"]
    feed = client.get(f"/{language}/bulletins/feed.atom", **host).content.decode()
    assert f"/{language}/bulletins/{bulletin.week}/" in feed


@pytest.mark.django_db
def test_loading_the_demo_again_sends_no_second_bulletin(site_vn):
    with schema_context(site_vn.schema_name):
        before = list(Bulletin.objects.values_list("week", "status", "sent_at"))
        items = Bulletin.objects.get().items.count()
        assert send_demo_bulletin(site_vn) == ""
        assert list(Bulletin.objects.values_list("week", "status", "sent_at")) == before
        assert Bulletin.objects.get().items.count() == items
