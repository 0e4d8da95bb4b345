"""Reading the demo content's data files, and placing their dates.

Content apps keep their demo texts in TOML files that translators can read,
``<app>/demo_data/shared/<kind>.toml`` for every site and
``<app>/demo_data/<site code>/<kind>.toml`` for one demo site; their loaders
(registered with :func:`tenants.services.provisioning.register_demo_loader`)
turn them into rows.

Dates in those files are written relative to the day the demo is loaded, so a
demo loaded on any day looks current: ``"today -3 09:30"`` is three days ago
at half past nine in the site's time zone, ``"today +45"`` a day 45 days
ahead. Facts of public record keep their real date (``"2006-10-06 09:00"``).
A loader may offer other anchors than ``today`` (the events offer ``expo``,
the coming China–ASEAN Expo).
"""

import datetime
import re
import tomllib
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

_WHEN = re.compile(
    r"^(?:(?P<anchor>[a-z]+)(?:\s*(?P<sign>[+-])\s*(?P<days>\d+))?|(?P<date>\d{4}-\d{2}-\d{2}))"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?$"
)


class DemoDataError(ValueError):
    """A demo data file that cannot be read as written (named in the message)."""


@cache
def _read(path: Path) -> dict:
    # Cached: the suite and `make demo` load the same files for several sites.
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path}: {error}") from None


def demo_files(app_dir: Path, site_code: str, kind: str) -> list[dict]:
    """The shared file of ``kind``, then the site's own (either may be empty)."""
    return [shared_file(app_dir, kind), site_file(app_dir, site_code, kind)]


def shared_file(app_dir: Path, kind: str) -> dict:
    """The file of ``kind`` every site loads, or an empty one."""
    return site_file(app_dir, "shared", kind)


def site_file(app_dir: Path, folder: str, kind: str) -> dict:
    """``<app_dir>/demo_data/<folder>/<kind>.toml``, or an empty one."""
    path = app_dir / "demo_data" / folder / f"{kind}.toml"
    return _read(path) if path.is_file() else {}


def day(text: str, anchors: dict[str, datetime.date]) -> datetime.date:
    """The day ``text`` names: ``"today -3"``, ``"expo +1"`` or ``"2006-10-06"``."""
    return _parse(text, anchors)[0]


def moment(
    text: str, anchors: dict[str, datetime.date], zone: str, default_time: str = "09:00"
) -> datetime.datetime:
    """The aware moment ``text`` names in ``zone``: ``"today -3 09:30"``…"""
    found, clock = _parse(text, anchors)
    hour, minute = (int(part) for part in (clock or default_time).split(":"))
    return datetime.datetime.combine(found, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def _parse(text: str, anchors: dict[str, datetime.date]) -> tuple[datetime.date, str | None]:
    match = _WHEN.match(str(text).strip())
    if match is None:
        raise DemoDataError(f"not a demo date: {text!r} (write 'today -3 09:30' or '2006-10-06')")
    clock = f"{match['hour']}:{match['minute']}" if match["hour"] else None
    if clock and not (int(match["hour"]) < 24 and int(match["minute"]) < 60):
        raise DemoDataError(f"not a time of day: {text!r}")
    if match["date"]:
        return datetime.date.fromisoformat(match["date"]), clock
    if match["anchor"] not in anchors:
        raise DemoDataError(f"unknown anchor in {text!r}; known: {', '.join(sorted(anchors))}")
    offset = int(match["days"] or 0) * (-1 if match["sign"] == "-" else 1)
    return anchors[match["anchor"]] + datetime.timedelta(days=offset), clock
