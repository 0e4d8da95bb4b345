"""web.csrf_tokens: Django's CSRF secrets and tokens, drawn and masked in
fewer calls, in place for the CSRF middleware and get_token."""

from django.http import HttpRequest
from django.middleware import csrf
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token, get_token

from web.csrf_tokens import masked, random_chars


def test_secrets_and_tokens_are_djangos():
    secrets = [random_chars(32) for _ in range(300)]
    tokens = [masked(secret) for secret in secrets]

    assert all(len(secret) == 32 for secret in secrets) and len(set(secrets)) == 300
    assert all(set(token) <= set(CSRF_ALLOWED_CHARS) and len(token) == 64 for token in tokens)
    assert all(
        _unmask_cipher_token(token) == secret for token, secret in zip(tokens, secrets, strict=True)
    )
    assert set("".join(secrets)) == set(CSRF_ALLOWED_CHARS)  # every character comes up


def test_get_token_uses_them_as_djangos_steps_do():
    assert csrf._mask_cipher_secret is masked
    assert csrf._get_new_csrf_string.__module__ == "web.csrf_tokens"
    request = HttpRequest()

    first, second = get_token(request), get_token(request)

    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert first != second and _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret


def test_helpers_django_no_longer_has_are_not_silently_replaced(monkeypatch):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from web import csrf_tokens

    monkeypatch.delattr(csrf, "_mask_cipher_secret")
    with pytest.raises(ImproperlyConfigured, match="_mask_cipher_secret"):
        csrf_tokens.install()
