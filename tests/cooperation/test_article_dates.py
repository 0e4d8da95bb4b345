"""An article's publication date lies within the window news is written in
(``cooperation.models.article.PUBLICATION_DATES``: 30 years back, one year
ahead), refused in the editor's language like launch dates and event starts."""

import datetime

import pytest
from django.utils import timezone, translation

from cooperation.models import Article
from cooperation.models.article import PUBLICATION_DATES
from tenants.launch_dates import years_from

VN = {"HTTP_HOST": "cn-vn.localhost"}


def article_post(day: str, time: str = "09:00") -> dict:
    return {
        "slug": "dated", "kind": "news", "status": "published",
        "published_at_0": day, "published_at_1": time,
        "title_zh_hans": "日期", "title_vi": "Ngày", "title_en": "Dated",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    }  # fmt: skip


def test_the_window_is_thirty_years_back_and_one_ahead():
    today = datetime.date(2026, 2, 28)
    assert PUBLICATION_DATES.range(today) == (
        datetime.date(1996, 2, 28),
        datetime.date(2027, 2, 28),
    )
    assert PUBLICATION_DATES.problem(datetime.date(1996, 2, 28), today) == ""
    assert PUBLICATION_DATES.problem(datetime.date(2027, 3, 1), today)
    with translation.override("ko"):
        problem = PUBLICATION_DATES.problem(datetime.date(1900, 1, 1), today)
    assert "1996" in problem and "2027" in problem and "Choose" not in problem


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["1900-01-01", "9999-12-31", "far-back", "far-ahead"])
def test_the_admin_refuses_a_slip_of_the_date_picker_in_the_editors_language(
    admin_client_for, site_vn, in_site, day
):
    today = timezone.localdate()
    day = {
        "far-back": years_from(today, -31).isoformat(),
        "far-ahead": years_from(today, 2).isoformat(),
    }.get(day, day)
    client = admin_client_for(site_vn)
    response = client.post(
        "/admin/cooperation/article/add/",
        article_post(day),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **VN,
    )

    assert response.status_code == 200
    page = response.content.decode()
    first, last = years_from(today, -30), years_from(today, 1)
    assert f"请选择 {first.year}年" in page and f"{last.year}年" in page and "发布日期" in page
    with in_site(site_vn):
        assert not Article.objects.filter(slug="dated").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("years", [-29, 0])
def test_dates_within_the_window_are_kept(admin_client_for, site_vn, in_site, years):
    day = years_from(timezone.localdate(), years) + datetime.timedelta(days=1 if years else 30)
    client = admin_client_for(site_vn)
    response = client.post("/admin/cooperation/article/add/", article_post(day.isoformat()), **VN)

    assert response.status_code == 302
    with in_site(site_vn):
        article = Article.objects.get(slug="dated")
        assert timezone.localtime(article.published_at).date() == day
