"""The editors' workspace: who enters it, what it counts, and its cost."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.models import Opportunity, Question
from cooperation.services.opportunities import moderate
from tests.factories.accounts import make_enterprise, make_member, make_staff
from tests.factories.articles import make_article

HOST = {"HTTP_HOST": "cn-vn.localhost"}


def make_listing(**fields) -> Opportunity:
    values = dict(
        kind="supply", title="Cà phê Robusta", description="Hàng vụ mới.", sector="A",
        country="VN", valid_until=timezone.localdate() + datetime.timedelta(days=30),
        company="Cà phê Tây Nguyên", contact_name="Hoa", contact_email="hoa@example.com",
        language="vi",
    )  # fmt: skip
    values.update(fields)
    return Opportunity.objects.create(**values)


def ask(**fields) -> Question:
    values = dict(name="Minh", email="minh@example.com", language="vi", topic="customs")
    values.update(fields)
    return Question.objects.create(question_vi="Thủ tục nhập khẩu?", **values)


def signed_in(client, site, in_site, role: str | None):
    with in_site(site):
        user = make_staff(role) if role != "member" else make_member().user
        client.force_login(user)
    return client


def numbers(page: str) -> dict[str, int]:
    """Dashboard item label → count, from the page's HTML."""
    import re

    found = re.findall(
        r'work-item__count">([\d.,\s]+)</span> <span class="work-item__label">([^<]+)<', page
    )
    return {label: int(re.sub(r"\D", "", count)) for count, label in found}


@pytest.mark.django_db
def test_only_people_with_a_role_enter(client, site_vn, in_site):
    assert client.get("/vi/editor/", **HOST)["Location"].startswith("/vi/account/login/")
    assert (
        signed_in(client, site_vn, in_site, "member").get("/vi/editor/", **HOST).status_code == 403
    )
    assert signed_in(client, site_vn, in_site, None).get("/vi/editor/", **HOST).status_code == 403
    assert (
        signed_in(client, site_vn, in_site, "translator").get("/vi/editor/", **HOST).status_code
        == 200
    )


@pytest.mark.django_db
def test_the_dashboard_counts_down_as_work_is_done(client, site_vn, in_site):
    signed_in(client, site_vn, in_site, "editor")
    with in_site(site_vn):
        before = numbers(client.get("/en/editor/", **HOST).content.decode())
        listings = [make_listing(), make_listing()]
        old = ask()
        Question.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=site_vn.response_days + 1)
        )
        ask()

    page = client.get("/en/editor/", **HOST).content.decode()
    after = numbers(page)
    moderation = "Trade opportunities to approve or reject"
    overdue = f"Questions past the {site_vn.response_days}-day answer target"
    assert after[moderation] == before[moderation] + 2
    assert after["Questions waiting for an answer"] == before["Questions waiting for an answer"] + 2
    assert after[overdue] == before[overdue] + 1
    assert 'href="/admin/cooperation/opportunity/?status__exact=pending"' in page

    with in_site(site_vn):
        moderate(listings[0], approve=True)
        Question.objects.filter(pk=old.pk).update(status=Question.Status.ANSWERED)
    done = numbers(client.get("/en/editor/", **HOST).content.decode())
    assert done[moderation] == before[moderation] + 1
    assert done[overdue] == before[overdue]


@pytest.mark.django_db
def test_enterprises_waiting_for_approval_are_counted_until_approved(client, site_vn, in_site):
    """A sign-up confirmed on a site that reviews enterprises waits for an
    editor: it was counted nowhere (it is not in the directory yet), so it
    could wait for ever (newcomer walk-through, session 27)."""
    from cooperation.models import Enterprise
    from cooperation.services.accounts import approve_enterprises

    label = "Enterprises waiting for approval"
    signed_in(client, site_vn, in_site, "editor")
    before = numbers(client.get("/en/editor/", **HOST).content.decode()).get(label, 0)
    with in_site(site_vn):
        waiting = make_enterprise(is_listed=False, awaiting_review=True)
        make_enterprise(is_listed=False)  # a sign-up not yet confirmed: nothing to approve

    page = client.get("/en/editor/", **HOST).content.decode()
    assert numbers(page)[label] == before + 1
    assert 'href="/admin/cooperation/enterprise/?awaiting_review__exact=1"' in page

    with in_site(site_vn):
        approve_enterprises(Enterprise.objects.filter(pk=waiting.pk))
    assert numbers(client.get("/en/editor/", **HOST).content.decode()).get(label, 0) == before


