"""Every word a coordinator reads on the coordination pages and in their
calendar feed is in their language: the catalog's English never shows
through (clash reasons, categories, alarms, site names), and names of sites
and events are in that language where they have one."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from icalendar import Calendar

from coordination.models import CalendarEntry
from coordination.views import feed_token

HUB = {"HTTP_HOST": "localhost"}
LOCALE = Path(__file__).resolve().parents[2] / "locale"
# A site's code on its own (not inside an address such as contact@cn-vn.localhost).
CODE = re.compile(r"(?<![@\w.-])cn-(vn|id)(?![\w.-])")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


class VisibleText(HTMLParser):
    """The text nodes a reader sees, and the attributes read aloud or shown."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if name in {"title", "aria-label", "placeholder", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def html_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def feed_text(body: bytes) -> list[str]:
    calendar = Calendar.from_ical(body)
    parts = [str(calendar["x-wr-calname"])]
    for component in calendar.walk():
        for name in ("summary", "description", "location"):
            if name in component:
                parts.extend(str(component[name]).splitlines())
        if "categories" in component:
            parts.extend(str(category) for category in component["categories"].cats)
    return [part for part in parts if part.strip()]


def without_content(parts: list[str]) -> list[str]:
    """``parts`` without what events' writers wrote (titles, venues, people):
    an event with no Korean title is named in another language, which is
    its fallback, not the catalog's English."""
    written = set()
    for titles, venues, organisers, speakers in CalendarEntry.objects.values_list(
        "titles", "venues", "organisers", "speakers"
    ):
        written |= {*titles.values(), *venues.values(), *organisers, *speakers}
    cleaned = []
    for part in parts:
        for text in sorted(written, key=len, reverse=True):
            part = part.replace(text, "")
        cleaned.append(part.strip())
    return [part for part in cleaned if part]


def english_left(parts: list[str], language: str) -> list[str]:
    """The catalog's English strings found in ``parts`` where ``language``
    says something else: a whole text for a one-word message ("Open"), a
    piece between placeholders of two words or more anywhere."""
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as file:
        catalog = read_po(file)
    found = set()
    joined = "\n".join(parts)
    whole = set(parts)
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else message.string[0]
        if english == string:
            continue
        for piece in PLACEHOLDER.split(english):
            piece = piece.strip(" :·,.()")
            words = re.findall(r"[A-Za-z]{2,}", piece)
            several = len(words) >= 2 and len(piece) >= 8 and piece in joined
            alone = len(words) == 1 and piece == english and piece in whole
            if several or alone:
                found.add(piece)
    return sorted(found)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "ko"])
def test_coordination_pages_and_feed_read_wholly_in_the_coordinators_language(
    client, coordinator, expo_case, language, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(coordinator)
    expo = CalendarEntry.objects.get(slug="china-asean-expo", is_copy=False)
    pages = {
        "clashes": f"/{language}/coordination/",
        "calendar": f"/{language}/coordination/calendar/?month={expo.starts_at:%Y-%m}",
        "clash": f"/{language}/coordination/clashes/{expo_case.pk}/",
    }
    for name, path in pages.items():
        response = client.get(path, **HUB)
        assert response.status_code == 200, name
        parts = html_text(response.content.decode())
        assert english_left(without_content(parts), language) == [], (name, parts)
        # Sites are named, never coded ("[cn-vn]", "cn-vn, cn-id").
        assert not [part for part in parts if CODE.search(part)], name

    # The feed address is taken from the page, in its language; calendar
    # apps fetch it without any Accept-Language.
    token = feed_token(coordinator, language)
    body = client.get("/coordination/calendar.ics", {"token": token}, **HUB)
    assert body["Content-Language"] == language
    parts = feed_text(body.content)
    assert english_left(without_content(parts), language) == [], parts
    assert not [part for part in parts if CODE.search(part)]
    calendar = Calendar.from_ical(body.content)
    expos = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(str(expo.event_uid))]
    description = str(expos[0]["description"])
    words = {
        "vi": ("Xung đột với", "Cùng địa điểm: Trung tâm Hội chợ Triển lãm Quốc tế Nam Ninh"),
        "ko": ("와(과) 충돌", "같은 장소: "),
    }[language]
    assert all(word in description for word in words), description
    (alarm,) = expos[0].walk("VALARM")
    assert str(alarm["description"]) == description.splitlines()[0]
    assert {"vi": "Xung đột", "ko": "충돌"}[language] in [
        str(c) for c in expos[0]["categories"].cats
    ]


