"""``|iso_moment`` writes what ``|date:'c'`` wrote for a ``<time datetime>``."""

import datetime
from zoneinfo import ZoneInfo

from django.template import engines
from django.utils import timezone


def test_iso_moment_is_django_date_c_in_every_zone_and_shape():
    ours = engines["django"].from_string("{% load formatting %}{{ value|iso_moment }}")
    django = engines["django"].from_string("{{ value|date:'c' }}")
    moment = datetime.datetime(2027, 3, 9, 23, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Paris"))
    values = [
        moment,
        moment.replace(microsecond=0),
        moment.astimezone(datetime.UTC),
        moment.replace(tzinfo=None),  # naive: written as it is
        datetime.date(2027, 3, 9),
        None,
        "",
    ]
    for zone in ("Asia/Ho_Chi_Minh", "America/Los_Angeles", "UTC"):
        with timezone.override(zone):
            for value in values:
                assert ours.render({"value": value}) == django.render({"value": value}), value
    with timezone.override("Asia/Ho_Chi_Minh"):
        assert ours.render({"value": moment}) == "2027-03-10T05:30:15.123456+07:00"
