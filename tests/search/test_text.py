"""search.text: highlighting's patterns, cheap to build for any new word."""

from search import text


def test_a_new_words_pattern_folds_only_the_word(monkeypatch):
    """Highlighting a word never seen before folds only that word's letters
    and compiles a pattern as long as the word: the first search of each
    worker folded all 63,488 characters of the plane (0.3-0.6 s) and each
    new word's classes of look-alike letters took 1-2 ms to compile (a hub
    search highlights 30 words; bench/hub.py's p95 was 5-13 times its p50)."""
    calls = []
    folding = text._fold_char
    monkeypatch.setattr(text, "_fold_char", lambda char: calls.append(char) or folding(char))
    monkeypatch.setattr(text, "_FOLD_TABLE", text._FoldTable())
    text.folded_pattern.cache_clear()
    text.word_pattern.cache_clear()
    try:
        pattern = text.word_pattern("Hạt Điều")
        spans = [m.span() for m in pattern.finditer("Giá hạt điều, HAT DIEU; hạt điềux")]
    finally:
        text.folded_pattern.cache_clear()
        text.word_pattern.cache_clear()

    assert spans == [(4, 12), (14, 22)]
    assert len(set(calls)) < 40
    assert len(pattern.pattern) < 40


def test_fold_word_by_word_is_fold_character_by_character():
    from search.text import _fold_char, fold

    texts = [
        "Cà phê  Đắk Lắk ",
        " xuất khẩu cà phê. Cà PHÊ, cà-phê",
        "越南咖啡出口增长 咖啡 ẞ İstanbul ﬁne ①",
        "ASCII Only Text",
        "",
        "  ",
        "한국 무역 협회 Łódź Øresund",
    ]
    for sample in texts * 2:  # the second time from the words kept
        assert fold(sample) == "".join(_fold_char(char) for char in sample)
