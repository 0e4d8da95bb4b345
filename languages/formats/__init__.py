"""Input formats Django lacks for some of the portal's languages
(``FORMAT_MODULE_PATH``): without them Django read dates the American way
(month first) in Vietnamese, Hindi and Arabic, and refused the way Japanese
and Korean write them. Each module holds only what it adds; everything
else comes from Django's own module of that language.
tests/languages/test_input_formats.py checks every language against the
order CLDR writes its dates in (Babel)."""
