"""Reading a ZIP archive of translation files sent back as one upload.

The archive comes from outside, so it is read with limits before anything
is decompressed and while it is: how many members, how large each and all
of them are once decompressed (counted as they are read, not taken from
the headers, which the sender writes), and what they are called. Nothing
is written to disk; a name that would climb out of a folder (``../``, an
absolute path, a drive, a backslash), a link, an encrypted member or an
archive inside the archive is refused all the same, so the upload is not
half-read. Folders and the files macOS adds (``__MACOSX/``, ``._name``)
are passed over.
"""

import io
import stat
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

#: Members read at most (files, folders not counted).
MAX_MEMBERS = 200
#: Bytes all members may hold once decompressed, and each of them.
MAX_TOTAL_BYTES = 50 * 2**20
MAX_MEMBER_BYTES = 10 * 2**20
EXTENSIONS = (".po", ".xlf", ".xliff", ".xml")
_CHUNK = 64 * 1024


class BatchError(Exception):
    """The archive cannot be read; the message says why, in the user's language."""


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _skipped(name: str) -> bool:
    path = PurePosixPath(name)
    return name.endswith("/") or path.parts[:1] == ("__MACOSX",) or path.name.startswith("._")


def _unsafe(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    parts = PurePosixPath(name).parts
    return (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or ".." in parts
        or stat.S_ISLNK(info.external_attr >> 16)
        or len(name) > 255
    )


def members(data: bytes) -> list[tuple[str, bytes]]:
    """(name, content) of each translation file of the archive, in name order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise BatchError(_("Not a readable ZIP archive.")) from None
    with archive:
        infos = [info for info in archive.infolist() if not _skipped(info.filename)]
        if not infos:
            raise BatchError(_("The ZIP archive holds no PO or XLIFF file."))
        if len(infos) > MAX_MEMBERS:
            raise BatchError(
                _("The ZIP archive holds %(count)s files; at most %(limit)s are read at once.")
                % {"count": len(infos), "limit": MAX_MEMBERS}
            )
        names = [info.filename for info in infos]
        for info in infos:
            if _unsafe(info):
                raise BatchError(
                    _("%(name)s: a file name that points outside the archive is not read.")
                    % {"name": info.filename.replace("\x00", "\\0")[:255]}
                )
            if info.flag_bits & 0x1:
                raise BatchError(
                    _("%(name)s: encrypted files are not read.") % {"name": info.filename}
                )
            if not info.filename.lower().endswith(EXTENSIONS):
                raise BatchError(
                    _("%(name)s: not a PO or XLIFF file (.po, .xlf, .xliff).")
                    % {"name": info.filename}
                )
        if len(set(names)) != len(names):
            raise BatchError(_("The ZIP archive holds the same file name twice."))
        if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
            raise BatchError(_too_large())
        found, total = [], 0
        for info in sorted(infos, key=lambda info: info.filename):
            content = _read(archive, info, budget=MAX_TOTAL_BYTES - total)
            total += len(content)
            if is_zip(content):
                raise BatchError(
                    _("%(name)s: archives inside the archive are not read.")
                    % {"name": info.filename}
                )
            found.append((info.filename, content))
    return found


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: int) -> bytes:
    """The member's bytes, stopping as soon as it decompresses to more than
    its share (a member may claim a small size and expand to gigabytes)."""
    limit = min(MAX_MEMBER_BYTES, budget)
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise BatchError(_too_large())
                chunks.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, ValueError):
        raise BatchError(
            _("%(name)s: this file of the archive cannot be read.") % {"name": info.filename}
        ) from None
    return b"".join(chunks)


def _too_large() -> str:
    return _(
        "The files of the ZIP archive are too large once unpacked: at most %(each)s MB each "
        "and %(total)s MB together."
    ) % {"each": MAX_MEMBER_BYTES // 2**20, "total": MAX_TOTAL_BYTES // 2**20}
