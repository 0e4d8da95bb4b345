"""The admin reads in the editor's language, Django's own words included.

Every changelist, add page and first change page an editor (and a site
administrator) can open, in Vietnamese and Korean, is compared with the
catalogs: the portal's, and Django's own English catalogs of the admin,
auth and core, whose strings must translate in that language (Django's
Vietnamese admin catalog lacks some, which the portal's supplement fills).
App and model names in the admin's index differ from their English names,
roles are named as the portal names them, the user page labels its
sign-in name as the e-mail it is, and no alert's secret is ever shown.
"""

import html
import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import translation
from django_tenants.utils import schema_context

from cooperation.roles import ROLES
from tests.factories.accounts import make_staff
from tests.translations.test_catalogs import SAME_AS_ENGLISH
from tests.translations.test_ui_language import pattern_for, visible_texts

OURS = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
DJANGO = Path(django.__file__).parent
DJANGO_CATALOGS = [
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
]


# Words the language writes as English does (Vietnamese writes "Email":
# tests/translations/test_terms.py).
SAME_IN_ADMIN = {"vi": {"Email"}}


def english_messages() -> set[tuple[str | None, str, tuple[str, str] | None]]:
    """(context, text, its plural pair when it has one) of each English message."""
    messages = set()
    for path in [OURS, *DJANGO_CATALOGS]:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    if message.pluralizable:
                        pair = tuple(message.id)
                        messages |= {(message.context, text, pair) for text in pair}
                    else:
                        messages.add((message.context, message.id, None))
    return messages


def untranslated_patterns(language: str) -> list[tuple[str, re.Pattern]]:
    """English UI strings that the active catalogs leave English in ``language``."""
    allowed = SAME_AS_ENGLISH.get(language, set()) | SAME_IN_ADMIN.get(language, set())
    patterns = []
    with translation.override(language):
        for context, text, pair in english_messages():
            if pair:  # a plural's forms are looked up by its singular
                count = 1 if text == pair[0] else 2
                shown = (
                    translation.npgettext(context, *pair, count)
                    if context
                    else translation.ngettext(*pair, count)
                )
            else:
                shown = (
                    translation.pgettext(context, text) if context else translation.gettext(text)
                )
            words = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", "", text).strip(" ,.:;·/–-…?!")
            if (
                shown == text
                and len(words) > 2
                and re.search(r"[a-z]{2}", words)
                and text not in allowed
            ):
                patterns.append((text, pattern_for(text)))
    return patterns


def admin_pages(client, host: str, language: str) -> dict[str, str]:
    """The admin's index, every changelist and add page it links to, and the
    first change page of each list."""
    headers = {"HTTP_HOST": host, "HTTP_ACCEPT_LANGUAGE": language}
    pages = {}
    index = client.get("/admin/", **headers)
    assert index.status_code == 200
    pages["/admin/"] = index.content.decode()
    lists = sorted(set(re.findall(r'href="(/admin/\w+/\w+/(?:add/)?)"', pages["/admin/"])))
    for path in lists:
        response = client.get(path, follow=True, **headers)
        assert response.status_code == 200, path
        if response.redirect_chain and not response.redirect_chain[-1][0].startswith("/admin/"):
            continue  # the user admin's "add" leads to the workspace's people page
        pages[path] = response.content.decode()
        if not path.endswith("/add/"):
            first = re.search(
                rf'<th class="field-\w+"><a href="({re.escape(path)}\d+/change/[^"]*)"', pages[path]
            )
            if first:
                url = html.unescape(first.group(1))
                change = client.get(url, **headers)
                assert change.status_code == 200, url
                pages[url] = change.content.decode()
    return pages


def leaks(pages: dict[str, str], patterns) -> list[tuple[str, str]]:
    return sorted(
        {
            (path, text)
            for path, page in pages.items()
            for text in visible_texts(page)
            for english, pattern in patterns
            if pattern.fullmatch(text)
        }
    )


@pytest.fixture
def korean_site(db):
    from tenants.services.provisioning import provision
    from tenants.services.site_spec import build_spec

    return provision(
        build_spec(
            code="cn-kr",
            countries="CN,KR",
            languages="ko,zh-hans,en",
            domains=["cn-kr.localhost"],
            time_zone="Asia/Seoul",
            currency="KRW",
            launched_on="2024-03-01",
        )
    ).site


