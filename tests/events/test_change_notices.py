"""Participants are told when an event they registered for changes: its
time, place, status or online link (what moves its calendar SEQUENCE). One
e-mail each, in the language they registered in, saying the event as it now
stands; a confirmed participant gets the updated .ics (same UID, higher
SEQUENCE), so their calendar moves the entry, and the link if there is one.

The job (``events.jobs.tell_participants``) is queued when such a change is
saved and sent by ``run_jobs``; what each registrant was last told is kept
on the registration, so a job run twice, or two at once, tells nobody twice."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from events.jobs import tell_participants
from events.models import Event, Registration
from events.services.changes import FAILED, TOLD, waiting_to_hear
from events.services.changes import tell_participants as tell_now
from events.services.registration import register
from tests.factories.events import make_event

LINK = "https://meet.example.org/j/551?pwd=new"

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(site_vn, in_site, django_capture_on_commit_callbacks, mailoutbox):
    """A forum with one place: Lan holds it, Minh waits, Hoa cancelled."""
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        event = make_event(
            slug="border-forum",
            capacity=1,
            titles={"vi": "Diễn đàn biên mậu"},
            venue={"vi": "Lạng Sơn"},
        )
        register(event=event, name="Lan", email="lan@example.com", language="vi")
        register(event=event, name="Minh", email="minh@example.com", language="en")
        hoa = register(event=event, name="Hoa", email="hoa@example.com", language="vi")
        Registration.objects.filter(pk=hoa.pk).update(status=Registration.Status.CANCELLED)
    mailoutbox.clear()
    return event


@pytest.fixture
def tell(site_vn, django_capture_on_commit_callbacks):
    """The site's job, its e-mails sent (they wait for the commit that a
    test's transaction never makes)."""

    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tell_now(site_vn)[TOLD]

    return run


def _entry(message):
    (attachment,) = message.attachments
    (entry,) = Calendar.from_ical(attachment[1]).walk("VEVENT")
    return entry


def test_a_new_time_is_told_once_to_each_registrant_in_their_language(
    forum, site_vn, in_site, mailoutbox, tell
):
    with in_site(site_vn):
        forum.starts_at += datetime.timedelta(days=1)
        forum.ends_at += datetime.timedelta(days=1)
        forum.save()
        assert tell() == 2
        assert tell() == 0  # told already

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"lan@example.com", "minh@example.com"}
    lan, minh = by_address["lan@example.com"], by_address["minh@example.com"]
    assert "Diễn đàn biên mậu" in lan.subject and "thay đổi" in lan.body
    assert _entry(lan)["sequence"] == forum.sequence >= 1
    assert _entry(lan)["dtstart"].dt == forum.starts_at
    assert "changed" in minh.body and "waiting list" in minh.body and not minh.attachments
    # What changed is marked, so nobody has to compare with the last e-mail.
    lines = {line.split(":")[0]: line for line in minh.body.splitlines() if ":" in line}
    assert lines["When"].endswith("(changed)") and not lines["Where"].endswith("(changed)")


def test_a_new_place_and_link_are_marked_and_the_time_is_not(
    forum, site_vn, in_site, mailoutbox, tell
):
    with in_site(site_vn):
        forum.venue_vi = "Cửa khẩu Hữu Nghị"
        forum.online_url = LINK
        forum.save()
        tell()

    minh = next(m for m in mailoutbox if m.to == ["minh@example.com"])
    lines = {line.split(":")[0]: line for line in minh.body.splitlines() if ":" in line}
    assert lines["Where"] == "Where: Cửa khẩu Hữu Nghị (changed)"
    assert not lines["When"].endswith("(changed)")
    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    assert f"{LINK} (đã thay đổi)" in lan.body


def test_a_new_title_says_what_the_event_was_called(forum, site_vn, in_site, mailoutbox, tell):
    """The subject gives the new title, which the registrant may not know the
    event by: the e-mail names the one they registered for, in their
    language as far as it was written (Minh reads English; it was in
    Vietnamese only)."""
    with in_site(site_vn):
        forum.title_vi = "Diễn đàn thương mại biên giới Việt – Trung"
        forum.title_en = "Vietnam–China border trade forum"
        forum.save()
        assert tell() == 2

    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    minh = next(m for m in mailoutbox if m.to == ["minh@example.com"])
    assert "Diễn đàn thương mại biên giới Việt – Trung" in lan.subject
    assert "Vietnam–China border trade forum" in minh.subject
    minh_lines = minh.body.splitlines()
    # First of the details, before the time.
    assert minh_lines.index("Previously called: Diễn đàn biên mậu") < next(
        i for i, line in enumerate(minh_lines) if line.startswith("When:")
    )
    lan_lines = [line for line in lan.body.splitlines() if line.endswith(": Diễn đàn biên mậu")]
    assert lan_lines and "Previously called" not in lan.body  # in her language


