"""Roles per site: what editors and translators may do, and only on their site."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cooperation.models import Article
from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article

PASSWORD = "a-long-password-55"


def person(role_group: str, username: str = "person@example.org"):
    user = get_user_model().objects.create_user(
        username, username, PASSWORD, is_staff=role_group != "Enterprise members"
    )
    user.groups.add(Group.objects.get(name=role_group))
    return user


@pytest.mark.django_db
def test_every_site_has_the_same_roles(site_vn, site_id, in_site):
    for site in (site_vn, site_id):
        with in_site(site):
            editors = set(
                Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
            )
            translators = set(
                Group.objects.get(name="Translators").permissions.values_list("codename", flat=True)
            )
            assert {"publish_article", "moderate_opportunity", "verify_enterprise"} <= editors
            assert {"add_event", "view_matchrequest", "change_question"} <= editors
            assert {"change_article", "change_event", "change_speaker"} <= translators
            assert not {"add_article", "delete_article", "publish_article"} & translators
            assert (
                Group.objects.filter(name__in=["Site administrators", "Enterprise members"]).count()
                == 2
            )


@pytest.mark.django_db
def test_a_translator_edits_translations_but_not_status_or_slug(client, site_vn, in_site):
    with in_site(site_vn):
        article = make_article(
            slug="draft-for-translation", status="draft", texts={"zh-hans": "中文稿"}
        )
        client.force_login(person("Translators"))
    url = f"/admin/cooperation/article/{article.pk}/change/"

    form = client.get(url, HTTP_HOST="cn-vn.localhost")
    add = client.get("/admin/cooperation/article/add/", HTTP_HOST="cn-vn.localhost")
    fields = form.context["adminform"].form.fields

    assert add.status_code == 403
    assert "title_vi" in fields and "body_vi" in fields
    assert not {"status", "slug", "published_at", "category", "image"} & set(fields)

    client.post(
        url,
        {"title_zh_hans": "中文稿", "title_vi": "Bản tiếng Việt", "status": "published",
         "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"},
        HTTP_HOST="cn-vn.localhost",
    )  # fmt: skip
    with in_site(site_vn):
        article.refresh_from_db()
        assert article.title_vi == "Bản tiếng Việt"
        assert article.status == "draft"  # the status was not theirs to change


@pytest.mark.django_db
def test_a_translators_new_language_in_the_admin_waits_to_be_checked(client, site_vn, in_site):
    """As side by side, a PO or XLIFF file and a batch do
    (translations.services.side_by_side.hold_back_if_new): readers of the
    new language keep the fallback until an editor marks it checked. The
    admin was a way round that check."""
    with in_site(site_vn):
        article = make_article(slug="published-news", texts={"zh-hans": "中文稿", "en": "English"})
        client.force_login(person("Translators"))
    url = f"/admin/cooperation/article/{article.pk}/change/"

    response = client.post(
        url,
        {"title_zh_hans": "中文稿", "title_en": "English, revised", "title_vi": "Bản tiếng Việt",
         "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"},
        HTTP_HOST="cn-vn.localhost",
        follow=True,
    )  # fmt: skip

    with in_site(site_vn):
        article.refresh_from_db()
    assert article.title_vi == "Bản tiếng Việt" and article.title_en == "English, revised"
    assert article.unpublished_languages == ["vi"]  # new: held; English was public already
    # Said in the admin's language (the site's default here), as side by side says it.
    assert "已保存。标记为已审核后，越南语读者即可看到此翻译。" in response.content.decode()
    page = client.get(f"/vi/news/{article.slug}/", HTTP_HOST="cn-vn.localhost").content.decode()
    assert "Bản tiếng Việt" not in page and "English, revised" in page


@pytest.mark.django_db
def test_an_editor_of_one_site_has_no_access_to_the_other(client, site_vn, site_id, in_site):
    with in_site(site_id):
        make_article(slug="indonesia-only", texts={"en": "Indonesia only news"})
    with in_site(site_vn):
        person("Editors", "vn-editor@example.org")
    credentials = {"username": "vn-editor@example.org", "password": PASSWORD}

    assert client.post("/admin/login/", credentials, HTTP_HOST="cn-vn.localhost").status_code == 302
    own_list = client.get("/admin/cooperation/article/", HTTP_HOST="cn-vn.localhost")
    # The session of one site means nothing on the other: sign-in page there.
    other_admin = client.get("/admin/cooperation/article/", HTTP_HOST="cn-id.localhost")
    other_login = client.post("/admin/login/", credentials, HTTP_HOST="cn-id.localhost")
    with in_site(site_id):
        other_article = Article.objects.get(slug="indonesia-only")
    other_change = client.get(
        f"/admin/cooperation/article/{other_article.pk}/change/", HTTP_HOST="cn-vn.localhost"
    )

    assert own_list.status_code == 200 and "Indonesia only news" not in own_list.content.decode()
    assert other_admin.status_code == 302 and "/admin/login/" in other_admin["Location"]
    assert other_login.status_code == 200 and other_login.context["form"].errors
    # The same id on its own site is another row (or none), never the Indonesian one.
    assert "Indonesia only news" not in other_change.content.decode()


@pytest.mark.django_db
def test_add_site_user_gives_roles_and_explains_mistakes(site_vn, in_site, capsys):
    call_command("add_site_user", "New.Editor@example.org", "--site", "cn-vn", "--role", "editor")
    output = capsys.readouterr().out
    with in_site(site_vn):
        enterprise = make_enterprise(slug="pepper-house")
    call_command(
        "add_site_user", "seller@example.org", "--site", "cn-vn", "--role", "enterprise",
        "--enterprise", "pepper-house", "--language", "vi",
    )  # fmt: skip

    assert "new.editor@example.org created on cn-vn as editor, password" in output
    with in_site(site_vn):
        editor = get_user_model().objects.get(username="new.editor@example.org")
        assert editor.is_staff and editor.groups.filter(name="Editors").exists()
        seller = get_user_model().objects.get(username="seller@example.org")
        assert seller.enterprise_membership.enterprise == enterprise
        assert not seller.is_staff
    for arguments, message in [
        (["x@example.org", "--role", "enterprise"], "needs --enterprise"),
        (["x@example.org", "--role", "enterprise", "--enterprise", "nope"], "no enterprise 'nope'"),
        (["not-an-address", "--role", "editor"], "not a valid e-mail"),
        (["x" * 140 + "@example.org", "--role", "editor"], "at most 150 characters"),
        (["x@example.org", "--role", "editor", "--language", "ko"], "does not offer 'ko'"),
    ]:
        with pytest.raises(CommandError, match=message):
            call_command("add_site_user", *arguments, "--site", "cn-vn")


@pytest.mark.django_db
def test_add_site_user_language_is_the_staff_language_of_their_e_mails(site_vn, in_site):
    """An editor added with --language vi hears of their work (a new clash)
    in Vietnamese before ever signing in, not in the site's default."""
    from translations.services.staff import staff_addresses

    call_command(
        "add_site_user", "vi.editor@example.org", "--site", "cn-vn", "--role", "editor",
        "--language", "vi",
    )  # fmt: skip
    call_command("add_site_user", "plain.editor@example.org", "--site", "cn-vn", "--role", "editor")
    by_language = staff_addresses(site_vn, ["events.change_event"])
    assert "vi.editor@example.org" in by_language["vi"]
    assert "plain.editor@example.org" in by_language[site_vn.default_language]

    # Given again for someone who has the role, the option changes the language.
    call_command(
        "add_site_user", "plain.editor@example.org", "--site", "cn-vn", "--role", "editor",
        "--language", "en",
    )  # fmt: skip
    assert "plain.editor@example.org" in staff_addresses(site_vn, ["events.change_event"])["en"]
