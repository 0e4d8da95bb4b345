"""What a newcomer met walking the officials' workspace in Indonesian on a
phone (390 px): the translators' task list and status page ran off the
side of the screen, a refused upload was shown in the green of a success,
the footer's links hung from stray bullets, and the role withdrawal page
marked no place in the workspace menu."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tests.e2e.conftest import E2E_PASSWORD, sign_in
from tests.factories.events import make_event

pytestmark = pytest.mark.e2e


@pytest.fixture
def cn_id_admin_and_task(django_db_blocker):
    """A site administrator of China–Indonesia, an editor, and an event
    published in Chinese only (so translators have a task)."""
    with django_db_blocker.unblock(), schema_context("site_cn_id"):
        User = get_user_model()
        admin = User.objects.create_user(
            "walk-admin@cn-id.example", "walk-admin@cn-id.example", E2E_PASSWORD,
            is_staff=True, is_superuser=True,
        )  # fmt: skip
        editor = User.objects.create_user(
            "walk-editor@cn-id.example", "walk-editor@cn-id.example", E2E_PASSWORD, is_staff=True
        )
        editor.groups.add(Group.objects.get(name="Editors"))
        event = make_event(
            slug="walk-digital-forum",
            titles={"zh-hans": "中印尼数字经济合作论坛暨企业对接会"},
            venue={"zh-hans": "雅加达会展中心"},
            starts=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=40),
        )
    yield event.pk
    with django_db_blocker.unblock(), schema_context("site_cn_id"):
        event.delete()
        User.objects.filter(pk__in=[admin.pk, editor.pk]).delete()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_workspace_reads_well_on_a_phone_in_indonesian(
    page_in, live_port, cn_id_admin_and_task
):
    event_pk = cn_id_admin_and_task
    site = f"http://cn-id.localhost:{live_port}"
    page = page_in("id-ID")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, f"{site}/admin/login/", "walk-admin@cn-id.example")

    page.goto(f"{site}/id/editor/translations/tasks/")
    expect(page.get_by_role("heading", name="Tugas terjemahan")).to_be_visible()
    expect(
        page.get_by_role("link", name="中印尼数字经济合作论坛暨企业对接会").first
    ).to_be_visible()
    assert fits(page), "the task list runs off the screen"
    # The language choice is a row of buttons, not a column of dots.
    expect(page.get_by_role("navigation", name="Bahasa").get_by_role("link")).to_have_count(4)

    page.goto(f"{site}/id/editor/translations/")
    assert fits(page), "the status page runs off the screen"
    # Side by side and the site's settings: long text boxes (the body, the
    # contact details) stay inside their fieldsets.
    page.goto(f"{site}/id/editor/translations/events.event/{event_pk}/id/")
    expect(page.locator("textarea, .prose-editor").first).to_be_visible()
    assert fits(page), "the side-by-side page runs off the screen"
    page.goto(f"{site}/id/editor/site/")
    assert fits(page), "the site settings run off the screen"
    page.goto(f"{site}/id/editor/translations/")
    # Files come back in a translation language: Indonesian, not the source.
    expect(page.locator("select[name=language]")).to_have_value("id")
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../evil.po", b"x")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "batch.zip", "mimeType": "application/zip", "buffer": bad.getvalue()}]
    )
    page.locator(".exchange__upload button[type=submit]").click()
    refusal = page.locator(".message").filter(has_text="../evil.po")
    expect(refusal).to_contain_text("nama berkas yang mengarah ke luar arsip tidak dibaca")
    expect(refusal).to_have_class("message message--error")
    green = "rgb(231, 245, 234)"  # the success background
    assert refusal.evaluate("e => getComputedStyle(e).backgroundColor") != green

    bullets = page.locator(".footer__pages ul").evaluate("e => getComputedStyle(e).listStyleType")
    assert bullets == "none"

    page.goto(f"{site}/id/editor/people/")
    page.locator(".people-list > li").filter(has_text="walk-editor@cn-id.example").locator(
        "a.people-list__withdraw"
    ).click()
    expect(page.get_by_role("heading", name="Cabut peran")).to_be_visible()
    expect(page.locator('.workspace a[aria-current="page"]')).to_have_text("Orang dan peran")
    assert fits(page)
    page.get_by_role("button", name="Ya, cabut peran Penyunting").click()
    expect(page.locator(".message")).to_contain_text("walk-editor@cn-id.example")
