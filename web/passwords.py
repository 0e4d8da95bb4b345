"""Password rules with messages from this project's catalogs.

Django's own message for a short password is missing from several of its
catalogs (Vietnamese among them), so a Vietnamese reader got English.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return gettext("The password must have at least %(min_length)d characters.")

    def get_help_text(self) -> str:
        return gettext("Use at least %(min_length)d characters.") % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, with messages every catalog has
    (Django's are missing in Malay and Thai)."""

    def validate(self, password: str, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                gettext("This password is too common. Choose one that is harder to guess."),
                code="password_too_common",
            ) from None

    def get_help_text(self) -> str:
        return gettext("Do not use a common password such as “12345678” or “password”.")


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's check that a password is not the person's name or address
    (``mai@example.com`` as the password of mai@example.com), with a message
    every catalog of this project has."""

    def get_error_message(self) -> str:
        return gettext("The password is too close to your name or e-mail address.")

    def get_help_text(self) -> str:
        return gettext("Do not use your name or e-mail address as the password.")

    def validate(self, password: str, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(self.get_error_message(), code="password_too_similar") from None


class VarietyValidator:
    """Refuses a password made of a handful of characters repeated: ten
    spaces, or ``aaaaaaaaaa``, pass a length rule but guard nothing."""

    min_distinct = 4

    def validate(self, password: str, user=None) -> None:
        if len(set(password.strip())) < self.min_distinct:
            raise ValidationError(
                gettext("The password needs more different characters."), code="password_variety"
            )

    def get_help_text(self) -> str:
        return gettext("The password needs more different characters.")


def rules_text() -> str:
    """The password rules in one sentence each, to show beside the field before typing."""
    return " ".join(password_validation.password_validators_help_texts())
