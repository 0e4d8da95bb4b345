"""Reading and writing one language's column of a translated field.

modeltranslation stores ``title`` as ``title_en``, ``title_vi``…; code that
works on a given language (not the active one) goes through these two.
"""

from modeltranslation.utils import build_localized_fieldname


def text_in(instance, field: str, language: str) -> str:
    """The text of ``field`` in ``language`` exactly ("" when empty); no fallback."""
    return getattr(instance, build_localized_fieldname(field, language), None) or ""


def set_text(instance, field: str, language: str, value: str) -> None:
    setattr(instance, build_localized_fieldname(field, language), value)
