"""An account's e-mail address is also its sign-in name: Django's user model
keeps it as the username, in 150 characters, where an address may have 254.
Every form and command that names an account by an address refuses a longer
one here, before anything is written: one of 151 to 254 characters reached
the database as a DataError, a 500 on the public sign-up form."""

from django import forms
from django.contrib.auth import get_user_model


def longest_sign_in_address() -> int:
    return get_user_model()._meta.get_field("username").max_length


def sign_in_address_problem(email: str) -> str:
    """Why ``email`` is too long to name an account, in one line for an
    operator; "" when it is not."""
    limit = longest_sign_in_address()
    if len(email) <= limit:
        return ""
    return f"an e-mail address of at most {limit} characters, please"


class SignInAddressField(forms.EmailField):
    """An address an account will be named by: longer than a username holds,
    it gets Django's own length message, in the reader's language."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", longest_sign_in_address())
        super().__init__(**kwargs)
