"""A reader of /vi/ (or /id/) sees no English or Chinese interface text.

The test walks every page linked from the language's home page and compares
each piece of visible text with the English and Chinese UI strings.
"""

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django_tenants.utils import schema_context

from languages.registry import get_language
from tests.factories.accounts import make_member

LOCALE = Path(__file__).resolve().parents[2] / "locale"
TEXT_NODE = re.compile(r">([^<>]+)<")
LABEL = re.compile(r'(?:aria-label|title|alt|placeholder)="([^"]+)"')


def catalog(language: str) -> dict[tuple, str]:
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        # A plural entry stands for its last form ("other"), the likeliest on a page.
        return {
            (m.context, m.id[0] if m.pluralizable else m.id): (
                m.string[-1] if m.pluralizable else m.string
            )
            for m in read_po(handle)
            if m.id
        }


def pattern_for(text: str) -> re.Pattern:
    parts = re.split(r"%\(\w+\)[sd]", text)
    return re.compile(r"\s*" + ".+".join(re.escape(p) for p in parts) + r"\s*", re.S)


def foreign_patterns(language: str) -> list[tuple[str, re.Pattern]]:
    own = catalog(language)
    english, chinese = catalog("en"), catalog("zh_Hans")
    patterns = []
    for key, translated in own.items():
        for foreign in {english[key], chinese[key]}:
            words = re.sub(r"%\(\w+\)[sd]", "", foreign).strip(" ,.:;·/–-")
            if foreign != translated and len(words) > 2:
                patterns.append((foreign, pattern_for(foreign)))
    return patterns


def visible_texts(page: str) -> list[str]:
    texts = [html.unescape(t).strip() for t in TEXT_NODE.findall(page)]
    texts += [html.unescape(t) for t in LABEL.findall(page)]
    return [t for t in texts if t]


def leaks(pages: dict[str, str], patterns, own_names: set[str]) -> list[tuple]:
    """Visible texts of the crawled pages that are foreign UI strings."""
    return [
        (path, text, foreign)
        for path, page in pages.items()
        for text in visible_texts(page)
        if text not in own_names
        for foreign, pattern in patterns
        if pattern.fullmatch(text)
    ]


def crawl(client, host: str, start: str, limit: int = 40) -> dict[str, str]:
    pages, queue = {}, [start]
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in pages:
            continue
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
        for link in re.findall(r'href="(/[^"#?]*)"', pages[path]):
            if link.startswith(start) and link not in pages:
                queue.append(link)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "language"), [("cn-vn.localhost", "vi"), ("cn-id.localhost", "id")]
)
def test_pages_linked_from_the_home_page_have_no_foreign_ui_text(
    client, site_vn, site_id, in_site, host, language
):
    # Signed in for an enterprise, so account pages and request forms are walked too.
    with in_site(site_vn if host.startswith("cn-vn") else site_id):
        member = make_member(language=language)
        client.force_login(member.user)
    patterns = foreign_patterns(language)
    own_names = {"简体中文", "English", "Tiếng Việt", "Bahasa Indonesia"}  # the language switcher
    pages = crawl(client, host, f"/{language}/", limit=80)

    assert len(pages) >= 5  # home, news list and the demo articles
    assert f"/{language}/account/" in pages and f"/{language}/opportunities/post/" in pages
    assert leaks(pages, patterns, own_names) == []


def test_the_check_would_catch_an_english_leak():
    patterns = foreign_patterns("vi")
    texts = visible_texts('<nav aria-label="Main navigation"><a href="/vi/">Home</a></nav>')

    caught = {foreign for text in texts for foreign, pattern in patterns if pattern.fullmatch(text)}
    assert caught == {"Main navigation", "Home"}


# Pairs launched later, each in a language with its own catalog: the
# language, the partner country, its zone, and the site's name on its home page.
LATER_PAIRS = [
    ("fr", "FR", "Europe/Paris", "Coopération économique et commerciale Chine–France"),
    ("de", "DE", "Europe/Berlin", "Wirtschafts- und Handelszusammenarbeit China–Deutschland"),
    ("ru", "RU", "Europe/Moscow", "Экономическое и торговое сотрудничество Китай–Россия"),
    ("ms", "MY", "Asia/Kuala_Lumpur", "Kerjasama Ekonomi dan Perdagangan China–Malaysia"),
    ("th", "TH", "Asia/Bangkok", "ความร่วมมือทางเศรษฐกิจและการค้าจีน–ไทย"),
    ("hi", "IN", "Asia/Kolkata", "चीन–भारत आर्थिक और व्यापार सहयोग"),
    ("es", "CL", "America/Santiago", "Cooperación Económica y Comercial China–Chile"),
    ("pt", "BR", "America/Sao_Paulo", "Cooperação Econômica e Comercial China–Brasil"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "country", "zone", "name"), LATER_PAIRS)
def test_a_pair_launched_later_speaks_its_language(client, language, country, zone, name):
    """The catalog covers the whole interface, sign-in pages included."""
    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec

    code = f"cn-{country.lower()}"
    site = provision(
        build_spec(
            code=code,
            countries=f"CN,{country}",
            languages=f"{language},zh-hans,en",
            domains=[f"{code}.localhost"],
            time_zone=zone,
            currency="USD",
            launched_on="2024-03-01",  # launched already: its pages are public
        )
    ).site
    with schema_context(site.schema_name):
        client.force_login(make_member(language=language).user)
    patterns = foreign_patterns(language)
    pages = crawl(client, f"{code}.localhost", f"/{language}/", limit=30)

    assert name in pages[f"/{language}/"]
    own_names = {"简体中文", "English", get_language(language).native_name}
    assert leaks(pages, patterns, own_names) == []
