"""translations.collated: a name's flat key sorts as its collation key does."""

import pytest
from babel import Locale

from languages.collation import sort_key
from translations.collated import flat_key

MIXED = [
    "重庆机械",
    "上海物流",
    "安徽茶叶",
    "A&B 贸易",
    "ABC",
    "abc",
    "Ábc",
    "Đông Á",
    "Dong A",
    "an Lạc",
    "Zeta",
    "3M Việt Nam",
    "  spaced",
    "",
    "长城",
    "长城 Trading",
    "ＡＢＣ",
    "ไทย",
    "オーシャン",
    "Ñandú",
]


@pytest.mark.parametrize("language", ["zh-hans", "vi", "id", "en", "es", "th", "ja", "ko", "ar"])
def test_names_sort_by_their_flat_key_as_by_their_key(language):
    babel_locale = Locale.parse(language.replace("-", "_"))
    names = [*babel_locale.territories.values(), *babel_locale.languages.values(), *MIXED]

    assert sorted(names, key=lambda n: flat_key(n, language)) == sorted(
        names, key=lambda n: sort_key(n, language)
    )
