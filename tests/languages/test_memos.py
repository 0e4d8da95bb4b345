"""languages.memos: the memos of per-language text are forgotten when a
language setting changes (and with what else each names), not otherwise."""

from django.core.signals import setting_changed

from languages.memos import LANGUAGE_SETTINGS, _forgetters, forget_with_languages
from web.templatetags import memo_url, page_parts, pager


def test_memos_are_forgotten_when_a_language_setting_changes_and_only_then():
    cleared = []
    forget_with_languages(lambda: cleared.append("plain"))
    forget_with_languages(lambda: cleared.append("urls"), also=["ROOT_URLCONF"])
    try:
        for setting in sorted(LANGUAGE_SETTINGS):
            cleared.clear()
            setting_changed.send(None, setting=setting, value=None, enter=True)
            assert cleared == ["plain", "urls"], setting
        for setting, expected in [("ROOT_URLCONF", ["urls"]), ("TIME_ZONE", [])]:
            cleared.clear()
            setting_changed.send(None, setting=setting, value=None, enter=True)
            assert cleared == expected, setting
    finally:
        for clear in list(_forgetters)[-2:]:
            del _forgetters[clear]


def test_the_frames_memos_use_the_hook():
    for memo in (
        page_parts._remembered_breadcrumbs,
        page_parts._remembered_share_links,
        pager._labels,
        memo_url._reverse,
    ):
        assert memo.cache_clear in _forgetters
    assert {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"} <= _forgetters[memo_url._reverse.cache_clear]
