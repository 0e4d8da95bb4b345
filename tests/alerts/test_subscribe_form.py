"""The alert form shows, under each choice of what to follow, the fields that
choice reads, and hides the others, with one rule of the stylesheet: a topic
a content app registers later needs nothing in CSS (issue 15)."""

import re
from pathlib import Path

import pytest
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alerts import topics
from alerts.models import Subscription

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "portal" / "site.css"
VN = {"HTTP_HOST": "cn-vn.localhost"}


def test_the_stylesheet_names_no_topic():
    css = STYLESHEET.read_text()
    keys = [Subscription.SEARCH, Subscription.BULLETIN, *(t.key for t in topics.topics())]
    named = [key for key in keys if re.search(rf"""(value|data-topic)\s*=\s*["']?{key}\b""", css)]
    assert named == [], f"site.css names topics {named}: derive the rule instead"


def _options(html: str) -> dict[str, str]:
    """Each topic's option in the form: its value → its markup (radio and part)."""
    chunks = html.split('<div class="alert-form__topic')[1:]
    found = {}
    for chunk in chunks:
        value = re.search(r'name="topic" value="([^"]+)"', chunk)[1]
        found[value] = chunk.split("</fieldset>")[0]
    return found


@pytest.fixture
def a_new_topic():
    """A topic as a content app would register it tomorrow."""
    topic = topics.Topic(
        "tariff_line", _("Tariff lines"), "article",
        lambda site: [("8517", "8517")], lambda value: QuerySet().none(),
    )  # fmt: skip
    topics.register(topic)
    yield topic
    topics._TOPICS.pop(topic.key)


@pytest.mark.django_db
def test_each_topics_fields_sit_under_its_own_choice(client, site_vn, a_new_topic):
    html = client.get("/en/alerts/", **VN).content.decode()
    options = _options(html)

    assert set(options) == {"search", "bulletin", "category", "tag", "listing_type", "sector",
                            "enterprise_sector", "verified", "events", "tariff_line"}  # fmt: skip
    assert 'name="q"' in options["search"] and 'name="product"' in options["search"]
    assert 'name="topic_tariff_line"' in options["tariff_line"]
    assert 'name="topic_category"' in options["category"]
    # A list's link narrows a search by the same choices, shown under the search.
    assert "within_" not in html
    narrowed = client.get("/en/alerts/?type=article&within_tariff_line=8517", **VN).content.decode()
    assert 'name="within_tariff_line"' in _options(narrowed)["search"]
    for value, markup in options.items():
        others = [f'name="topic_{o}"' for o in options if o != value] + ['name="q"'] * (
            value != "search"
        )
        assert not [name for name in others if name in markup], value
    # The bulletin reads no field, and comes weekly: its choice says so.
    assert "alert-form__topic--weekly" in html.split('value="bulletin"')[0].rsplit("<div", 1)[1]
