"""Pages people use pass axe-core's serious and critical checks (WCAG 2.x A/AA).

Government sites are held to accessibility law in most countries; colours
chosen by officials, forms with errors and signed-in pages are included.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants.models import Site
from tests.factories.accounts import PASSWORD, make_member

pytestmark = pytest.mark.e2e

PAGES = [
    ("localhost", "/en/"),
    ("cn-vn.localhost", "/vi/"),
    ("cn-vn.localhost", "/vi/news/"),
    ("cn-vn.localhost", "/vi/news/matchmaking-fair-2006/"),
    ("cn-vn.localhost", "/vi/opportunities/"),
    ("cn-vn.localhost", "/vi/enterprises/"),
    ("cn-vn.localhost", "/vi/events/"),
    ("cn-vn.localhost", "/vi/events/{this_month}/"),  # the demo's running online fair is on it
    ("cn-vn.localhost", "/vi/questions/ask/"),
    ("cn-vn.localhost", "/vi/search/?q=ca+phe"),
    ("cn-vn.localhost", "/vi/search/?q=hat+deiu&type=event"),  # nothing found: ways forward
    ("cn-vn.localhost", "/vi/enterprises/?page=2"),
    ("cn-vn.localhost", "/vi/events/past/"),
    ("cn-vn.localhost", "/vi/account/signup/"),
    ("cn-id.localhost", "/id/"),
    ("cn-id.localhost", "/zh-hans/opportunities/"),
    ("unknown.localhost", "/"),
]


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url} {violation['id']}: {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_public_pages_pass_the_accessibility_checks(page_in, live_port):
    page = page_in("vi-VN")
    problems = []
    today = timezone.localdate()
    for host, path in PAGES:
        path = path.format(this_month=f"{today.year}/{today.month}")
        page.goto(f"http://{host}:{live_port}{path}")
        problems += serious(page)
    assert problems == []


def test_forms_with_errors_and_account_pages_pass_too(page_in, live_port, django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(code="cn-vn")
        with schema_context(site.schema_name):
            member = make_member(language="vi")
    try:
        page = page_in("vi-VN")
        base = f"http://cn-vn.localhost:{live_port}"
        page.goto(f"{base}/vi/account/signup/")
        page.get_by_role("button", name="Tạo tài khoản").click()  # everything missing
        problems = serious(page)
        page.goto(f"{base}/vi/account/login/")
        page.get_by_label("Email").fill(member.user.email)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        problems += serious(page)  # the dashboard
        for path in ("/vi/account/profile/", "/vi/opportunities/post/"):
            page.goto(base + path)
            problems += serious(page)
        assert problems == []
    finally:
        with django_db_blocker.unblock(), schema_context(site.schema_name):
            enterprise = member.enterprise
            member.user.delete()
            enterprise.delete()
