"""clone_site: a new pair with the structure of an existing site, none of its people."""

from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_exists

from tenants.models import Site
from tenants.services import site_parts


def test_every_per_site_model_is_structure_content_or_template():
    """A new model must say whether clone_site copies it."""
    labels = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_config.name in settings.TENANT_APPS
    }
    structure = set(site_parts.structure_models())
    content, template = site_parts.content_models(), site_parts.template_models()
    assert labels - structure - content - template == set()
    assert structure & content == set() and structure & template == set()
    assert (structure | content | template) - labels == set()  # no stale names


@pytest.mark.django_db
def test_clone_copies_branding_taxonomy_translations_and_roles_but_no_people(site_vn, in_site):
    from cooperation.models import Article, Category, Enterprise, Question, Tag
    from events.models import Event, Registration
    from translations.models import TranslationSource

    with in_site(site_vn):
        Category.objects.create(
            slug="sanitary-rules", name="Sanitary rules", name_vi="Quy định vệ sinh",
            name_zh_hans="卫生规定",
        )  # fmt: skip
        Tag.objects.create(slug="sesame", name="Sesame", name_vi="Vừng")
        auditors = Group.objects.create(name="Auditors")
        auditors.permissions.add(*Permission.objects.filter(codename="view_article"))
        categories = sorted(Category.objects.values_list("slug", "name_vi"))
        tags = sorted(Tag.objects.values_list("slug", "name_vi"))
        assert Article.objects.exists() and Enterprise.objects.exists() and Event.objects.exists()
    site_vn.logo.name = ""
    out = StringIO()
    call_command(
        "clone_site", "cn-vn", "cn-kh", "--domain", "cn-kh.localhost", "--timezone",
        "Asia/Phnom_Penh", "--currency", "KHR", stdout=out,
    )  # fmt: skip

    clone = Site.objects.get(code="cn-kh")
    assert (clone.country_a, clone.country_b) == ("CN", "KH")
    assert clone.languages == site_vn.languages
    assert (clone.primary_color, clone.accent_color) == (
        site_vn.primary_color,
        site_vn.accent_color,
    )
    assert (clone.time_zone, clone.currency) == ("Asia/Phnom_Penh", "KHR")
    assert clone.name_en == "China–Cambodia Economic and Trade Cooperation"
    assert "created site cn-kh from cn-vn: http://cn-kh.localhost/" in out.getvalue()
    assert "not copied: " in out.getvalue() and "cooperation.Article" in out.getvalue()
    with in_site(clone):
        assert sorted(Category.objects.values_list("slug", "name_vi")) == categories
        assert sorted(Tag.objects.values_list("slug", "name_vi")) == tags
        assert set(Group.objects.values_list("name", flat=True)) >= {
            "Editors", "Translators", "Enterprise members", "Auditors",
        }  # fmt: skip
        assert list(
            Group.objects.get(name="Auditors").permissions.values_list("codename", flat=True)
        ) == ["view_article"]
        for model in (Article, Enterprise, Question, Event, Registration):
            assert not model.objects.exists(), model
        assert list(get_user_model().objects.values_list("is_superuser", flat=True)) == [True]
        assert all(
            record.content_type.model in {"category", "tag"}
            for record in TranslationSource.objects.select_related("content_type")
        )
        Category.objects.create(slug="new-one", name="New")  # ids continue after the copied ones


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["cn-zz", "cn-kh", "--domain", "a.localhost"], "no site with code 'cn-zz'"),
        (["cn-vn", "cn-kh"], "give at least one"),
        (["cn-vn", "cn-id", "--domain", "a.localhost"], "site cn-id exists already"),
        (["cn-vn", "cn-kh", "--domain", "cn-id.localhost"], "already used by site cn-id"),
        (["cn-vn", "cnkh", "--domain", "a.localhost"], "does not name two countries"),
        (["cn-vn", "cn-kh\x00", "--domain", "a.localhost"], "is invalid"),
        (["cn-vn", "template", "--domain", "a.localhost"], "does not name two countries"),
        (["template", "cn-kh", "--domain", "a.localhost"], "no site with code 'template'"),
        (["cn-vn\x00", "cn-kh", "--domain", "a.localhost"], "no site with code"),
    ],
)
def test_bad_requests_are_one_line_and_create_nothing(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("clone_site", *arguments, stdout=StringIO())
    assert not schema_exists("site_cn_kh")
    assert not Site.objects.filter(code="cn-kh").exists()
