"""Which stored files belong to a site.

A site's uploads live under a folder named after its schema
(``cooperation.uploads`` writes them there); its logo is ``logos/<code>.<ext>``.
The media view serves a site only these, and backups carry exactly these.
Everything goes through Django's default storage, so it holds for a folder on
disk and for a bucket alike.
"""

import posixpath

from django.core.files.storage import Storage, default_storage

from tenants.models import Site


def folder(site: Site) -> str:
    return f"{site.schema_name}/"


def belongs(site: Site, name: str) -> bool:
    """Whether the stored file ``name`` is this site's (no ``..`` tricks)."""
    normal = posixpath.normpath(name)
    if normal != name or name.startswith("/") or "\x00" in name:
        return False
    return name.startswith(folder(site)) or bool(site.logo and name == site.logo.name)


def files(site: Site, storage: Storage | None = None) -> list[str]:
    """Every stored file of ``site``, sorted."""
    storage = storage or default_storage
    found = walk(folder(site).rstrip("/"), storage)
    if site.logo and storage.exists(site.logo.name):
        found.append(site.logo.name)
    return sorted(found)


def walk(top: str, storage: Storage | None = None) -> list[str]:
    """Names of every file under ``top`` in ``storage`` (none if it is absent)."""
    storage = storage or default_storage
    try:
        directories, names = storage.listdir(top)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [posixpath.join(top, name) for name in names]
    for directory in directories:
        found += walk(posixpath.join(top, directory), storage)
    return found
