"""Clashes that lead to action: cases, what coordinators do, who hears of it."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils.html import escape
from icalendar import Calendar

from coordination.clashes import act, clash_page, open_count
from coordination.index import refresh_clashes
from coordination.models import CalendarClash, CalendarEntry, ClashCase, ClashNote, ProgrammeLink
from coordination.notify import editors_of
from languages.formatting import format_moment, zone_name
from tenants.services.site_archive import _Encoder
from tests.factories.accounts import make_staff
from tests.factories.events import make_event
from translations.models import StaffLanguage

HUB = {"HTTP_HOST": "localhost"}


def far_future(hours: int = 0) -> datetime.datetime:
    # Years after any demo event, whatever day the demo was loaded.
    return datetime.datetime(2031, 5, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai")) + datetime.timedelta(
        hours=hours
    )


def editors(site, in_site, languages: dict[str, str]):
    with in_site(site):
        for email, language in languages.items():
            user = make_staff("editor")
            user.email = email
            user.save()
            StaffLanguage.objects.create(user=user, language=language, updated_at=far_future())


@pytest.mark.django_db
def test_a_new_clash_emails_the_editors_of_both_sites_in_their_languages_once(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    demo_staff = {
        a for site in (site_vn, site_id) for found in editors_of(site).values() for a in found
    }
    editors(site_vn, in_site, {"bien-tap@cn-vn.example": "vi", "bianji@cn-vn.example": "zh-hans"})
    editors(site_id, in_site, {"redaksi@cn-id.example": "id"})
    mail.outbox.clear()
    # Each write "commits" at the end of its block: notices wait for it.
    with django_capture_on_commit_callbacks(execute=True), in_site(site_vn):
        make_event(slug="vn-forum", starts=far_future(), venue={"en": "Hall 9, Kunming"},
                   titles={"vi": "Diễn đàn Côn Minh", "en": "Kunming forum"})  # fmt: skip
    assert mail.outbox == []  # nothing clashes yet
    with django_capture_on_commit_callbacks(execute=True), in_site(site_id):
        event = make_event(slug="id-forum", starts=far_future(1), venue={"en": "hall 9, kunming"},
                           titles={"id": "Forum Kunming", "en": "Kunming forum (ID)"})  # fmt: skip
    assert mail.outbox, "nobody was told"

    by_recipient = {address: message for message in mail.outbox for address in message.to}
    # One message per person: no editor learns a colleague's address.
    assert all(len(message.to) == 1 and not message.cc for message in mail.outbox)
    # The demo's own staff (its contact people) hear of it too.
    assert set(by_recipient) - demo_staff == {
        "bianji@cn-vn.example", "bien-tap@cn-vn.example", "redaksi@cn-id.example",
    }  # fmt: skip
    vietnamese = by_recipient["bien-tap@cn-vn.example"]
    assert vietnamese.extra_headers["Content-Language"] == "vi"
    assert "Diễn đàn Côn Minh" in vietnamese.subject
    assert "http://cn-vn.localhost/vi/editor/clashes/" in vietnamese.body
    # cn-id offers no Vietnamese: its event is named and linked in English,
    # the language its title is read in, not in the site's default.
    assert "Kunming forum (ID)" in vietnamese.body
    assert "http://cn-id.localhost/en/events/id-forum/" in vietnamese.body
    indonesian = by_recipient["redaksi@cn-id.example"]
    assert indonesian.extra_headers["Content-Language"] == "id"
    assert "Forum Kunming" in indonesian.body and "Hall 9, Kunming" in indonesian.body
    assert "http://cn-id.localhost/id/events/id-forum/" in indonesian.body

    # Saving the event again, still clashing, tells nobody again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), in_site(site_id):
        event.summary_en = "Updated."
        event.save()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_clash_rolled_back_tells_nobody(
    site_vn, site_id, in_site, django_capture_on_commit_callbacks
):
    editors(site_vn, in_site, {"bien-tap@cn-vn.example": "vi"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks, in_site(site_vn):
        make_event(slug="a", starts=far_future(), organisers=["Yunnan Trade Office"])
        make_event(slug="b", starts=far_future(), organisers=["yunnan trade office"])
    # The notification waits for the commit (here: the test's rollback).
    assert len(callbacks) >= 1 and mail.outbox == []


@pytest.mark.django_db
def test_coordinators_acknowledge_resolve_and_reopen_with_notes_and_who(
    client, coordinator, expo_case
):
    client.force_login(coordinator)
    url = f"/en/coordination/clashes/{expo_case.pk}/"

    client.post(url, {"action": "acknowledge", "note": "Called both organisers."}, **HUB)
    expo_case.refresh_from_db()
    assert expo_case.status == ClashCase.Status.ACKNOWLEDGED
    client.post(url, {"action": "resolve", "note": "Agreed: the pavilion is part of it."}, **HUB)
    expo_case.refresh_from_db()
    assert expo_case.status == ClashCase.Status.RESOLVED
    # Resolved clashes leave the first screen, and are found under "resolved".
    assert expo_case not in [
        row["case"] for row in client.get("/en/coordination/", **HUB).context["clashes"]
    ]
    resolved = client.get("/en/coordination/?state=resolved", **HUB).context["clashes"]
    assert expo_case in [row["case"] for row in resolved]
    client.post(url, {"action": "reopen", "note": ""}, **HUB)

    notes = list(
        ClashNote.objects.filter(case=expo_case).values_list("action", "note", "author_email")
    )
    assert notes == [
        ("acknowledged", "Called both organisers.", "coord@hub.example"),
        ("resolved", "Agreed: the pavilion is part of it.", "coord@hub.example"),
        ("reopened", "", "coord@hub.example"),
    ]
    page = client.get(url, **HUB).content.decode()
    assert "Called both organisers." in page and "acknowledged the clash" in page
    # The hub serves every site's people: its times name their zone (UTC),
    # written the reader's way (tests/coordination/test_clash_history.py).
    note = ClashNote.objects.filter(case=expo_case).first()
    vietnamese = client.get(url.replace("/en/", "/vi/"), **HUB).content.decode()
    shown = format_moment(note.created_at, "vi", "UTC")
    assert f"{shown} ({zone_name('UTC', 'vi')})" in vietnamese


@pytest.mark.django_db
def test_bad_actions_are_readable_refusals(client, coordinator, expo_case):
    client.force_login(coordinator)
    url = f"/en/coordination/clashes/{expo_case.pk}/"

    assert client.post(url, {"action": "comment", "note": ""}, **HUB).status_code == 400
    assert client.post(url, {"action": "comment", "note": "x\x00y"}, **HUB).status_code == 400
    assert client.post(url, {"action": "comment", "note": "x" * 3000}, **HUB).status_code == 400
    assert client.post(url, {"action": "explode"}, **HUB).status_code == 400
    assert client.post(url, {"action": "programme", "part": "not-a-uid"}, **HUB).status_code == 400
    assert client.post(
        url, {"action": ["comment", "resolve"], "note": "ok"}, **HUB
    ).status_code in (302, 400)
    assert client.get("/en/coordination/clashes/999999/", **HUB).status_code == 404
    assert client.get("/en/coordination/?after=2024-13-40", **HUB).status_code == 400
    assert client.get("/en/coordination/?page=0", **HUB).status_code == 404
    assert client.get("/en/coordination/?page=" + "9" * 5000, **HUB).status_code == 404
    assert client.get("/en/coordination/?page=١٢", **HUB).status_code == 404
    assert client.get("/en/coordination/calendar/?month=99999-01", **HUB).status_code == 400
    assert ClashNote.objects.filter(case=expo_case).count() <= 1


@pytest.mark.django_db
def test_marking_the_pavilion_part_of_the_expo_ends_the_clash_and_survives_a_rebuild(
    client, coordinator, expo_case, expo_month_bounds
):
    from django.core.management import call_command

    client.force_login(coordinator)
    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning").event_uid

    response = client.post(
        f"/en/coordination/clashes/{expo_case.pk}/",
        {"action": "programme", "part": str(pavilion), "note": "National pavilion"},
        **HUB,
    )

    assert response.status_code == 302

    def planted():
        return [
            c
            for c in clash_page(*expo_month_bounds, statuses=list(ClashCase.Status.values)).clashes
            if c.case.pk == expo_case.pk
        ]

    assert planted() == []
    assert ProgrammeLink.objects.get(part_uid=pavilion).note == "National pavilion"
    note = ClashNote.objects.get(case=expo_case)
    assert note.action == "programme" and note.author_email == "coord@hub.example"
    call_command("rebuild_calendar_index", stdout=__import__("io").StringIO())
    assert planted() == []

    # Undone, the two clash again.
    link = ProgrammeLink.objects.get(part_uid=pavilion)
    client.post(f"/en/coordination/programmes/{link.pk}/remove/", **HUB)
    assert len(planted()) == 1
    expo_case.refresh_from_db()
    assert expo_case.status == ClashCase.Status.OPEN  # back on the first screen
    reopened = ClashNote.objects.filter(case=expo_case).latest("pk")
    assert (reopened.action, reopened.author_email) == ("reopened", "coord@hub.example")


@pytest.fixture
def expo_month_bounds(site_vn, demo_event):
    opening = demo_event(site_vn, "china-asean-expo").starts_at.astimezone(datetime.UTC)
    start = opening.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return start, (start + datetime.timedelta(days=40))


@pytest.mark.django_db
def test_editors_see_count_and_comment_on_their_sites_clashes(
    client, site_id, site_vn, in_site, expo_case
):
    with in_site(site_id):
        editor = make_staff("editor")
        translator = make_staff("translator")
    assert open_count(site_id) >= 1

    with in_site(site_id):
        client.force_login(editor)
    dashboard = client.get("/id/editor/", HTTP_HOST="cn-id.localhost").content.decode()
    assert "Bentrokan kalender" in dashboard or "/id/editor/clashes/" in dashboard
    page = client.get("/id/editor/clashes/", HTTP_HOST="cn-id.localhost")
    assert expo_case in [row["case"] for row in page.context["clashes"]]
    client.post("/id/editor/clashes/", {"case": expo_case.pk, "note": "Paviliun ini bagian dari Expo."},
                HTTP_HOST="cn-id.localhost")  # fmt: skip
    note = ClashNote.objects.get(case=expo_case)
    assert (note.action, note.author_site) == ("commented", "cn-id")

    # Not their role, not their clash, not their site: refused.
    with in_site(site_id):
        client.force_login(translator)
    assert client.get("/id/editor/clashes/", HTTP_HOST="cn-id.localhost").status_code == 403
    with in_site(site_vn):
        make_event(slug="lonely-a", starts=far_future(), organisers=["Solo"])
        make_event(slug="lonely-b", starts=far_future(), organisers=["solo"])
    own_case = ClashCase.objects.order_by("-pk").first()
    with in_site(site_id):
        client.force_login(editor)
    refused = client.post("/id/editor/clashes/", {"case": own_case.pk, "note": "mine?"},
                          HTTP_HOST="cn-id.localhost")  # fmt: skip
    assert refused.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("note", "reason"),
    [
        (
            "Kami pindah\x00 ke jam 18.",
            "Remove the invisible control character (NUL) from the text.",
        ),
        (
            "Terlalu panjang. " * 300,
            "Write at most %(limit)s characters (this text has %(count)s).",
        ),
    ],
    ids=["nul", "long"],
)
def test_an_editors_refused_comment_says_why_in_their_language_and_keeps_the_text(
    client, site_id, in_site, expo_case, note, reason
):
    from django.utils import translation
    from django.utils.translation import gettext

    from languages.formatting import format_number

    with in_site(site_id):
        client.force_login(make_staff("editor"))
    refused = client.post(
        "/id/editor/clashes/", {"case": expo_case.pk, "note": note}, HTTP_HOST="cn-id.localhost"
    )

    # Re-rendered, not redirected: the message is the right one, beside the
    # clash's form, and what they typed is still there to correct.
    assert refused.status_code == 400
    with translation.override("id"):
        expected = gettext(reason) % {
            "limit": format_number(2000, "id"),
            "count": format_number(len(note.strip()), "id"),
        }
    page = refused.content.decode()
    form = page[page.index(f'id="clash-{expo_case.pk}"') :]
    assert escape(expected) in form[: form.index("</form>")]
    assert escape(note.replace("\x00", "\ufffd")[:40]) in form
    assert not ClashNote.objects.filter(case=expo_case).exists()


@pytest.mark.django_db
def test_the_feed_lists_a_cohosted_event_once_and_marks_clashes(
    client, coordinator, site_vn, demo_event
):
    from coordination.views import feed_token

    body = client.get(f"/coordination/calendar.ics?token={feed_token(coordinator)}", **HUB).content
    events = Calendar.from_ical(body).walk("VEVENT")
    expo_uid = str(demo_event(site_vn, "china-asean-expo").uid)
    expos = [e for e in events if str(e["uid"]).startswith(expo_uid)]

    assert len(expos) == 1
    # Named, not coded: the sites are in the description, in words.
    assert str(expos[0]["summary"]) == "China–ASEAN Expo"
    description = str(expos[0]["description"])
    assert "Site: China–Vietnam" in description and "Co-hosted with: China–Indonesia" in description
    assert "Clash with Indonesia pavilion and trade exhibition, Nanning (China–Indonesia" in (
        description
    )
    assert "Same venue: Nanning International Convention and Exhibition Center" in description
    categories = [str(c) for c in expos[0]["categories"].cats]
    assert "Clash" in categories
    (alarm,) = expos[0].walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm["trigger"].dt == -datetime.timedelta(days=7)
    assert str(alarm["description"]).startswith("Clash with Indonesia pavilion")


@pytest.mark.django_db
def test_the_first_screen_lists_the_planted_clash_and_stays_bounded(
    client, coordinator, expo_case, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get("/vi/coordination/", **HUB)

    # 19: one of them asks whether any clash lies beyond the twelve months.
    with django_assert_max_num_queries(19):
        page = client.get("/vi/coordination/", **HUB)

    body = page.content.decode()
    assert f"/vi/coordination/clashes/{expo_case.pk}/" in body
    assert "Nanning International Convention and Exhibition Center" in body or "Nam Ninh" in body
    assert "http://cn-vn.localhost/vi/events/china-asean-expo/" in body
    assert "contact@cn-id.localhost" in body  # the pavilion's site's contact
    # When they overlap, in days as Nanning sees them (both last whole days).
    from coordination.index import local_days
    from languages.formatting import format_range

    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning")
    expo = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
    row = next(row for row in page.context["clashes"] if row["case"] == expo_case)
    assert row["when"] == format_range(local_days(pavilion)[0], local_days(expo)[1], "vi")


@pytest.mark.django_db
def test_the_hub_offers_staff_a_sign_in_link(client):
    page = client.get("/vi/", **HUB).content.decode()

    assert 'href="/admin/login/?next=/vi/"' in page


def test_the_clash_list_shows_twelve_months_at_a_time():
    from coordination.views import clash_window_end

    assert clash_window_end(datetime.date(2026, 11, 30)) == datetime.date(2027, 11, 30)
    assert clash_window_end(datetime.date(2029, 1, 1)) == datetime.date(2029, 12, 31)
    assert clash_window_end(datetime.date(2999, 6, 1)) == datetime.date(2999, 12, 31)


@pytest.mark.django_db
def test_the_clash_list_leads_on_only_while_clashes_lie_ahead(client, coordinator, expo_case):
    client.force_login(coordinator)
    expo = CalendarEntry.objects.get(site__code="cn-vn", slug="china-asean-expo")
    before = (expo.starts_at - datetime.timedelta(days=800)).date().isoformat()

    earlier = client.get(f"/en/coordination/?after={before}", **HUB)
    assert earlier.context["later_url"] and "Clashes from" in earlier.content.decode()
    # Past the last clash there is nothing to lead on to (it used to offer
    # empty years one after another).
    last = max(CalendarEntry.objects.values_list("ends_at", flat=True))
    after = (last + datetime.timedelta(days=1)).date().isoformat()
    beyond = client.get(f"/en/coordination/?after={after}", **HUB)
    assert beyond.context["later_url"] is None and "Clashes from" not in beyond.content.decode()


def listed(bounds) -> list[int]:
    return [view.case.pk for view in clash_page(*bounds).clashes]


def _open_on_rows(case: ClashCase) -> set[bool]:
    return set(CalendarClash.objects.filter(case=case).values_list("case_open", flat=True))


@pytest.mark.django_db
def test_the_calendar_counts_and_flags_a_clash_as_its_case_changes(
    site_id, expo_case, expo_month_bounds
):
    """The calendar reads a case's state from its clash rows
    (``CalendarClash.case_open``): every way a status changes moves it too."""
    from coordination import backup
    from coordination.index import coordination_window

    def shown() -> tuple[int, bool]:
        window = coordination_window(*expo_month_bounds)
        return window.clash_count, {expo_case.low_uid, expo_case.high_uid} <= window.flagged

    assert _open_on_rows(expo_case) == {True} and shown() == (1, True)
    assert expo_case.pk in listed(expo_month_bounds)

    act(expo_case, "acknowledge", note="Called.", author_name="Coord")
    assert _open_on_rows(expo_case) == {True} and shown() == (1, True)
    rows = json.loads(json.dumps(backup.export_site_cases(site_id), cls=_Encoder))

    act(expo_case, "resolve", note="Hall B.", author_name="Coord")
    assert _open_on_rows(expo_case) == {False} and shown() == (0, False)
    assert expo_case.pk not in listed(expo_month_bounds)
    assert open_count(site_id) == 0

    act(expo_case, "reopen", note="", author_name="Coord")
    assert _open_on_rows(expo_case) == {True} and shown() == (1, True)
    act(expo_case, "resolve", note="Hall B.", author_name="Coord")

    # A backup from when it was acknowledged, newer than the database's copy
    # (a restore over a site whose coordinators' work was lost): open again.
    ClashCase.objects.filter(pk=expo_case.pk).update(
        updated_at=expo_case.updated_at - datetime.timedelta(days=1)
    )
    backup.restore_site_cases(site_id, rows)
    expo_case.refresh_from_db()
    assert expo_case.status == ClashCase.Status.ACKNOWLEDGED
    assert _open_on_rows(expo_case) == {True} and shown() == (1, True)

    # The rows written again when an event is saved read the case's state.
    act(expo_case, "resolve", note="Hall B.", author_name="Coord")
    for entry in CalendarEntry.objects.filter(
        event_uid__in=[expo_case.low_uid, expo_case.high_uid]
    ):
        refresh_clashes(entry)
    assert _open_on_rows(expo_case) == {False} and shown() == (0, False)


@pytest.mark.django_db
def test_a_clash_row_written_by_the_release_before_reads_as_open(expo_case):
    """Workers of the release before ``case_open`` write clash rows without
    it until they are reloaded after the migration: no error, counted open."""
    from django.db import connection

    row = CalendarClash.objects.filter(case=expo_case).values().first()
    CalendarClash.objects.filter(pk=row["id"]).delete()
    columns = [name for name in row if name not in ("id", "case_open")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO coordination_calendarclash ({', '.join(columns)})"
            f" VALUES ({', '.join(['%s'] * len(columns))})",
            [row[name] for name in columns],
        )

    assert CalendarClash.objects.get(first_id=row["first_id"], second_id=row["second_id"],
                                     reason=row["reason"]).case_open  # fmt: skip


@pytest.mark.django_db
def test_the_feed_dates_each_event_by_its_last_clash_change_and_its_alarm_names_every_clash(
    client, coordinator, site_vn, in_site, expo_case, demo_event
):
    """A calendar app keeps an event whose stamp has not moved: an event whose
    clashes changed (found, resolved) is stamped with that change, and its
    alarm names each of its clashes, not the first only (both seen in a walk:
    the Expo's description changed under an old stamp; the pavilion's alarm
    named one of its two clashes)."""
    import time_machine
    from django.utils import timezone

    from coordination.views import feed_token

    address = f"/coordination/calendar.ics?token={feed_token(coordinator)}"
    expo_uid = str(demo_event(site_vn, "china-asean-expo").uid)
    pavilion = CalendarEntry.objects.get(slug="indonesia-trade-expo-nanning")

    def feed_event(uid: str):
        events = Calendar.from_ical(client.get(address, **HUB).content).walk("VEVENT")
        return next(e for e in events if str(e["uid"]).startswith(uid))

    # A second clash of the pavilion: an event on cn-vn at its venue and days.
    with in_site(site_vn):
        make_event(slug="nanning-fair", starts=pavilion.starts_at, titles={"en": "Nanning fair"},
                   venue={"en": pavilion.venues.get("en") or next(iter(pavilion.venues.values()))})  # fmt: skip
    (alarm,) = feed_event(str(pavilion.event_uid)).walk("VALARM")
    assert "China–ASEAN Expo" in str(alarm["description"])
    assert "Nanning fair" in str(alarm["description"])

    later = timezone.now() + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        act(expo_case, "resolve", note="Different halls.", author_name="Coord")
    expo = feed_event(expo_uid)
    assert "Clash with Indonesia pavilion" not in str(expo["description"])
    assert expo["last-modified"].dt == later.replace(microsecond=0)
    assert expo["dtstamp"].dt == later.replace(microsecond=0)


@pytest.mark.django_db
def test_an_event_with_no_organiser_named_is_not_said_to_be_organised_by_its_site(
    client, coordinator, expo_case
):
    # The pavilion's site is shown as its site; as its organiser it was a guess.
    CalendarEntry.objects.filter(slug="indonesia-trade-expo-nanning").update(organisers=[])
    CalendarEntry.objects.filter(slug="china-asean-expo").update(organisers=["Expo Secretariat"])
    client.force_login(coordinator)

    page = client.get(f"/en/coordination/clashes/{expo_case.pk}/", **HUB).content.decode()

    assert page.count("Organiser:") == 1 and "Organiser: Expo Secretariat" in page
    assert page.count('Contact: <a href="mailto:') == 2


@pytest.mark.django_db
def test_a_refused_action_says_what_to_do_with_numbers_written_one_way(
    client, coordinator, expo_case
):
    """The limit in the refusal is written as the count beside it and the
    hint under the field are (Babel's Spanish: 2.000 and 2.500), not as a
    translator once typed it ("2000"); marking one event as part of the
    other without choosing which says so."""
    from django.utils import translation
    from django.utils.translation import gettext

    from coordination.clashes import NOTE_LENGTH
    from languages.formatting import format_number

    client.force_login(coordinator)
    url = f"/es/coordination/clashes/{expo_case.pk}/"

    long = client.post(url, {"action": "acknowledge", "note": "x" * 2500}, **HUB)
    unchosen = client.post(url, {"action": "programme", "note": ""}, **HUB)

    with translation.override("es"):
        limit, count = format_number(NOTE_LENGTH, "es"), format_number(2500, "es")
        too_long = gettext("Write at most %(limit)s characters (this text has %(count)s).")
        choose = gettext("Choose which event is part of the other.")
    assert (long.status_code, unchosen.status_code) == (400, 400)
    assert too_long % {"limit": limit, "count": count} in long.content.decode()
    assert limit in long.content.decode().split('class="note-limit"')[1][:200]
    assert choose != "Choose which event is part of the other."  # translated
    assert choose in unchosen.content.decode()
