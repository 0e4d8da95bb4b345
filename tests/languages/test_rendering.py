"""languages.rendering: the language a template renders in, from its context."""

from django.template import Context
from django.utils import translation

from languages.registry import get_language
from languages.rendering import rendering_language


def test_the_pages_language_from_the_context_else_the_active_one():
    with translation.override("en"):
        assert rendering_language(Context({"current_language": get_language("vi")})) == "vi"
        assert rendering_language(Context({"current_language": None})) == "en"
        assert rendering_language(Context()) == "en"
