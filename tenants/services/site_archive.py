"""The file a site backup is: a tar archive with a manifest.

Members:

- ``manifest.json``: what the archive holds and where it came from (portal
  version, the migrations applied in the site's schema, languages, domains,
  schema name) and the SHA-256 and size of every other member;
- ``schema.pgdump``: the site's schema, by ``pg_dump --format=custom``;
- ``public.json``: the site's rows in the public schema (its Site and Domain
  rows, and its rows in index tables such as the coordination calendar's);
- ``media/<name>``: each stored file of the site, under its storage name.

Reading verifies before anything is restored: every member listed, no other
member, no name that could escape a folder, every checksum right.
"""

import datetime
import hashlib
import io
import json
import posixpath
import subprocess
import tarfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = 1
KIND = "trade-portal site backup"
MANIFEST = "manifest.json"
SCHEMA = "schema.pgdump"
PUBLIC = "public.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes to the microsecond (it cuts them to
    milliseconds): a restored row must equal the row backed up."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The archive cannot be used; the message says why in one line."""


def portal_version() -> str:
    """``0.1.0`` from pyproject.toml, with the commit when run from a git checkout."""
    base = Path(settings.BASE_DIR)
    try:
        version = tomllib.loads((base / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "unknown"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=base,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{version}+{commit}" if commit else version


class _Hashing:
    """A reader that hashes what passes through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


@dataclass
class ArchiveWriter:
    """Writes members one by one, then the manifest last, into ``path``."""

    path: Path
    members: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Closed by close() or abort(): the writer outlives this method.
        self._tar = tarfile.open(self.path, "w", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add_stream(self, name: str, stream: BinaryIO, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
        info.mode = 0o644
        hashing = _Hashing(stream)
        self._tar.addfile(info, hashing)
        if hashing.size != size:
            raise ArchiveError(f"{name} changed size while it was being archived")
        self.members[name] = {"sha256": hashing.digest.hexdigest(), "size": size}

    def add_file(self, name: str, path: Path) -> None:
        with path.open("rb") as stream:
            self.add_stream(name, stream, path.stat().st_size)

    def add_json(self, name: str, data: object) -> None:
        encoded = json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=1).encode()
        self.add_stream(name, io.BytesIO(encoded), len(encoded))

    def close(self, manifest: dict) -> None:
        manifest = {**manifest, "members": self.members}
        encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(encoded)
        info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(encoded))
        self._tar.close()

    def abort(self) -> None:
        self._tar.close()


def safe_member_name(name: str) -> bool:
    return (
        bool(name)
        and "\x00" not in name
        and "\\" not in name
        and not name.startswith("/")
        and posixpath.normpath(name) == name
        and not name.startswith("..")
    )


@dataclass
class Archive:
    """A verified archive, open for reading."""

    path: Path
    manifest: dict
    _tar: tarfile.TarFile

    @property
    def site(self) -> dict:
        return self.manifest["site"]

    @property
    def migrations(self) -> dict[str, list[str]]:
        return self.manifest["migrations"]

    def media_names(self) -> list[str]:
        return sorted(
            name[len(MEDIA_PREFIX) :]
            for name in self.manifest["members"]
            if name.startswith(MEDIA_PREFIX)
        )

    def open_member(self, name: str) -> IO[bytes]:
        stream = self._tar.extractfile(name)
        if stream is None:
            raise ArchiveError(f"{name} is not a file in the archive")
        return stream

    def read_json(self, name: str) -> dict:
        with self.open_member(name) as stream:
            return json.loads(stream.read().decode())

    def extract_to(self, name: str, target: Path) -> None:
        with self.open_member(name) as stream, target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                out.write(chunk)

    def media(self) -> Iterator[tuple[str, IO[bytes]]]:
        for name in self.media_names():
            yield name, self.open_member(MEDIA_PREFIX + name)

    def close(self) -> None:
        self._tar.close()


def open_archive(path: Path) -> Archive:
    """Open and verify ``path``; raises :class:`ArchiveError` naming the first problem."""
    if "\x00" in str(path):
        raise ArchiveError(f"not a usable file name: {str(path)[:80]!r}")
    if not path.is_file():
        raise ArchiveError(f"archive not found: {path}")
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 (Archive.close closes it)
    except (tarfile.TarError, OSError) as error:
        raise ArchiveError(
            f"{path.name} is not a site backup (not a tar archive: {error})"
        ) from None
    try:
        return _verified(path, tar)
    except ArchiveError:
        tar.close()
        raise
    except (tarfile.TarError, OSError, EOFError) as error:
        tar.close()
        raise ArchiveError(f"{path.name} is damaged: {error}") from None


def _verified(path: Path, tar: tarfile.TarFile) -> Archive:
    infos = {}
    for info in tar.getmembers():
        if not safe_member_name(info.name):
            raise ArchiveError(f"{path.name} holds a member with an unsafe name: {info.name!r}")
        if not info.isfile():
            raise ArchiveError(f"{path.name} holds {info.name!r}, which is not a plain file")
        if info.name in infos:
            raise ArchiveError(f"{path.name} holds {info.name!r} twice")
        infos[info.name] = info
    if MANIFEST not in infos:
        raise ArchiveError(f"{path.name} is not a site backup: it has no {MANIFEST}")
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read().decode())
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError(f"{path.name}: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise ArchiveError(f"{path.name} is not a site backup of this portal")
    if manifest.get("format") != FORMAT:
        raise ArchiveError(
            f"{path.name} has archive format {manifest.get('format')!r}; this portal reads {FORMAT}"
        )
    members = manifest.get("members")
    if not isinstance(members, dict) or not {SCHEMA, PUBLIC} <= set(members):
        raise ArchiveError(f"{path.name}: the manifest does not list the schema and public rows")
    for key in ("site", "migrations"):
        if not isinstance(manifest.get(key), dict):
            raise ArchiveError(f"{path.name}: the manifest has no {key!r} section")
    extra = sorted(set(infos) - set(members) - {MANIFEST})
    if extra:
        raise ArchiveError(f"{path.name} holds {extra[0]!r}, which its manifest does not list")
    for name, expected in members.items():
        if name not in infos:
            raise ArchiveError(f"{path.name} is incomplete: {name!r} is missing")
        if name not in (SCHEMA, PUBLIC) and not name.startswith(MEDIA_PREFIX):
            raise ArchiveError(f"{path.name}: unexpected member {name!r}")
        digest = hashlib.sha256()
        stream = tar.extractfile(infos[name])
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
        if not isinstance(expected, dict) or digest.hexdigest() != expected.get("sha256"):
            raise ArchiveError(
                f"{path.name}: checksum mismatch for {name!r}; the archive is damaged or altered"
            )
    return Archive(path=path, manifest=manifest, _tar=tar)