def test_the_check_finds_english_when_it_is_there():
    """The comparison itself: an untranslated reason and label are caught."""
    parts = ["Cùng địa điểm: Nam Ninh", "Same venue: Nanning", "Open"]
    assert english_left(parts, "vi") == ["Open", "Same venue"]


@pytest.mark.django_db
def test_a_title_missing_in_the_readers_language_falls_back_to_english_then_the_sites_own(site_vn):
    # Keys in the order PostgreSQL's jsonb returns them (shorter first, then
    # by bytes): "de" comes before the site's own "zh-hans", and a walk saw a
    # Korean event shown to Russian coordinators by its German translation.
    korean_first = CalendarEntry(
        site=site_vn, slug="forum", titles={"de": "Forum (Deutsch)", "zh-hans": "论坛"}
    )
    korean_first.venues = {"de": "Halle (Deutsch)", "zh-hans": "会展中心"}
    assert korean_first.title("ru") == "论坛"
    assert korean_first.venue("ru") == "会展中心"
    assert korean_first.title("de") == "Forum (Deutsch)"

    with_english = CalendarEntry(
        site=site_vn,
        slug="forum",
        titles={"de": "Forum", "en": "Forum (English)", "zh-hans": "论坛"},
    )
    assert with_english.title("ru") == "Forum (English)"
    assert CalendarEntry(site=site_vn, slug="forum", titles={}).title("ru") == "forum"


@pytest.mark.django_db
def test_a_reader_whose_language_the_site_lacks_reads_the_sites_languages_before_others(site_vn):
    """The site's own order (``translations.fallback.fallback_chain``): the
    reader's language, English when the site offers it, the site's default,
    then its other languages; a language the site does not offer only when
    the entry has nothing else. A Russian coordinator used to read the
    German leftover of a Chinese–Vietnamese event written in Vietnamese."""
    assert site_vn.languages == ["zh-hans", "vi", "en"]
    vietnamese = CalendarEntry(
        site=site_vn, slug="forum", titles={"de": "Forum (Deutsch)", "vi": "Diễn đàn"}
    )
    vietnamese.venues = {"de": "Halle", "vi": "Hội trường"}
    assert vietnamese.title("ru") == "Diễn đàn"
    assert vietnamese.venue("ru") == "Hội trường"
    assert vietnamese.title("de") == "Forum (Deutsch)"
    only_foreign = CalendarEntry(site=site_vn, slug="forum", titles={"de": "Forum (Deutsch)"})
    assert only_foreign.title("ru") == "Forum (Deutsch)"


@pytest.mark.django_db
def test_english_comes_second_only_on_a_site_that_offers_it(site_vn):
    # A site in Korean and Chinese: its default comes straight after the
    # reader's language, as on its own pages; an English leftover does not.
    site_vn.languages = ["ko", "zh-hans"]  # unsaved: the entry reads it
    entry = CalendarEntry(
        site=site_vn, slug="forum", titles={"en": "Forum", "ko": "포럼", "zh-hans": "论坛"}
    )
    assert entry.title("de") == "포럼"
    assert entry.title("zh-hans") == "论坛"


@pytest.mark.django_db
def test_an_event_link_opens_the_page_in_the_language_its_title_is_read_in(site_vn):
    """A Malay coordinator reads a China–Vietnam event's English title (the
    site offers no Malay): its link opens the English page, not the site's
    default Chinese one (a walk followed English titles to Chinese pages,
    in the calendar, the clash e-mails and the feed alike)."""
    from coordination.clashes import entry_url

    entry = CalendarEntry(
        site=site_vn, slug="forum", url_path="/zh-hans/events/forum/", titles={"en": "Forum"}
    )
    assert "/en/events/forum/" in entry_url(entry, "ms")
    assert "/vi/events/forum/" in entry_url(entry, "vi")
    site_vn.languages = ["ko", "zh-hans"]  # unsaved: no English on this site
    assert "/zh-hans/events/forum/" in entry_url(entry, "ms")
