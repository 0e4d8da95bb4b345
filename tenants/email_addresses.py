"""How long an e-mail address a form takes: no longer than where it is kept.

Django's forms.EmailField takes 320 characters; a model's EmailField keeps
254 (the longest address RFC 5321 carries), and an account's address is
also its sign-in name, which Django's user model keeps as the username in
150. An address that passed a form but not its column reached the database
as a DataError: a 500 (the public sign-up form, the question desk). The
forms take theirs from here (tests/test_email_fields.py checks them all)."""

from django import forms
from django.contrib.auth import get_user_model

#: What a model's EmailField keeps (Django's default).
ADDRESS_MAX_LENGTH = 254


def longest_sign_in_address() -> int:
    return get_user_model()._meta.get_field("username").max_length


def sign_in_address_problem(email: str) -> str:
    """Why ``email`` is too long to name an account, in one line for an
    operator; "" when it is not."""
    limit = longest_sign_in_address()
    if len(email) <= limit:
        return ""
    return f"an e-mail address of at most {limit} characters, please"


class AddressField(forms.EmailField):
    """An address kept in a model's EmailField: a longer one gets Django's
    own length message, in the reader's language."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", ADDRESS_MAX_LENGTH)
        super().__init__(**kwargs)


class SignInAddressField(AddressField):
    """An address an account will be named by (its username)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", longest_sign_in_address())
        super().__init__(**kwargs)