@pytest.mark.django_db
def test_overdue_follows_the_sites_response_days(client, site_vn, in_site):
    signed_in(client, site_vn, in_site, "editor")
    with in_site(site_vn):
        Question.objects.all().delete()
        ask()
    label = f"Questions past the {site_vn.response_days}-day answer target"
    assert numbers(client.get("/en/editor/", **HOST).content.decode())[label] == 0
    later = timezone.now() + datetime.timedelta(days=site_vn.response_days, hours=1)
    with time_machine.travel(later, tick=False):
        assert numbers(client.get("/en/editor/", **HOST).content.decode())[label] == 1


@pytest.mark.django_db
def test_a_translator_sees_translation_work_only(client, site_vn, in_site):
    signed_in(client, site_vn, in_site, "translator")
    with in_site(site_vn):
        before = numbers(client.get("/en/editor/", **HOST).content.decode())
        make_article(texts={"zh-hans": "新文章"})

    after = numbers(client.get("/en/editor/", **HOST).content.decode())
    assert (
        after["Translations missing in Vietnamese"]
        == before["Translations missing in Vietnamese"] + 1
    )
    assert after["Translations missing in English"] == before["Translations missing in English"] + 1
    # Moderation is the editors' work.
    assert not any("opportunities" in label or "verified" in label for label in after)


@pytest.mark.django_db
def test_the_dashboard_speaks_the_editors_language(client, site_vn, in_site):
    signed_in(client, site_vn, in_site, "editor")

    page = client.get("/vi/editor/", **HOST).content.decode()

    assert "Đang chờ bạn" in page
    labels = numbers(page)
    assert "Câu hỏi đang chờ trả lời" in labels
    assert "Bản dịch còn thiếu bằng tiếng Anh" in labels
    assert '<meta name="robots" content="noindex, nofollow">' in page


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_whatever_is_waiting(client, site_vn, in_site):
    """Every count is one or two queries, whatever the number of rows."""
    signed_in(client, site_vn, in_site, "editor")
    client.get("/en/editor/", **HOST)  # content types and sessions warm

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/editor/", **HOST).status_code == 200
        return len(captured)

    few = queries()
    with in_site(site_vn):
        enterprise = make_enterprise()
        for number in range(15):
            make_listing(enterprise=enterprise)
            ask(email=f"asker{number}@example.com")
            make_article(texts={"zh-hans": f"文章 {number}"})
    many = queries()

    assert many == few
    # Eleven statements (session, user, permissions, one or two per count),
    # each after django-tenants' SET search_path.
    assert few <= 24


@pytest.mark.django_db
def test_a_site_admin_sees_the_launch_checklist_while_the_site_is_a_draft(client, in_site):
    from tenants.services.provisioning import provision
    from tests.tenants.test_provisioning import korea_spec

    site = provision(korea_spec()).site
    with in_site(site):
        admin = get_user_model().objects.get(is_superuser=True)
        client.force_login(admin)
    page = client.get("/ko/editor/", HTTP_HOST="cn-kr.localhost").content.decode()

    assert "사이트를 열기 전에" in page
    assert 'href="/ko/editor/site/#tagline"' in page
    assert 'href="/admin/cooperation/article/add/"' in page


def _nav_links(page: str) -> dict[str, str]:
    import re

    nav = page.split('class="workspace-nav"')[1].split("</nav>")[0]
    return {label: href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)}


@pytest.mark.django_db
def test_the_workspace_leads_an_editor_to_the_sites_administration(client, site_vn, in_site):
    """Events, news and listings are edited in the site's administration,
    which nothing in the workspace named (a newcomer found it by guessing)."""
    signed_in(client, site_vn, in_site, "editor")

    links = _nav_links(client.get("/zh-hans/editor/", **HOST).content.decode())

    assert links.get("站点管理") == "/admin/"
    admin = client.get("/admin/", **HOST)
    assert admin.status_code == 200 and "站点管理" in admin.content.decode()  # as it was left


@pytest.mark.django_db
def test_the_administration_is_not_offered_to_whom_it_shows_nothing(
    client, site_vn, in_site, monkeypatch
):
    """Offered as the administration's index would list anything for them."""
    from django.contrib import admin

    signed_in(client, site_vn, in_site, "translator")
    assert "Site administration" in _nav_links(client.get("/en/editor/", **HOST).content.decode())
    monkeypatch.setattr(admin.site, "get_app_list", lambda request, app_label=None: [])
    assert "Site administration" not in _nav_links(
        client.get("/en/editor/", **HOST).content.decode()
    )


@pytest.mark.django_db
def test_the_administration_asked_for_under_a_language_is_found(client, site_vn, in_site):
    signed_in(client, site_vn, in_site, "editor")
    response = client.get("/zh-hans/admin/", **HOST)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    # An admin page that is not there is the admin's 404, not a loop
    # through the language prefix.
    missing = client.get("/admin/events/nothing-here/", **HOST, follow=True)
    assert missing.status_code == 404 and not missing.redirect_chain
