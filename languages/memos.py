"""One hook for per-process memos of text that reads differently when the
language settings change: catalogs (Django drops its own translations when
tests change LANGUAGES, LANGUAGE_CODE, LOCALE_PATHS or INSTALLED_APPS), the
text direction (LANGUAGES_BIDI). A memo registers its ``cache_clear`` once;
:func:`forget` runs them all. Settings change only in tests.
"""

from collections.abc import Callable, Iterable

from django.core.signals import setting_changed
from django.dispatch import receiver

#: The settings that change what a message or a language's direction reads.
LANGUAGE_SETTINGS = frozenset(
    {"LANGUAGES", "LANGUAGE_CODE", "LANGUAGES_BIDI", "LOCALE_PATHS", "INSTALLED_APPS"}
)
_forgetters: dict[Callable[[], None], frozenset[str]] = {}


def forget_with_languages(clear: Callable[[], None], *, also: Iterable[str] = ()) -> None:
    """Call ``clear`` whenever a language setting changes, or one of ``also``
    (what else the memo depends on, e.g. the URL configuration)."""
    _forgetters[clear] = LANGUAGE_SETTINGS | frozenset(also)


@receiver(setting_changed)
def forget(*, setting: str, **kwargs: object) -> None:
    for clear, settings in list(_forgetters.items()):
        if setting in settings:
            clear()
