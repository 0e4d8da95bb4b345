"""striptags and truncatechars (web/templatetags/short_text.py): Django's
results, character for character and with the same escaping."""

import unicodedata

from django.template import Context, engines
from django.template import defaultfilters as django
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import override

from web.templatetags import short_text

TEXTS = [
    "",
    "Chính sách, cung cầu và kết nối doanh nghiệp",
    unicodedata.normalize("NFD", "Cổng hợp tác kinh tế thương mại"),  # combining marks
    "中国–越南经贸合作门户" * 20,
    "A <b>bold</b> & <i>plain</i> claim",
    "x < y and y > z",
    'Tom & Jerry\'s "quoted" <script>alert(1)</script>',
    "a" * 160,
    "a" * 161,
    # Cut without combining characters, and with one before or after the cut.
    "Hội chợ thương mại quốc tế Việt Nam – Trung Quốc, kết nối doanh nghiệp " * 4,
    "e" * 43 + "\u0301" + "e" * 200,
    "e" * 44 + "\u0301" + "e" * 200,
    "e" * 45 + "\u0301" + "e" * 200,
    "\u0301" * 3 + "e" * 300,
    "😀 emoji, tabs\tand\nlines " * 20,
]


def test_the_filters_give_djangos_results():
    for text in TEXTS:
        for value in (text, mark_safe(text)):
            ours, theirs = short_text.striptags(value), django.striptags(value)
            assert (ours, isinstance(ours, SafeData)) == (theirs, isinstance(theirs, SafeData))
            for length in (-1, 0, 1, 2, 5, 43, 44, 45, 80, 160, 200, "x"):
                for language in ("vi", "en", "zh-hans", "ar"):
                    with override(language):
                        ours = short_text.truncatechars(value, length)
                        theirs = django.truncatechars(value, length)
                    assert (ours, isinstance(ours, SafeData)) == (
                        theirs,
                        isinstance(theirs, SafeData),
                    )


def test_templates_use_them_and_escape_as_before():
    template = engines["django"].from_string(
        "{{ text|striptags|truncatechars:10 }}|{{ text|truncatechars:200 }}"
    )
    assert (
        template.template.engine.template_builtins[-1].filters["striptags"] is short_text.striptags
    )
    assert template.render(Context({"text": "<b>Tom</b> & Jerry, friends"}).flatten()) == (
        "Tom &amp; Jer…|&lt;b&gt;Tom&lt;/b&gt; &amp; Jerry, friends"
    )


def test_a_cut_without_combining_marks_does_not_walk_the_text(monkeypatch):
    monkeypatch.setattr(short_text, "Truncator", None)  # Django's walk, per character
    with override("en"):
        assert short_text.truncatechars("a" * 161, 160) == "a" * 159 + "…"
