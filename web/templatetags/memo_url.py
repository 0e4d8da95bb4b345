"""``{% url %}`` as Django's, except that a URL reversed once is remembered.

Every page reverses the same few names (the sign-in link in the frame, a
list's own address, an object's action), and ``reverse()`` cost ~130 µs a
call on the benchmark machine (the resolver's possibilities, a regular
expression built and matched, quoting, and five lookups of thread-local
state), against ~20 µs for the lookups that key the memo. A URL depends on
nothing but what the key holds: the URL configuration, the script prefix,
the active language (i18n_patterns) and the name and arguments; arguments
are remembered only when they are plain strings and whole numbers, and
names only when not namespaced (the current application could change them).
Anything else is reversed as Django does. Registered as a builtin in
settings.TEMPLATES, which overrides Django's tag of the same name.
"""

import functools

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from languages.memos import forget_with_languages
from languages.rendering import rendering_language

register = template.Library()
#: Arguments remembered by value (template literals are SafeStrings).
_PLAIN = (str, SafeString, int)


@functools.lru_cache(maxsize=4096)
def _reverse(
    urlconf: str, prefix: str, language: str | None, name: str, args: tuple, kwargs: tuple
) -> str:
    # The URL configuration and prefix are not passed on: reverse() reads
    # them from the thread's state, as they were when the key was made. The
    # language may be a template's (languages.rendering): reversed in it.
    with translation.override(language):
        return reverse(name, args=args, kwargs=dict(kwargs))


def url_state(language: str | None = None) -> tuple[str, str, str | None]:
    """What a URL depends on besides its name and arguments: the URL
    configuration, script prefix and active language (three thread-local
    reads, ~10 µs together; read once for a page of many addresses). A tag
    passes the language its template renders in (languages.rendering)."""
    return (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language() if language is None else language,
    )


def memo_reverse(
    name: str, kwargs: tuple[tuple[str, str | int], ...] = (), state: tuple | None = None
) -> str:
    """``reverse(name, kwargs=dict(kwargs))`` remembered as the tag does: the
    name not namespaced, the arguments plain strings and whole numbers.
    ``state``: what :func:`url_state` gave in the same request."""
    return _reverse(*(state or url_state()), name, (), kwargs)


# Django clears its URL caches when tests change these; so do we.
forget_with_languages(_reverse.cache_clear, also=("ROOT_URLCONF", "FORCE_SCRIPT_NAME"))


class MemoURLNode(URLNode):
    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        url = ""
        try:
            if (
                type(view_name) in (str, SafeString)
                and ":" not in view_name
                and all(type(value) in _PLAIN for value in args)
                and all(type(value) in _PLAIN for value in kwargs.values())
            ):
                state = url_state(rendering_language(context))
                url = _reverse(*state, view_name, tuple(args), tuple(kwargs.items()))
            else:
                url = reverse(
                    view_name, args=args, kwargs=kwargs, current_app=_current_app(context)
                )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def _current_app(context: template.Context) -> str | None:
    """As Django's tag: the request's application, else its namespace."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag("url")
def url(parser: template.base.Parser, token: template.base.Token) -> MemoURLNode:
    node = django_url(parser, token)  # Django's parsing and checks
    return MemoURLNode(node.view_name, node.args, node.kwargs, node.asvar)
