"""Translators', editors' and coordinators' pages speak the user's language:
no English or Chinese interface text on the translation status and task
pages, one item side by side, the editors' clash page and the hub's
coordination pages, in Indonesian and Vietnamese."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from coordination.models import CalendarEntry, ClashCase
from tests.factories.accounts import make_staff
from tests.factories.articles import make_article
from tests.translations.test_ui_language import foreign_patterns, leaks

# Names people gave things (sites, events, venues, organisers, the language
# switcher): data, not interface text.
DATA = {"简体中文", "English", "Tiếng Việt", "Bahasa Indonesia", "cn-vn", "cn-id", "PO", "XLIFF"}


def pages(client, host: str, paths: list[str]) -> dict[str, str]:
    found = {}
    for path in paths:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        found[path] = response.content.decode()
    return found


def data_names(body: str) -> set[str]:
    """Texts inside elements marked with another language (titles, sources)."""
    return {text.strip() for text in re.findall(r'lang="[^"]+"[^>]*>([^<>]+)<', body)}


@pytest.mark.django_db
def test_an_indonesian_editors_translation_and_clash_pages_are_all_indonesian(
    client, site_id, in_site
):
    with in_site(site_id):
        article = make_article(slug="bahasa-check", texts={"zh-hans": "海关新规"})
        article.summary_zh_hans = "新规明年生效。"
        article.save()
        client.force_login(make_staff("editor"))
    found = pages(client, "cn-id.localhost", [
        "/id/editor/",
        "/id/editor/translations/",
        "/id/editor/translations/tasks/",
        "/id/editor/translations/tasks/?language=id",
        f"/id/editor/translations/cooperation.article/{article.pk}/id/",
        "/id/editor/clashes/",
    ])  # fmt: skip
    own = DATA | {name for body in found.values() for name in data_names(body)}

    assert leaks(found, foreign_patterns("id"), own) == []
    assert "Bentrokan kalender" in found["/id/editor/clashes/"]


@pytest.mark.django_db
def test_a_vietnamese_coordinators_pages_are_all_vietnamese(client, site_vn):
    user = get_user_model().objects.create_user("coord-vi", password="pw-123456789", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="coordinate"))
    client.force_login(user)
    expo = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning")
    low, high = sorted([expo.event_uid, pavilion.event_uid])
    case = ClashCase.objects.get(low_uid=low, high_uid=high)
    month = f"{expo.starts_at:%Y-%m}"
    found = pages(client, "localhost", [
        "/vi/coordination/",
        "/vi/coordination/?state=resolved",
        f"/vi/coordination/calendar/?month={month}",
        f"/vi/coordination/clashes/{case.pk}/",
    ])  # fmt: skip
    # Event titles, venues and organisers are the events' own words.
    own = DATA | {
        text.strip()
        for body in found.values()
        for text in re.findall(r'class="clash__(?:title|meta)"[^>]*>(?:<a [^>]*>)?([^<]+)<', body)
    }
    own |= {title for entry in (expo, pavilion) for title in entry.titles.values()}

    problems = [
        (path, text, foreign)
        for path, text, foreign in leaks(found, foreign_patterns("vi"), own)
        if not any(name in text for name in own if len(name) > 3)
    ]
    assert problems == []
    assert "Xung đột sắp tới" in found["/vi/coordination/"]
