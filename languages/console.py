"""Wording of what management commands print for operators (in English, as
Django's own commands are)."""


def counted(count: int, singular: str, plural: str) -> str:
    """``1 entry``, ``2 entries``: the noun in the form its count asks for."""
    return f"{count} {singular if count == 1 else plural}"
