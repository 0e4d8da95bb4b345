"""Generation numbers kept as files' modification times (no CACHE_URL): each
move is seen as a larger number, whatever the filesystem keeps of a time
and whoever made the file."""

import os

import pytest

from tenants import generations

SCHEMA = "site_filed"


@pytest.fixture
def folder(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.GENERATIONS_DIR = str(tmp_path / "generations")
    return tmp_path / "generations"


def test_moves_within_one_second_are_seen_where_the_filesystem_keeps_whole_seconds(
    folder, monkeypatch
):
    """ext4 with small inodes, FAT, some network filesystems: the time set
    was rounded down to the second, so a move could read as the same number,
    or a smaller one, and pages kept under it were served after the write."""
    real_utime = os.utime

    def whole_seconds(path, times=None, *, ns=None, **kwargs):
        if ns is not None:
            ns = tuple(value - value % 1_000_000_000 for value in ns)
        return real_utime(path, times, ns=ns, **kwargs) if ns else real_utime(path, times)

    monkeypatch.setattr(generations.os, "utime", whole_seconds)
    seen = [generations.current(SCHEMA)[0]]
    for _ in range(3):
        generations.bump(SCHEMA)
        seen.append(generations.current(SCHEMA)[0])

    assert seen == sorted(set(seen)), seen


def test_a_file_another_user_made_still_moves(folder, monkeypatch):
    """Setting a chosen time needs the file's owner (a command run as root
    made it); setting the current one needs only the right to write it.
    The file is made here as such a command makes it, at the system's time
    (not the test's: `make test-clock` moves Python's clock only)."""
    folder.mkdir()
    (folder / f"{generations._database()}.{SCHEMA}").touch()
    before = generations.current(SCHEMA)[0]
    real_utime = os.utime

    def not_the_owner(path, times=None, *, ns=None, **kwargs):
        if times is not None or ns is not None:
            raise PermissionError(1, "Operation not permitted", str(path))
        return real_utime(path, **kwargs)

    monkeypatch.setattr(generations.os, "utime", not_the_owner)
    generations.bump(SCHEMA)

    assert generations.current(SCHEMA)[0] > before
