"""Password rules with messages from this project's catalogs.

Django's own message for a short password is missing from several of its
catalogs (Vietnamese among them), so a Vietnamese reader got English.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return gettext("The password must have at least %(min_length)d characters.")

    def get_help_text(self) -> str:
        return gettext("Use at least %(min_length)d characters.") % {"min_length": self.min_length}