def test_a_new_time_says_what_it_was_before(forum, site_vn, in_site, mailoutbox, tell):
    """A registrant told "When: 14 May (changed)" had to find the old e-mail
    to see what moved (newcomer walk): the notice says the time before too."""
    with in_site(site_vn):
        before_start = forum.starts_at
        forum.starts_at += datetime.timedelta(days=1)
        forum.ends_at += datetime.timedelta(days=1)
        forum.save()
        tell()
        minh = next(m for m in mailoutbox if m.to == ["minh@example.com"])
        lines = minh.body.splitlines()
        when = next(i for i, line in enumerate(lines) if line.startswith("When:"))
        assert lines[when + 1].startswith("Before the change: ")
        day = lambda moment: str(moment.astimezone(ZoneInfo(forum.time_zone)).day)  # noqa: E731
        assert day(before_start) in lines[when + 1] and day(forum.starts_at) in lines[when]
        lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
        assert "Before the change" not in lan.body  # in Vietnamese

        mailoutbox.clear()
        forum.venue_vi = "Cửa khẩu Hữu Nghị"
        forum.save()
        tell()
    assert mailoutbox and not any("Before the change" in m.body for m in mailoutbox)


def test_an_unchanged_title_is_not_recalled(forum, site_vn, in_site, mailoutbox, tell):
    with in_site(site_vn):
        forum.starts_at += datetime.timedelta(days=1)
        forum.ends_at += datetime.timedelta(days=1)
        forum.save()
        tell()
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert not any(line.endswith(": Diễn đàn biên mậu") for line in message.body.splitlines())


def test_a_registrant_told_before_titles_were_kept_is_not_told_a_former_title(
    forum, site_vn, in_site, mailoutbox, tell
):
    """Registrations from before the title was kept (their told state has no
    title, or a place in the older list form) get no marks they cannot back."""
    with in_site(site_vn):
        for registration in forum.registrations.all():
            told = dict(registration.told_state)
            told.pop("title")
            told["place"] = ["Lạng Sơn"]  # the older form: a list in the registry's order
            Registration.objects.filter(pk=registration.pk).update(told_state=told)
        forum.title_en = "Border trade forum"
        forum.save()
        assert tell() == 2
    minh = next(m for m in mailoutbox if m.to == ["minh@example.com"])
    assert "Previously called" not in minh.body and "(changed)" not in minh.body


def test_a_cancelled_event_is_told_and_marked_cancelled_in_the_calendar(
    forum, site_vn, in_site, mailoutbox, tell
):
    with in_site(site_vn):
        forum.status = Event.Status.CANCELLED
        forum.save()
        tell()

    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    assert "hủy" in lan.subject.lower() and _entry(lan)["status"] == "CANCELLED"
    assert "/registration/" not in lan.body  # nothing left to cancel
    assert "đánh dấu sự kiện là đã hủy" in lan.body  # not "the updated event is attached"
    minh = next(m for m in mailoutbox if m.to == ["minh@example.com"])
    assert "cancelled" in minh.body and "waiting list" not in minh.body


def test_a_new_online_link_reaches_the_confirmed_participant_only(
    forum, site_vn, in_site, mailoutbox, tell
):
    with in_site(site_vn):
        forum.online_url = LINK
        forum.save()
        tell()

    by_address = {message.to[0]: message for message in mailoutbox}
    assert LINK in by_address["lan@example.com"].body
    assert str(_entry(by_address["lan@example.com"])["conference"]) == LINK
    assert "minh@example.com" not in by_address  # the link is not his


def test_a_new_link_alone_is_not_news_to_the_waiting_list(
    forum, site_vn, in_site, mailoutbox, tell
):
    """They do not receive the link: an e-mail marking nothing as changed
    would be noise (attack review, session 29)."""
    with in_site(site_vn):
        forum.online_url = LINK
        forum.save()
        assert waiting_to_hear(forum) == 1  # what the official is told
        assert tell() == 1
        assert not Registration.objects.filter(told_sequence__lt=forum.sequence).active().exists()

    assert [message.to for message in mailoutbox] == [["lan@example.com"]]