def with_an_alert(site) -> str:
    from alerts.models import Subscription

    with schema_context(site.schema_name):
        subscription = Subscription.objects.create(email="reader@example.org", language="en")
        return subscription.secret


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "admin"])
@pytest.mark.parametrize(("language", "code"), [("vi", "cn-vn"), ("ko", "cn-kr")])
def test_every_admin_page_reads_in_the_editors_language(
    client, request, site_vn, language, code, role
):
    site = site_vn if code == "cn-vn" else request.getfixturevalue("korean_site")
    secret = with_an_alert(site)
    with schema_context(site.schema_name):
        user = make_staff(None if role == "admin" else role)
        if role == "admin":
            user.is_superuser = True
            user.save()
        client.force_login(user)

    pages = admin_pages(client, f"{code}.localhost", language)

    assert len(pages) > 10
    assert leaks(pages, untranslated_patterns(language)) == []
    # A credential: on no page, for nobody.
    assert not [path for path, page in pages.items() if secret in page]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "code"), [("vi", "cn-vn"), ("ko", "cn-kr")])
def test_app_and_model_names_of_the_admin_index_are_translated(
    client, request, site_vn, language, code
):
    site = site_vn if code == "cn-vn" else request.getfixturevalue("korean_site")
    with schema_context(site.schema_name):
        user = make_staff()
        user.is_superuser = True
        user.save()
        client.force_login(user)

    def index(accept: str) -> dict[str, tuple[str, dict[str, str]]]:
        """app label → (its name, {model: its name}), as the index shows them."""
        response = client.get("/admin/", HTTP_HOST=f"{code}.localhost", HTTP_ACCEPT_LANGUAGE=accept)
        return {
            app["app_label"]: (
                str(app["name"]),
                {model["object_name"]: str(model["name"]) for model in app["models"]},
            )
            for app in response.context["app_list"]
        }

    shown, english = index(language), index("en")
    assert shown.keys() == english.keys() and len(shown) >= 6
    # The site admin's apps: no job queue (it holds every site's jobs).
    assert "django_tasks_database" not in shown
    allowed = SAME_AS_ENGLISH.get(language, set())
    for label, (name, models) in shown.items():
        english_name, english_models = english[label]
        assert name != english_name or name in allowed, (label, name)
        for model, model_name in models.items():
            assert model_name != english_models[model] or model_name in allowed, (label, model_name)


@pytest.mark.django_db
def test_the_user_page_names_roles_and_the_sign_in_address_in_the_language(client, site_vn):
    with schema_context(site_vn.schema_name):
        admin_user = make_staff()
        admin_user.is_superuser = True
        admin_user.save()
        editor = make_staff("editor")
        client.force_login(admin_user)
        groups = {group.pk: group.name for group in Group.objects.all()}

    page = client.get(
        f"/admin/auth/user/{editor.pk}/change/",
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()

    with translation.override("vi"):
        labels = {role.group: str(role.label) for role in ROLES.values()}
        email = translation.gettext("E-mail")
        username = translation.gettext("Username")
    for pk, name in groups.items():
        if name in labels:
            assert re.search(
                rf'<option value="{pk}"[^>]*>{re.escape(labels[name])}</option>', page
            ), name
    label = re.search(r'<label[^>]*for="id_username"[^>]*>([^<]*)</label>', page).group(1)
    assert email in label and username not in label
    # The groups' list names them the same way.
    groups_page = client.get(
        "/admin/auth/group/", HTTP_HOST="cn-vn.localhost", HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert labels["Editors"] in groups_page and ">Editors<" not in groups_page
    # A role's permissions: the site's only (no hub app), each in the language
    # (Django stores their names in English: "Can add article").
    editors = next(pk for pk, name in groups.items() if name == "Editors")
    role_page = client.get(
        f"/admin/auth/group/{editors}/change/",
        HTTP_HOST="cn-vn.localhost",
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', role_page)
    with translation.override("vi"):
        article = translation.gettext("Add")
        hub_apps = [
            str(apps.get_app_config(label).verbose_name) for label in ("coordination", "tenants")
        ]
    assert len(options) > 20 and not [o for o in options if "Can " in o]
    assert f"Hợp tác | Bài viết | {article}" in options
    assert not [o for o in options if any(o.startswith(f"{name} |") for name in hub_apps)]
