"""The language a template renders in, read from its context.

``translation.get_language()`` reads asgiref's ``Local`` (a lock, a context
variable and a thread check: ~2 µs a call with timeit, ~9 under load), and a
page's tags asked for it 15–20 times (cProfile of bench/http.py's pages:
fragments' keys, ``{% url %}``, breadcrumbs, share links, shown texts).
A page's context holds ``current_language`` (tenants.context_processors,
worked out once when the render starts, under whatever language is then
active), and ``{% language %}`` (web.templatetags.literal_translate) sets it
for its block; a template rendered without a request has none, and reads
the active language. Python code that activates another language must not
render part of a page with the page's context inside it (none does); if
some did, what is remembered under a language is still only ever that
language's: memos work their value out in the language of their key, and a
fragment is kept only when its key's language is the active one.
"""

from django.template import Context
from django.utils import translation


def rendering_language(context: Context) -> str | None:
    """The code of the language ``context`` renders in."""
    language = context.get("current_language")
    return translation.get_language() if language is None else language.code
