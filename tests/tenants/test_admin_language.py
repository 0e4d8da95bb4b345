"""The new site's administrator is written to in a language chosen at launch
(as the site's People page and ``add_site_user --language`` choose one):
the invitation, and their work e-mails after it until they sign in with
another. The hub's form and ``provision_site`` take it the same way; by
default it is the site's first language."""

import tomllib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tenants.models import Site
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SpecError, spec_from_toml
from tests.tenants.test_provisioning import korea_spec, snapshot
from tests.web.test_hub_launch import HUB, form, official  # noqa: F401 (a fixture)
from translations.models import StaffLanguage
from translations.services.staff import staff_addresses


def admin_language(site: Site, in_site) -> str | None:
    with in_site(site):
        admin = get_user_model().objects.get(is_superuser=True)
        found = StaffLanguage.objects.filter(user=admin).first()
        return found.language if found else None


@pytest.mark.django_db
@pytest.mark.usefixtures("official")
def test_the_form_offers_the_language_and_the_invitation_is_written_in_it(
    client, mailoutbox, in_site, django_capture_on_commit_callbacks
):
    page = client.get("/pt/sites/launch/", **HUB).content.decode()
    assert "Idioma dos e-mails do administrador do site" in page
    # Unchosen, it is the default language chosen above it.
    assert '<option value="" selected>O idioma padrão do site</option>' in page

    chosen = {**form(admin_language="zh-hans"), "preview": "1"}
    preview = client.post("/pt/sites/launch/", chosen, **HUB).content.decode()
    assert (
        "Criar a conta do administrador do site (admin@cn-kr2.example.org), com e-mails em chinês"
        in preview
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/pt/sites/launch/", {**chosen, "confirm": "1"}, **HUB)

    assert done.status_code == 302
    site = Site.objects.get(code="cn-kr2")
    (invitation,) = mailoutbox
    assert "/zh-hans/account/password/" in invitation.body
    assert "/zh-hans/editor/launch/" in invitation.body
    # The work e-mails after it: a clash, a listing to moderate.
    assert admin_language(site, in_site) == "zh-hans"
    assert staff_addresses(site, []) == {"zh-hans": ["admin@cn-kr2.example.org"]}


@pytest.mark.django_db
@pytest.mark.usefixtures("official")
def test_unchosen_it_is_the_sites_first_language(
    client, mailoutbox, in_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pt/sites/launch/", {**form(), "confirm": "1"}, **HUB)

    site = Site.objects.get(code="cn-kr2")
    assert "/ko/account/password/" in mailoutbox[0].body
    assert admin_language(site, in_site) == "ko"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "xx", "zh-hans\x00"])
@pytest.mark.usefixtures("official")
def test_a_language_the_site_does_not_offer_is_refused_beside_the_field(client, language):
    before = snapshot()

    response = client.post(
        "/pt/sites/launch/", {**form(admin_language=language), "confirm": "1"}, **HUB
    )

    page = response.content.decode()
    assert response.status_code == 400
    if language == "ja":
        assert "Escolha um dos idiomas do site: coreano, chinês e inglês." in page
    else:
        assert "Selecione uma opção válida." in page
    assert snapshot() == before


@pytest.mark.django_db
def test_provision_site_takes_it(in_site):
    out = StringIO()
    call_command(
        "provision_site", "--code", "cn-kr", "--countries", "CN,KR", "--languages", "ko,zh-hans,en",
        "--domain", "cn-kr.localhost", "--admin-email", "admin@cn-kr.example.org",
        "--admin-language", "en", stdout=out,
    )  # fmt: skip

    assert admin_language(Site.objects.get(code="cn-kr"), in_site) == "en"


@pytest.mark.django_db
def test_provision_site_refuses_a_language_the_site_does_not_offer_in_one_line():
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command(
            "provision_site", "--code", "cn-kr", "--countries", "CN,KR", "--languages", "ko,en",
            "--domain", "cn-kr.localhost", "--admin-language", "ja", stdout=StringIO(),
        )  # fmt: skip

    assert str(refused.value) == ("admin language 'ja' is not one of the site's languages (ko, en)")
    assert snapshot() == before


@pytest.mark.django_db
def test_a_site_file_takes_it(tmp_path):
    path = tmp_path / "cn-kr.toml"
    path.write_text(
        'code = "cn-kr"\ncountries = ["CN", "KR"]\nlanguages = ["ko", "en"]\n'
        'domains = ["cn-kr.localhost"]\nadmin_language = "en"\n',
        encoding="utf-8",
    )
    assert tomllib.loads(path.read_text())["admin_language"] == "en"

    spec = spec_from_toml(path)

    assert spec.admin_language == "en"
    with translation.override("en"):
        assert plan(spec)[-1] == (
            "create the site administrator's account (admin@cn-kr.localhost), e-mailed in English"
        )


@pytest.mark.django_db
def test_the_plan_names_the_default_language_when_none_is_chosen():
    with translation.override("en"):
        steps = plan(korea_spec())
    assert steps[-1] == (
        "create the site administrator's account (admin@cn-kr.localhost), e-mailed in Korean"
    )


@pytest.mark.django_db
def test_the_service_checks_it_whoever_calls_it():
    with pytest.raises(SpecError, match="not one of the site's languages"):
        provision(korea_spec(admin_language="th"))
