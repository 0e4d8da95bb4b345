"""What Thai readers get for dates, and what the authoritative
implementation (ICU, through Node's Intl) would give: the decision in
``languages/formatting.py`` (Gregorian years, era named in long forms) rests
on these facts; a Babel that learns the Buddhist calendar breaks the first test."""

import datetime
import json
import shutil
import subprocess

import pytest

from languages.formatting import format_date

DAYS = [datetime.date(2026, 12, 1), datetime.date(2027, 2, 28), datetime.date(2028, 2, 29)]


def test_babel_formats_thai_dates_in_the_gregorian_calendar_naming_the_era():
    day = datetime.date(2026, 12, 1)

    assert format_date(day, "th", format="long") == "1 ธันวาคม ค.ศ. 2026"
    assert format_date(day, "th", format="full") == "วันอังคารที่ 1 ธันวาคม ค.ศ. 2026"
    assert format_date(day, "th", format="medium") == "1 ธ.ค. 2026"


def _icu(locale: str) -> dict[str, dict[str, str]]:
    script = (
        "const days = JSON.parse(process.argv[1]); const out = {};"
        "for (const day of days) { const d = new Date(day + 'T12:00:00Z'); out[day] = {};"
        "for (const s of ['medium', 'long', 'full']) out[day][s] = new Intl.DateTimeFormat("
        f"'{locale}', {{dateStyle: s, timeZone: 'UTC'}}).format(d); }}"
        "out.calendar = new Intl.DateTimeFormat("
        f"'{locale}').resolvedOptions().calendar; console.log(JSON.stringify(out));"
    )
    days = json.dumps([day.isoformat() for day in DAYS])
    result = subprocess.run(
        ["node", "-e", script, days], capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="ICU is read through Node's Intl")
def test_icu_agrees_in_the_gregorian_calendar_and_reads_thai_in_the_buddhist_era():
    gregorian = _icu("th-TH-u-ca-gregory")
    buddhist = _icu("th")

    # The same Gregorian Thai forms as Babel's (CLDR's data, two implementations).
    for day in DAYS:
        for style in ("medium", "long", "full"):
            assert format_date(day, "th", format=style) == gregorian[day.isoformat()][style]
    # What Thai readers would see by default: year + 543, the rest unchanged.
    assert buddhist["calendar"] == "buddhist"
    for day in DAYS:
        ours = format_date(day, "th", format="long").replace("ค.ศ. ", "")
        assert buddhist[day.isoformat()]["long"] == ours.replace(str(day.year), str(day.year + 543))
