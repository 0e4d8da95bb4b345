"""Fixtures of the web layer's tests."""

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...``: the writes inside count as committed (their
    commit callbacks run, the site's generation moves)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
