"""Words the admin and forms show that come from Django or django-axes and
read wrong or in English in the reader's language: the portal's catalogs
(web/locale for Django's, locale/ for the names the portal gives axes) say
them in each language."""

import re

import pytest
from django import forms
from django.utils import translation
from django_tenants.utils import schema_context

from tenants.hub import HUB_LANGUAGES
from tests.factories.accounts import make_staff

NUL = "Null characters are not allowed."


@pytest.fixture
def boss_client(client, site_vn):
    site_vn.languages = list(HUB_LANGUAGES)  # the admin answers in the site's languages
    site_vn.save()
    with schema_context(site_vn.schema_name):
        boss = make_staff()
        boss.is_superuser = True
        boss.save()
        client.force_login(boss)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", HUB_LANGUAGES)
def test_the_lockout_list_reads_in_the_readers_language_breadcrumbs_and_count_included(
    boss_client, language
):
    page = boss_client.get(
        "/admin/axes/accessattempt/", HTTP_HOST="cn-vn.localhost", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    with translation.override(language):
        app = translation.gettext("Sign-in lockouts")
        plural = translation.gettext("access attempts")
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S).group(1)
    assert app in crumbs and "Axes" not in crumbs
    assert "ccess attempt" not in page and "Axes" not in page
    assert f"0 {plural}" in page
    if language == "zh-hans":
        words = " ".join(re.sub(r"<[^>]+>", "", crumbs).replace("&rsaquo;", "›").split())
        assert words == "首页 › 登录锁定 › 登录失败记录"
        assert "0 登录失败记录" in page
    if language == "en":
        assert "0 failed sign-ins" in page


@pytest.mark.parametrize(
    ("language", "right", "wrong"),
    [("zh-hans", "不允许包含空字符", "是用"), ("ja", "NUL 文字", "何か文字を入力")],
)
def test_a_nul_is_refused_in_right_words(language, right, wrong):
    field = forms.CharField()
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("a\x00b")
        text = " ".join(refused.value.messages)
    assert right in text and wrong not in text


@pytest.mark.parametrize(
    ("field", "value", "right"),
    [
        (forms.CharField(max_length=253), "x" * 300, "paling banyak 253 aksara"),
        (forms.CharField(min_length=5), "xy", "sekurang-kurangnya 5 aksara"),
    ],
)
def test_malay_length_errors_read_as_malay(field, value, right):
    with translation.override("ms"):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(value)
        text = " ".join(refused.value.messages)
    assert right in text and "sepalingnya" not in text and "karater" not in text


@pytest.mark.django_db
def test_a_nul_in_an_admin_form_reads_right_in_chinese(boss_client):
    page = boss_client.post(
        "/admin/auth/group/add/",
        {"name": "Re\x00viewers"},
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    assert "不允许包含空字符" in page and "是用" not in page
