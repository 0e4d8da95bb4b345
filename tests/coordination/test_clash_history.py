"""A clash's history reads like the rest of its page, on the hub and on the
editors' clash page of a site: times with their zone's name ("(Giờ Việt
Nam)", as each event's time says it), never a bare offset ("+0700"), and
sites by their short name, the full one in a title, never a bare code.
The note fields say their limit beside them; nothing typed is ever cut by
the browser: the server refuses a longer note and shows it again whole."""

import datetime
import re

import pytest
import time_machine
from django.utils.html import escape

from coordination.clashes import NOTE_LENGTH, act
from coordination.models import ClashNote
from languages.formatting import format_moment, zone_name
from tenants.naming import name_in, short_name_in
from tests.factories.accounts import make_staff

HUB = {"HTTP_HOST": "localhost"}
VN = {"HTTP_HOST": "cn-vn.localhost"}
ID = {"HTTP_HOST": "cn-id.localhost"}
# Any moment: the history only shows it.
WHEN = datetime.datetime(2026, 3, 9, 2, 30, tzinfo=datetime.UTC)


def _history(page: str) -> str:
    return page[page.index('class="clash-history"') :].split("</ol>", 1)[0]


@pytest.fixture
def commented(expo_case, site_id):
    """An Indonesian editor's comment and a coordinator's acknowledgement."""
    with time_machine.travel(WHEN, tick=False):
        act(expo_case, "comment", note="Paviliun ini bagian dari Expo.",
            author_name="Dewi", author_email="dewi@example.org", author_site="cn-id")  # fmt: skip
        act(expo_case, "acknowledge", note="Called both.", author_name="Coord")
    return expo_case


@pytest.mark.django_db
def test_the_editors_history_names_the_zone_and_the_authors_site(
    client, site_vn, site_id, in_site, commented
):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    page = client.get("/vi/editor/clashes/", **VN).content.decode()
    history = _history(page)

    # The site's zone (China–Vietnam: Asia/Ho_Chi_Minh), named as timed
    # events name theirs on the same page (format_range_in_zone).
    zone = zone_name(site_vn.time_zone, "vi")
    assert escape(f"{format_moment(WHEN, 'vi', site_vn.time_zone)} ({zone})") in history
    assert not re.search(r"[+-]\d{4}\b", history)
    # The commenting editor's site by its short name, the full name on hover.
    assert (
        f'<span title="{escape(name_in(site_id, "vi"))}">{escape(short_name_in(site_id, "vi"))}'
        "</span>"
    ) in history
    assert "cn-id" not in history


@pytest.mark.django_db
def test_the_coordinators_history_names_the_zone_and_the_authors_site(
    client, coordinator, site_id, commented
):
    client.force_login(coordinator)
    page = client.get(f"/ko/coordination/clashes/{commented.pk}/", **HUB).content.decode()
    history = _history(page)

    # The hub reads in UTC, and says so in words.
    assert escape(f"{format_moment(WHEN, 'ko', 'UTC')} ({zone_name('UTC', 'ko')})") in history
    assert not re.search(r"[+-]\d{4}\b", history)
    assert f'<span title="{escape(name_in(site_id, "ko"))}">' in history
    assert "cn-id" not in history


@pytest.mark.django_db
def test_a_note_from_a_site_gone_since_still_says_which(client, coordinator, expo_case):
    """An author's site archived or dropped since: its code, never a 500."""
    act(expo_case, "comment", note="Old.", author_name="Ana", author_site="cn-gone")
    client.force_login(coordinator)
    page = client.get(f"/en/coordination/clashes/{expo_case.pk}/", **HUB).content.decode()
    assert "(cn-gone)" in _history(page)


@pytest.mark.django_db
def test_the_history_costs_the_same_queries_with_more_notes(
    client, site_vn, in_site, expo_case, django_assert_max_num_queries
):
    with in_site(site_vn):
        client.force_login(make_staff("editor"))
    act(expo_case, "comment", note="One.", author_name="A", author_site="cn-id")
    client.get("/vi/editor/clashes/", **VN)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/vi/editor/clashes/", **VN)
    for n in range(6):
        act(expo_case, "comment", note=f"More {n}.", author_name="B",
            author_site=("cn-id", "cn-vn")[n % 2])  # fmt: skip
    with CaptureQueriesContext(connection) as seven:
        client.get("/vi/editor/clashes/", **VN)
    assert len(seven) == len(one)


# Both note fields state their limit and leave the length to the server.
NOTE_FIELDS = [
    ("hub", "/fr/coordination/clashes/{pk}/", "id_note"),
    ("site", "/id/editor/clashes/", "id_note_{pk}"),
]


def _open(client, where: str, coordinator, site_id, in_site) -> dict:
    if where == "hub":
        client.force_login(coordinator)
        return HUB
    with in_site(site_id):
        client.force_login(make_staff("editor"))
    return ID


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "path", "field"), NOTE_FIELDS, ids=["hub", "site"])
def test_the_note_field_states_its_limit_and_cuts_nothing(
    client, coordinator, site_id, in_site, expo_case, where, path, field
):
    host = _open(client, where, coordinator, site_id, in_site)
    page = client.get(path.format(pk=expo_case.pk), **host).content.decode()
    field_id = field.format(pk=expo_case.pk)
    textarea = re.search(rf'<textarea [^>]*id="{field_id}"[^>]*>', page).group(0)

    # The browser would cut a pasted note at 2,000 characters without a word.
    assert "maxlength" not in textarea
    assert f'data-limit="{NOTE_LENGTH}"' in textarea
    help_id = re.search(r'aria-describedby="([^"]+)"', textarea).group(1)
    said = {"hub": "2\u202f000 caractères au plus.", "site": "Paling banyak 2.000 karakter."}[where]
    assert re.search(rf'<p [^>]*id="{help_id}"[^>]*>{re.escape(escape(said))}</p>', page)
    assert "web/note-length.js" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "path", "field"), NOTE_FIELDS, ids=["hub", "site"])
def test_a_note_of_2000_characters_over_several_lines_is_saved_whole(
    client, coordinator, site_id, in_site, expo_case, where, path, field
):
    """Browsers send a line break as two characters (CR LF) and count it as
    one: a note the field allows is never refused for its line breaks."""
    host = _open(client, where, coordinator, site_id, in_site)
    lines = ["x" * 99] * 20  # 20 × 99 + 19 breaks = 1,999 characters as typed
    note = "\r\n".join(lines) + "!"
    data = {"note": note, "action": "comment", "case": expo_case.pk}
    response = client.post(path.format(pk=expo_case.pk), data, **host)
    assert response.status_code == 302
    assert ClashNote.objects.get(case=expo_case).note == "\n".join(lines) + "!"
