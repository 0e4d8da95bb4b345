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
