"""search.suggestions: the spellings offered when a search finds nothing.

Chinese is typed through a pinyin input method: the usual slip is another
character of the same sound (榴连 for 榴莲, 要果 for 腰果), which no trigram
of the typed text finds. Terms of the site's vocabulary are looked up by
their reading instead, and a reader who types the reading itself in Latin
letters ("liulian") is offered the term too. Every site has its own
vocabulary: a term added on one is never offered on another.
"""

import re

import pytest
from django.test import Client

from search.lexicon import entries
from search.models import ProductTerm, SearchWord
from search.suggestions import spellings
from tests.factories.articles import make_article

VN, ID = "cn-vn.localhost", "cn-id.localhost"

pytestmark = pytest.mark.django_db


def offered(path: str, host: str = VN) -> list[str]:
    """The spellings a search page that found nothing offers, as links."""
    response = Client().get(path, HTTP_HOST=host, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200, path
    ways = re.search(r'<ul class="no-results__ways">.*?</ul>', response.content.decode(), re.S)
    if ways is None:
        return []
    return re.findall(r'<a href="[^"]*[?&]q=[^"]*"[^>]*>(?:<[^>]+>)*([^<]+)<', ways[0])


@pytest.fixture
def durian_news(in_site, django_capture_on_commit_callbacks):
    def publish(site, title: str) -> None:
        with in_site(site), django_capture_on_commit_callbacks(execute=True):
            make_article(texts={"zh-hans": title, "en": "Durian season", "vi": "Mùa sầu riêng"})

    return publish


def test_a_term_of_chinese_characters_is_remembered_with_its_reading():
    remembered = entries(["榴莲", "腰果仁", "hạt điều"], phrases=True)

    assert remembered["榴莲"] == ("榴莲", "liulian")
    assert remembered["腰果仁"] == ("腰果仁", "yaoguoren")
    assert remembered["hat dieu"] == ("hạt điều", "")


def test_words_of_a_chinese_title_are_not_remembered_as_terms():
    """A title is a sentence with no spaces: as a whole it is no spelling."""
    assert entries(["榴莲季节开始"]) == {}


def test_a_character_of_the_same_sound_is_corrected(site_vn, in_site):
    with in_site(site_vn):
        assert spellings("榴连") == ["榴莲"]
        assert spellings("要果") == ["腰果"]
        # Inside a longer query, only the mistyped term changes.
        assert spellings("越南榴连 出口") == ["越南榴莲 出口"]
        # A term already right is left alone: nothing to offer.
        assert spellings("榴莲") == []


def test_the_reading_typed_in_latin_letters_is_offered_as_the_term(site_vn, in_site):
    with in_site(site_vn):
        assert "榴莲" in spellings("liulian")
        assert "榴莲" in spellings("liu lian")


def test_the_search_page_offers_the_term_in_its_characters(site_vn, durian_news):
    durian_news(site_vn, "榴莲季节开始")

    assert offered("/zh-hans/search/?q=%E6%A6%B4%E8%BF%9E") == ["榴莲"]  # 榴连
    assert offered("/zh-hans/search/?q=liulian") == ["榴莲"]


def test_a_term_one_site_added_is_not_offered_on_another(site_vn, site_id, in_site):
    with in_site(site_vn):
        ProductTerm.objects.create(
            product_id="081060", language="zh-hans", kind=ProductTerm.Kind.SYNONYM, text="猫山王"
        )
        assert SearchWord.objects.filter(display="猫山王", reading="maoshanwang").exists()
        assert spellings("猫山网") == ["猫山王"]
    with in_site(site_id):
        assert spellings("猫山网") == []