def test_a_change_calendars_need_not_know_tells_nobody(forum, site_vn, in_site, mailoutbox, tell):
    with in_site(site_vn):
        forum.summary_vi = "Thêm một phiên về cửa khẩu"
        forum.save()
        assert tell() == 0
    assert mailoutbox == []


def test_who_registers_after_a_change_is_not_told_of_it(
    site_vn, in_site, django_capture_on_commit_callbacks, mailoutbox, tell
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        event = make_event(slug="moved-before", titles={"vi": "Hội chợ"})
        event.starts_at += datetime.timedelta(hours=2)
        event.ends_at += datetime.timedelta(hours=2)
        event.save()
        register(event=event, name="Lan", email="lan@example.com", language="vi")
        mailoutbox.clear()
        assert tell() == 0


def test_an_event_that_has_ended_tells_nobody(forum, site_vn, in_site, mailoutbox, tell):
    with in_site(site_vn):
        forum.starts_at -= datetime.timedelta(days=30)
        forum.ends_at -= datetime.timedelta(days=30)
        forum.save()
        assert tell() == 0


def test_saving_a_change_queues_one_job_for_the_site(
    job_worker, forum, site_vn, in_site, django_capture_on_commit_callbacks, mailoutbox
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        for hours in (1, 2):
            forum.ends_at += datetime.timedelta(hours=hours)
            forum.save()
    queued = DBTaskResult.objects.ready().filter(task_path=tell_participants.module_path)
    assert [row.args_kwargs["args"] for row in queued] == [[site_vn.code]]

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_jobs", f"--site={site_vn.code}", verbosity=0)  # as deployed

    assert {message.to[0] for message in mailoutbox} == {"lan@example.com", "minh@example.com"}


def test_the_official_who_saves_a_change_is_told_who_will_hear_of_it(
    admin_client_for, site_vn, in_site, django_capture_on_commit_callbacks
):
    from tests.events.test_admin_event_times import form_defaults

    client = admin_client_for(site_vn)
    host = {"HTTP_HOST": "cn-vn.localhost", "HTTP_ACCEPT_LANGUAGE": "en"}
    page = client.get("/admin/events/event/add/", **host).content.decode()
    data = {
        **form_defaults(page),
        "slug": "quay-forum", "title_zh_hans": "口岸论坛", "kind": "forum",
        "status": "scheduled", "time_zone": "Asia/Shanghai", "registration_open": "on",
        "starts_at_0": "2031-05-10", "starts_at_1": "10:00:00",
        "ends_at_0": "2031-05-10", "ends_at_1": "12:00:00",
    }  # fmt: skip
    assert client.post("/admin/events/event/add/", data, **host).status_code == 302
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        event = Event.objects.get(slug="quay-forum")
        for name in ("Lan", "Minh"):
            register(event=event, name=name, email=f"{name}@example.com", language="vi")
    change = f"/admin/events/event/{event.pk}/change/"
    data = {**data, **form_defaults(client.get(change, **host).content.decode())}

    moved = client.post(change, {**data, "starts_at_1": "09:00:00"}, follow=True, **host)
    renamed = client.post(
        change,
        {**data, "starts_at_1": "09:00:00", "title_zh_hans": "口岸贸易论坛"},
        follow=True,
        **host,
    )

    told = "2 registrants will be told of this change by e-mail"
    assert told in moved.content.decode()
    assert told in renamed.content.decode()  # not told yet: the job has not run
    with in_site(site_vn):
        tell_now(site_vn)
    as_saved = {**data, "starts_at_1": "09:00:00", "title_zh_hans": "口岸贸易论坛"}
    summary_only = client.post(change, {**as_saved, "summary_zh_hans": "新增"}, follow=True, **host)
    assert "will be told" not in summary_only.content.decode()
    # Cancelling says so: "this change" read as if the event still took place.
    cancelled = client.post(change, {**as_saved, "status": "cancelled"}, follow=True, **host)
    assert (
        "2 registrants will be told by e-mail that the event is cancelled"
        in cancelled.content.decode()
    )


class FailingMailServer:
    """A mail server that is down: every message fails to leave."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_a_notice_the_mail_server_failed_to_take_is_sent_by_a_later_job(
    job_worker, forum, site_vn, in_site, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        forum.status = Event.Status.POSTPONED
        forum.save()
    settings.EMAIL_BACKEND = f"{__name__}.FailingMailServer"
    with in_site(site_vn):
        assert tell_now(site_vn)[FAILED] == 2
        behind = Registration.objects.active().filter(told_sequence__lt=forum.sequence)
        assert behind.count() == 2  # their claims undone
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with in_site(site_vn):
        assert tell_now(site_vn)[TOLD] == 2
    assert {message.to[0] for message in mailoutbox} == {"lan@example.com", "minh@example.com"}


def test_the_job_comes_back_when_the_mail_server_failed(
    job_worker, forum, site_vn, in_site, settings, django_capture_on_commit_callbacks
):
    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        forum.status = Event.Status.POSTPONED
        forum.save()
    settings.EMAIL_BACKEND = f"{__name__}.FailingMailServer"

    call_command("run_jobs", f"--site={site_vn.code}", verbosity=0)

    later = DBTaskResult.objects.filter(
        task_path=tell_participants.module_path, status="READY", run_after__gt=forum.updated_at
    )
    assert later.count() == 1


def test_a_registrant_who_cancels_while_the_job_runs_gets_nothing(
    forum, site_vn, in_site, mailoutbox, monkeypatch
):
    """The job lists who is behind, then tells them one by one: Minh cancels
    while Lan's e-mail goes."""
    from events.services import changes

    sent = []

    def send_and_meanwhile_minh_cancels(registration, kind, **marks):
        sent.append(registration.email)
        Registration.objects.filter(email="minh@example.com").update(
            status=Registration.Status.CANCELLED
        )

    monkeypatch.setattr(changes, "notify_now", send_and_meanwhile_minh_cancels)
    with in_site(site_vn):
        forum.online_url = LINK
        forum.save()
        changes.tell_participants(site_vn)

    assert sent == ["lan@example.com"]


def test_a_registration_added_by_an_official_or_reminded_is_not_told_again(
    forum, site_vn, in_site, tell, django_capture_on_commit_callbacks
):
    from events.services.registration import remind

    with in_site(site_vn), django_capture_on_commit_callbacks(execute=True):
        forum.status = Event.Status.POSTPONED
        forum.save()
        Registration.objects.create(
            event=forum, name="Thu", email="thu@example.com", language="vi", status="confirmed"
        )
        lan = Registration.objects.get(email="lan@example.com")
        remind(lan)  # sent the event as it now stands

        assert tell() == 1  # Minh only


def test_a_cancelled_events_calendar_entry_carries_no_link(
    forum, site_vn, in_site, mailoutbox, tell
):
    with in_site(site_vn):
        forum.online_url = LINK
        forum.status = Event.Status.CANCELLED
        forum.save()
        tell()

    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    assert "meet.example.org" not in lan.body and "conference" not in _entry(lan)
    assert "meet.example.org" not in str(_entry(lan).get("description", ""))


def test_an_upcoming_event_people_expect_is_cancelled_not_deleted(
    forum, admin_client_for, site_vn, in_site
):
    """Deleted, it would vanish from their calendars without a word: the
    admin refuses and says to cancel it, which tells them."""
    client = admin_client_for(site_vn)
    host = {"HTTP_HOST": "cn-vn.localhost", "HTTP_ACCEPT_LANGUAGE": "en"}
    delete = f"/admin/events/event/{forum.pk}/delete/"

    page = client.get(delete, **host).content.decode()
    client.post(delete, {"post": "yes"}, **host)
    selected = client.post(
        "/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [forum.pk], "post": "yes"},
        **host,
    )

    assert "2 people registered still expect this event" in page
    assert "2 people registered" in selected.content.decode()
    with in_site(site_vn):
        assert Event.objects.filter(pk=forum.pk).exists()
        Registration.objects.all().update(status=Registration.Status.CANCELLED)
    client.post(delete, {"post": "yes"}, **host)
    with in_site(site_vn):
        assert not Event.objects.filter(pk=forum.pk).exists()  # nobody left to tell


def test_the_calendar_part_names_its_type_once(forum, site_vn, in_site, mailoutbox, tell):
    """Its Content-Type said charset twice (newcomer walk, session 29)."""
    with in_site(site_vn):
        forum.status = Event.Status.POSTPONED
        forum.save()
        tell()

    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    (part,) = [p for p in lan.message().walk() if p.get_content_type() == "text/calendar"]
    assert part["Content-Type"].count("charset") == 1
    assert part.get_param("method") == "PUBLISH"


def test_a_notice_in_chinese_is_set_as_chinese_is_written(
    forum, site_vn, in_site, mailoutbox, tell
):
    """Full-width colons after the labels, no space between sentences, and a
    cancelled event's status not marked as a change (newcomer walk)."""
    with in_site(site_vn):
        register(event=forum, name="张伟", email="zhang@example.com", language="zh-hans")
        Registration.objects.filter(email="lan@example.com").update(
            status=Registration.Status.CANCELLED
        )
        Registration.objects.filter(email="zhang@example.com").update(
            status=Registration.Status.CONFIRMED
        )
        mailoutbox.clear()
        forum.starts_at += datetime.timedelta(days=1)
        forum.ends_at += datetime.timedelta(days=1)
        forum.save()
        tell()
        zhang = next(m for m in mailoutbox if m.to == ["zhang@example.com"])
        assert "时间：" in zhang.body and "时间: " not in zhang.body
        assert "。 " not in zhang.body
        html = zhang.alternatives[0][0]
        assert "时间：</strong>" in html and "。 " not in html

        mailoutbox.clear()
        forum.status = Event.Status.CANCELLED
        forum.save()
        tell()
    zhang = next(m for m in mailoutbox if m.to == ["zhang@example.com"])
    status = next(line for line in zhang.body.splitlines() if line.startswith("状态"))
    assert "已变更" not in status


class RefusingMailServer:
    """A mail server that refuses one address (the mailbox does not exist)."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        import smtplib

        from django.core import mail

        for message in messages:
            if "minh@example.com" in message.to:
                raise smtplib.SMTPRecipientsRefused({"minh@example.com": (550, b"no such user")})
            mail.outbox.append(message)
        return len(messages)


def _notices_column(client, event) -> dict[str, str]:
    """Registrant's e-mail → what the registrations list says of their notices."""
    import re

    page = client.get(
        "/admin/events/registration/",
        {"event__id__exact": event.pk},
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    found = {}
    for row in rows:
        email = re.search(r'class="field-email">([^<]+)<', row)
        notices = re.search(r'class="field-notices">(.*?)</td>', row, re.S)
        if email and notices:
            found[email.group(1)] = re.sub(r"<[^>]+>", "", notices.group(1)).strip()
    return found


def test_the_registrations_list_says_who_has_heard_of_the_change(
    forum, site_vn, in_site, mailoutbox, tell, settings, admin_client_for
):
    """After moving an event the official sees who knows it as it stands,
    who is still to hear, and whose address the mail server refused."""
    client = admin_client_for(site_vn)
    assert _notices_column(client, forum) == {
        "lan@example.com": "Up to date",
        "minh@example.com": "Up to date",
        "hoa@example.com": "—",  # cancelled: nothing to hear
    }
    with in_site(site_vn):
        forum.starts_at += datetime.timedelta(days=1)
        forum.ends_at += datetime.timedelta(days=1)
        forum.save()
    assert _notices_column(client, forum)["lan@example.com"] == "Waiting to hear"

    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    with in_site(site_vn):
        tell()
    column = _notices_column(client, forum)
    assert column["lan@example.com"] == "Up to date"
    assert column["minh@example.com"].startswith("Address refused")

    refused = client.get(
        "/admin/events/registration/", {"notices": "refused"}, HTTP_HOST="cn-vn.localhost"
    ).content.decode()
    assert "minh@example.com" in refused and "lan@example.com" not in refused


def test_a_title_changed_in_another_language_is_not_recalled_as_former(
    forum, site_vn, in_site, mailoutbox, tell
):
    """Lan reads Vietnamese; a Chinese title added is a change, but her
    "former" title would be the one she still reads (attack review)."""
    with in_site(site_vn):
        forum.title_zh_hans = "边贸论坛"
        forum.save()
        tell()
    lan = next(m for m in mailoutbox if m.to == ["lan@example.com"])
    assert not any(line.endswith(": Diễn đàn biên mậu") for line in lan.body.splitlines())


def test_registrants_of_an_event_that_has_ended_are_not_waiting_to_hear(
    forum, site_vn, in_site, admin_client_for
):
    with in_site(site_vn):
        forum.venue_vi = "Hữu Nghị"
        forum.save()
        Event.objects.filter(pk=forum.pk).update(
            starts_at=forum.starts_at - datetime.timedelta(days=30),
            ends_at=forum.ends_at - datetime.timedelta(days=30),
        )
    client = admin_client_for(site_vn)
    assert _notices_column(client, forum)["lan@example.com"] == "—"
    waiting = client.get(
        "/admin/events/registration/", {"notices": "waiting"}, HTTP_HOST="cn-vn.localhost"
    ).content.decode()
    assert "lan@example.com" not in waiting
