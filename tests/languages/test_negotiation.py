import pytest
from django.test import RequestFactory

from languages.negotiation import best_language, match_language, switch_path


@pytest.mark.parametrize(
    ("tag", "offered", "expected"),
    [
        ("vi-VN", ["zh-hans", "vi", "en"], "vi"),
        ("zh-CN", ["zh-hans", "vi", "en"], "zh-hans"),
        ("zh", ["zh-hans", "id", "en"], "zh-hans"),
        ("zh-Hans-CN", ["zh-hans", "id", "en"], "zh-hans"),
        ("zh-TW", ["zh-hans", "en"], "zh-hans"),  # simplified beats English for a Chinese reader
        ("zh-TW", ["zh-hans", "zh-hant"], "zh-hant"),
        ("in-ID", ["zh-hans", "id", "en"], "id"),
        ("id", ["zh-hans", "vi", "en"], None),
        ("ko-KR", ["ko", "zh-hans"], "ko"),
    ],
)
def test_match_language(tag, offered, expected):
    assert match_language(tag, offered) == expected


def test_best_language_prefers_remembered_choice_then_header_then_default():
    factory = RequestFactory()
    offered = ["zh-hans", "vi", "en"]

    header_only = factory.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,vi;q=0.8,en;q=0.5")
    remembered = factory.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    remembered.COOKIES["django_language"] = "en"
    nothing = factory.get("/")

    assert best_language(header_only, offered, default="zh-hans") == "vi"
    assert best_language(remembered, offered, default="zh-hans") == "en"
    assert best_language(nothing, offered, default="zh-hans") == "zh-hans"


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/vi/news/launch/", "en", "/en/news/launch/"),
        ("/zh-hans/", "vi", "/vi/"),
        ("/vi", "en", "/en/"),
        ("/admin/", "vi", "/vi/"),
    ],
)
def test_switch_path_keeps_the_page(path, language, expected):
    assert switch_path(path, language) == expected
