"""Fixtures of the web layer's tests."""

import pytest
import redis


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...``: the writes inside count as committed (their
    commit callbacks run, the site's generation moves)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def redis_commands(monkeypatch) -> list[str]:
    """The commands sent to any Redis from now on, in order."""
    sent: list[str] = []
    original = redis.Redis.execute_command

    def counted(self, *args, **options):
        sent.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    return sent
