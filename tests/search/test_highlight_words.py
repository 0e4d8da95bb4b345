"""Highlighting marks whole words where words are separated by spaces (the
last word of a query may be unfinished, as the search reads it), and marks
anywhere in scripts written without spaces."""

from search.query import highlight


def marked(html: str) -> list[str]:
    return [piece.split("</mark>")[0] for piece in html.split("<mark>")[1:]]


def test_vietnamese_marks_whole_syllables_not_parts_of_others():
    text = "Cảng Cát Lái nhận lô cà phê robusta đầu tiên"
    assert marked(highlight(text, ["cà", "phê"])) == ["cà", "phê"]
    assert marked(highlight(text, ["ca", "phe"])) == ["cà", "phê"]  # unaccented too


def test_the_last_word_is_marked_by_its_beginning_as_the_search_matched_it():
    assert marked(highlight("Coffee beans from Dak Lak", ["coff"])) == ["Coff"]
    assert marked(highlight("Coffee beans from Dak Lak", ["coff", "beans"])) == ["beans"]


def test_chinese_and_japanese_mark_inside_a_run_of_characters():
    assert marked(highlight("越南咖啡出口增长", ["咖啡"])) == ["咖啡"]
    assert marked(highlight("ベトナムのコーヒー輸出", ["コーヒー"])) == ["コーヒー"]


def test_indonesian_marks_the_word_not_its_inside():
    assert marked(highlight("Ekspor kopi dan kopra meningkat", ["kopi", "dan"])) == ["kopi", "dan"]


def test_the_text_stays_escaped():
    html = highlight("<b>kopi</b> & teh", ["kopi"])
    assert "&lt;b&gt;<mark>kopi</mark>&lt;/b&gt; &amp; teh" in html


def test_the_text_is_folded_once_whatever_the_number_of_words(monkeypatch):
    """Folding a result's body once per word was most of the search page's
    CPU (~11 words a query with the product's names: ~220 folds of ~2 KB
    bodies a page, 52 ms of 77 ms); the words are found in one folding, of
    the body's beginning only when the extract lies there."""
    from search import query, text

    body, folding, calls = "Xuất khẩu cà phê robusta tăng " * 40, text.fold, []

    def counted(folded: str) -> str:
        calls.extend([len(folded)] if body.startswith(folded) and len(folded) > 100 else [])
        return folding(folded)

    monkeypatch.setattr(text, "fold", counted)
    monkeypatch.setattr(query, "fold", counted, raising=False)
    words = ["cà", "phê", "coffee", "咖啡", "kopi", "robusta"]

    marks = marked(query.highlight(body, words))

    assert marks == ["cà", "phê", "robusta"] * 6  # the 180 characters shown
    assert sum(calls) < len(body)


def _old_highlight(text: str, words: list[str]) -> str:
    """The highlighting of s10 (every word's pattern over the whole folded
    text), kept as the reference for what readers must keep seeing."""
    import html
    import re
    import unicodedata

    from search.query import SNIPPET_CHARS
    from search.text import _unspaced, fold

    def pattern(word: str, prefix: bool) -> re.Pattern:
        literal = re.escape(fold(word))
        if _unspaced(word):
            return re.compile(literal)
        if prefix or any(unicodedata.name(c, "").startswith("HANGUL") for c in word):
            return re.compile(r"(?<![^\W_])" + literal)
        return re.compile(r"(?<![^\W_])" + literal + r"(?![^\W_])")

    folded = fold(text)
    spans = sorted(
        m.span()
        for i, word in enumerate(words)
        for m in pattern(word, i == len(words) - 1).finditer(folded)
    )
    first = spans[0][0] if spans else 0
    begin = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), begin + SNIPPET_CHARS)
    parts, position = [], begin
    for start, stop in spans:
        if start < position or stop > end:
            continue
        parts += [
            html.escape(text[position:start]),
            "<mark>",
            html.escape(text[start:stop]),
            "</mark>",
        ]
        position = stop
    parts.append(html.escape(text[position:end]))
    return ("…" if begin > 0 else "") + "".join(parts) + ("…" if end < len(text) else "")


def test_the_excerpt_and_its_marks_are_those_readers_saw_before():
    # Windows, overlapping words ("cà phê" and "phê"), matches across the
    # excerpt's end, words only after it, repeats ("aa" in "aaa"), CJK runs.
    import random

    from search.query import highlight

    rng = random.Random(14)
    pieces = ["cà", "phê", "Cà phê", "CÀ", "cafe", "cà_phê", "aa", "a", "海关", "咖啡", "커피를",
              "đầu", "dau", " ", " ", ", ", "<b>", "&", "x" * 60, "lorem ipsum " * 5]  # fmt: skip
    words_from = ["cà", "phê", "cà phê", "ca", "aa", "a", "海关", "咖啡", "커피", "dau", "xx", "b"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        words = rng.sample(words_from, rng.randint(1, 4))
        assert highlight(text, words) == _old_highlight(text, words), (text, words)
