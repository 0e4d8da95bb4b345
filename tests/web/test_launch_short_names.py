"""An official launching a China–Korea site gives its short name in each of
the site's languages, on the hub's form and with ``provision_site``; each is
checked against every other site's, and a taken one is said beside its own
field, naming the site that has it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenants.models import Site
from tenants.naming import short_name_in
from tests.web import test_hub_launch
from tests.web.test_hub_launch import HUB, form

official = test_hub_launch.official  # a fixture

ALL_THREE = {"short_name": "부산", "short_name_zh-hans": "釜山", "short_name_en": "Busan"}


def _stored(code: str) -> tuple[str, str, str]:
    site = Site.objects.get(code=code)
    return site.short_name_ko, site.short_name_zh_hans, site.short_name_en


def _post(client, language: str = "ko", **fields):
    return client.post(f"/{language}/sites/launch/", {**form(), **fields}, **HUB)


@pytest.mark.django_db
def test_the_form_asks_a_short_name_in_each_of_the_sites_languages(client, official):
    first = client.get("/ko/sites/launch/", **HUB).content.decode()
    assert 'name="short_name_en"' not in first  # the languages are not chosen yet

    # Sent back (here for a launch date that is no date): one field per language.
    back = _post(client, launched_on="1900-01-01", preview="1")
    page = back.content.decode()

    assert back.status_code == 400
    assert "한국어 약칭" in page and "중국어 약칭" in page and "영어 약칭" in page
    assert 'name="short_name_zh-hans"' in page and 'lang="zh-hans"' in page
    assert 'name="short_name_en"' in page
    assert 'name="short_name_ko"' not in page  # the default's is the first field


@pytest.mark.django_db
def test_each_languages_short_name_reaches_the_plan_and_the_site(
    client, official, mailoutbox, django_capture_on_commit_callbacks
):
    preview = _post(client, "en", preview="1", **ALL_THREE).content.decode()
    assert "부산 (ko), 釜山 (zh-hans), Busan (en)" in preview
    # Carried through the confirmation unchanged.
    assert 'name="short_name_zh-hans" value="釜山"' in preview

    with django_capture_on_commit_callbacks(execute=True):
        created = _post(client, "en", confirm="1", **ALL_THREE)

    assert created.status_code == 302
    assert _stored("cn-kr2") == ("부산", "釜山", "Busan")


@pytest.mark.django_db
def test_a_short_name_taken_in_one_language_is_refused_beside_it_naming_the_site(
    client, official, site_vn
):
    taken = short_name_in(site_vn, "zh-hans")
    answer = _post(client, "en", preview="1", **{**ALL_THREE, "short_name_zh-hans": f" {taken} "})
    page = answer.content.decode()

    assert answer.status_code == 400
    assert answer.context["form"].errors["short_name_zh-hans"] == [
        f"The short name {taken} is already used by site cn-vn; give this site another one."
    ]
    assert "short_name" not in answer.context["form"].errors
    assert "short_name_en" not in answer.context["form"].errors
    assert not Site.objects.filter(code="cn-kr2").exists()
    assert "cn-vn" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("a\x00b", "Null characters are not allowed"),
        ("a\x07b", "without control characters"),
        ("x" * 41, "at most 40 characters"),
    ],
)
def test_odd_short_names_in_another_language_come_back_readable(client, official, value, error):
    answer = _post(client, "en", preview="1", **{**ALL_THREE, "short_name_en": value})

    assert answer.status_code == 400
    assert error in answer.context["form"].errors["short_name_en"][0]


@pytest.mark.django_db
def test_a_short_name_for_a_language_the_site_does_not_offer_is_ignored(client, official):
    answer = _post(client, "en", preview="1", **{**ALL_THREE, "short_name_vi": "Bắc Kinh"})

    assert answer.status_code == 200
    assert "Bắc Kinh" not in answer.content.decode()


def _provision(*short_names: str, code: str = "cn-kr") -> str:
    out = StringIO()
    call_command(
        "provision_site", "--code", code, "--countries", "CN,KR", "--languages", "ko,zh-hans,en",
        "--domain", f"{code}.localhost", "--timezone", "Asia/Seoul", "--currency", "KRW",
        *[arg for name in short_names for arg in ("--short-name", name)], stdout=out,
    )  # fmt: skip
    return out.getvalue()


@pytest.mark.django_db
def test_provision_site_takes_a_short_name_per_language():
    _provision("ko=서울", "zh-hans=首尔", "en=Seoul")

    assert _stored("cn-kr") == ("서울", "首尔", "Seoul")


@pytest.mark.django_db
def test_provision_site_refuses_a_short_name_taken_in_one_language(site_vn):
    taken = short_name_in(site_vn, "zh-hans")

    with pytest.raises(CommandError, match="already used by site cn-vn"):
        _provision("ko=서울", f"zh-hans={taken}")

    assert not Site.objects.filter(code="cn-kr").exists()
