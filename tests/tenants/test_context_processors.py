"""The frame's language links and site texts (tenants.context_processors): each
address's entries worked out once per site and language, bounded; the site's
translated texts read once per page."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from tenants import context_processors
from tenants.context_processors import LONGEST_ADDRESS, _page_languages_for, languages, site
from tenants.hub import hub_site


def request_for(site, address: str):
    request = RequestFactory().get(address)
    request.tenant = site
    return request


def test_remembered_entries_are_the_computed_ones_per_site(site_vn, site_id):
    address = "/en/news/?q=c%C3%A0+ph%C3%AA&b=<"
    with translation.override("en"):
        for _ in range(2):
            vn, id_ = (
                languages(request_for(site_vn, address)),
                languages(request_for(site_id, address)),
            )
            assert (vn["page_languages"], vn["negotiating_path"]) == _page_languages_for(
                request_for(site_vn, address), list(site_vn.languages), "en"
            )
            assert [e["code"] for e in vn["page_languages"]] == list(site_vn.languages)
            assert [e["code"] for e in id_["page_languages"]] == list(site_id.languages)
            assert vn["page_origin"] != id_["page_origin"]
        assert {e["url"] for e in vn["page_languages"]} >= {"/en/news/?q=c%C3%A0+ph%C3%AA&b=%3C"}
    with translation.override("vi"):  # the current language is marked anew
        current = [
            e["code"]
            for e in languages(request_for(site_vn, address))["page_languages"]
            if e["current"]
        ]
    assert current == ["vi"]


def test_bounded_and_long_addresses_not_remembered(site_vn, monkeypatch):
    monkeypatch.setattr(context_processors, "_page_languages", {})
    monkeypatch.setattr(context_processors, "PAGE_LANGUAGES_LIMIT", 2)
    with translation.override("vi"):
        for n in range(4):
            languages(request_for(site_vn, f"/vi/news/{n}/"))
        assert [key[2] for key in context_processors._page_languages] == [
            "/vi/news/2/",
            "/vi/news/3/",
        ]
        long = languages(request_for(site_vn, "/vi/?q=" + "a" * LONGEST_ADDRESS))
    assert long["page_languages"][0]["url"].endswith("a" * LONGEST_ADDRESS)
    assert len(context_processors._page_languages) == 2


def test_site_texts_are_the_fields_in_the_language_read_once_per_page(site_vn):
    request = request_for(site_vn, "/vi/")
    with translation.override("vi"):
        shown = site(request)["site_texts"]
        assert shown["name"] == site_vn.name_vi and shown["tagline"] == site_vn.tagline
        # Read once for the page: the frame reads these 5–8 times a page.
        site_vn.name_vi = "Changed after the first read"
        assert shown["name"] != site_vn.name
    site_vn.name_zh_hans = ""  # modeltranslation's fallback, as site.name has it
    with translation.override("zh-hans"):
        assert site(request)["site_texts"]["name"] == site_vn.name == site_vn.name_en
    with pytest.raises(KeyError):  # only the site's translated fields
        site(request)["site_texts"]["schema_name"]


def test_no_site_texts_on_the_hub(rf):
    request = rf.get("/en/")
    request.tenant = hub_site()
    assert site(request) == {"site": None, "is_hub": True, "site_texts": None}
