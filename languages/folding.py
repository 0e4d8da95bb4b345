"""Text without the marks on Latin letters, lower-cased: "Bộ Công Thương" and
"bo cong thuong" read alike, as officials without a Vietnamese keyboard type
them. The same mapping in Python (:func:`without_marks`) and in PostgreSQL
(the ``without_marks`` lookup: ``LOWER(TRANSLATE(column, …))``, no extension
needed), so a search folds both sides alike.

Only letters of the Latin script that decompose to a base letter and a mark
(plus đ/Đ, which do not) are mapped; other scripts pass unchanged.
(search.text.fold folds more, for the public search's highlighting.)
"""

import itertools
import unicodedata

from django.db.models import CharField, TextField, Transform


def _letters_with_marks() -> tuple[str, str]:
    source, target = ["Đ", "đ"], ["D", "d"]
    # Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional
    # (Vietnamese's stacked marks: ộ, ữ).
    for point in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        letter = chr(point)
        base = unicodedata.normalize("NFD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            source.append(letter)
            target.append(base)
    return "".join(source), "".join(target)


_FROM, _TO = _letters_with_marks()
_TABLE = str.maketrans(_FROM, _TO)

#: ``(sql, params)``: the SQL of :func:`without_marks` around ``%s`` (a column).
WITHOUT_MARKS_SQL = ("LOWER(TRANSLATE(%s, %%s, %%s))", [_FROM, _TO])


def without_marks(text: str) -> str:
    """``text`` lower-cased, its Latin letters without their marks."""
    return text.translate(_TABLE).lower()


class WithoutMarks(Transform):
    """``title_vi__without_marks__contains=without_marks(typed)``."""

    lookup_name = "without_marks"

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        template, mapping = WITHOUT_MARKS_SQL
        return template % sql, [*params, *mapping]


CharField.register_lookup(WithoutMarks)
TextField.register_lookup(WithoutMarks)
