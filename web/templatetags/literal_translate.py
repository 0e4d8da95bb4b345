"""Django's ``i18n`` library with a cheaper ``translate`` tag for a quoted message.

settings.TEMPLATES maps the library name ``i18n`` to this module, so every
``{% load i18n %}`` gives it (Django lets a template engine's ``libraries``
option replace an installed library's name: custom libraries are applied
over the installed ones). Every tag and filter is Django's but
``translate``/``trans``, and those are Django's too for any form but one: a
quoted message without ``%``, no filter, ``noop`` or ``context`` (``as`` allowed) is
looked up at once instead of through a lazy string. Django's tag makes a
lazy translation of its message, resolves it as a variable, localizes it
and forces it to a string: ~73 calls a tag (cProfile on /vi/enterprises/, a
page with ~10 of them), against ~15 here; the event page has ~50 of them,
the events month ~90. The tag keeps its name, so ``makemessages`` finds its
messages as before. tests/web/test_literal_translate.py renders both tags.
"""

import functools

from django import template
from django.template.base import Variable
from django.templatetags.i18n import LanguageNode, TranslateNode, do_translate
from django.templatetags.i18n import language as do_language
from django.templatetags.i18n import register as django_i18n
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from languages.memos import forget_with_languages
from languages.registry import get_language
from languages.rendering import rendering_language

register = template.Library()
# Everything of Django's library; translate, trans and language are replaced below.
register.tags.update(django_i18n.tags)
register.filters.update(django_i18n.filters)


class LiteralTranslateNode(template.Node):
    def __init__(self, message: str, asvar: str | None = None) -> None:
        self.message = message  # a template literal: safe, as Django's tag reads it
        self.asvar = asvar

    def render(self, context: template.Context) -> str:
        value = _translated(rendering_language(context), self.message, bool(context.autoescape))
        if self.asvar:  # as Django's tag: the text as it would be written, kept
            context[self.asvar] = value
            return ""
        return value


@functools.lru_cache(maxsize=4096, typed=True)  # a literal is a SafeString
def _translated(language: str | None, message: str, autoescape: bool) -> str:
    """What TranslateNode.render gives for a literal: the translation (safe
    like its message), escaped or made a string, "%%" written as "%".
    Remembered per language (the page's: languages.rendering): each
    gettext() was two thread-local reads and a catalog look-up (~6 µs,
    timeit), 7-18 times a page (cProfile of bench/http.py's pages)."""
    with translation.override(language):
        value = gettext(message)
    value = conditional_escape(value) if autoescape else str(value)
    safe = isinstance(value, SafeData)
    value = value.replace("%%", "%")
    return mark_safe(value) if safe else value


forget_with_languages(_translated.cache_clear)


def _literal(node: TranslateNode) -> str | None:
    expression = node.filter_expression
    if node.noop or node.message_context or expression.filters:
        return None
    variable = expression.var
    literal = variable.literal if isinstance(variable, Variable) else None
    if not isinstance(literal, str) or "%" in literal or variable.lookups:
        return None
    return literal


@register.tag("translate")
@register.tag("trans")
def translate(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node = do_translate(parser, token)
    literal = _literal(node)
    return node if literal is None else LiteralTranslateNode(literal, node.asvar)


class PageLanguageNode(LanguageNode):
    """Django's ``{% language %}`` block, which also gives the tags inside it
    their language as ``current_language``: tags read it from the context
    rather than from thread-local state (languages.rendering)."""

    def render(self, context: template.Context) -> str:
        code = self.language.resolve(context)
        try:
            shown = get_language(code)
        except (KeyError, AttributeError):  # a code the registry lacks: tags ask Django
            shown = None
        with translation.override(code), context.push(current_language=shown):
            return self.nodelist.render(context)


@register.tag("language")
def language(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node = do_language(parser, token)  # Django's parsing and checks
    return PageLanguageNode(node.nodelist, node.language)
