import pytest
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_context, schema_exists

from cooperation.models import Article
from tenants.models import Domain, Site
from tenants.services.provisioning import plan, provision
from tenants.services.site_spec import SiteSpec, SpecError, build_spec, parse_localized
from tests import cldr


def korea_spec(**overrides) -> SiteSpec:
    values = dict(
        code="cn-kr",
        countries="CN,KR",
        languages="ko,zh-hans,en",
        domains=["cn-kr.localhost"],
        time_zone="Asia/Seoul",
        currency="KRW",
        names=parse_localized(["China–Korea Economic and Trade Cooperation"]),
    )
    values.update(overrides)
    return build_spec(**values)


def snapshot() -> tuple:
    """Everything provisioning could leave behind, as comparable values."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'site_%' ORDER BY 1")
        schemas = [row[0] for row in cursor.fetchall()]
    return (
        schemas,
        list(Site.objects.order_by("code").values_list("code", "status")),
        list(Domain.objects.order_by("domain").values_list("domain", flat=True)),
    )


@pytest.mark.django_db
def test_new_pair_gets_schema_domain_admin_and_home_page_in_its_language(client):
    # Launched already (its date has passed), so its pages are public.
    result = provision(korea_spec(launched_on="2024-03-01"))

    assert result.created
    assert schema_exists("site_cn_kr")
    assert result.site.primary_domain_name() == "cn-kr.localhost"
    with schema_context("site_cn_kr"):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.get()
        assert admin.is_superuser and admin.check_password(result.admin_password)

    response = client.get("/", HTTP_HOST="cn-kr.localhost")
    assert response.status_code == 302 and response["Location"] == "/ko/"
    page = client.get("/ko/", HTTP_HOST="cn-kr.localhost").content.decode()
    assert '<html lang="ko"' in page
    # Country names come from CLDR, in Korean.
    assert cldr.countries("CN", "KR", "ko") in page


@pytest.mark.django_db
def test_name_defaults_to_localized_pattern_for_languages_without_one():
    site = provision(korea_spec(names={})).site

    # Our catalogs' pattern around CLDR's country names.
    china, korea = cldr.country("CN", "ko"), cldr.country("KR", "ko")
    assert site.name_ko == f"{china}–{korea} 경제 무역 협력"
    china, korea = cldr.country("CN", "zh-hans"), cldr.country("KR", "zh-hans")
    assert site.name_zh_hans == f"{china}–{korea}经贸合作"


@pytest.mark.django_db
def test_running_the_same_spec_again_changes_nothing():
    provision(korea_spec())
    before = (snapshot(), Site.objects.get(code="cn-kr").updated_at)

    again = provision(korea_spec())

    assert not again.changed and again.admin_password is None
    assert (snapshot(), Site.objects.get(code="cn-kr").updated_at) == before


@pytest.mark.django_db
def test_changed_branding_languages_and_domains_update_in_place():
    provision(korea_spec())

    result = provision(
        korea_spec(
            languages="ko,en",
            primary_color="#003478",
            domains=["korea.localhost", "cn-kr.localhost"],
        )
    )

    site = Site.objects.get(code="cn-kr")
    assert not result.created
    assert {"languages", "primary_color"} <= set(result.changes)
    assert site.languages == ["ko", "en"] and site.primary_color == "#003478"
    assert site.primary_domain_name() == "korea.localhost"
    assert sorted(site.domains.values_list("domain", flat=True)) == [
        "cn-kr.localhost",
        "korea.localhost",
    ]


@pytest.mark.django_db
def test_demo_content_is_loaded_once():
    spec = korea_spec()
    spec.demo = True
    first = provision(spec)
    second = provision(spec)

    assert first.demo_loaded and not second.demo_loaded
    with schema_context("site_cn_kr"):
        assert Article.objects.filter(slug="matchmaking-fair-2006").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"languages": "ko,xx"}, "unsupported language 'xx'"),
        ({"countries": "CN,QQ"}, "unknown country code 'QQ'"),
        ({"countries": "CN"}, "exactly two"),
        ({"time_zone": "Asia/Nowhere"}, "unknown time zone"),
        ({"currency": "KRX"}, "not legal tender"),
        # What the hub's form offers, no more: aliases and non-places, test,
        # "no currency" and historic codes were accepted.
        ({"time_zone": "US/Pacific"}, "is an old alias: use America/Los_Angeles"),
        ({"time_zone": "Asia/Saigon"}, "is an old alias: use Asia/Ho_Chi_Minh"),
        ({"time_zone": "Etc/GMT+5"}, "unknown time zone 'Etc/GMT\\+5'"),
        ({"time_zone": "EST5EDT"}, "unknown time zone"),
        ({"time_zone": "Factory"}, "unknown time zone"),
        ({"currency": "XTS"}, "'XTS' is not legal tender"),
        ({"currency": "XXX"}, "not legal tender"),
        ({"currency": "DEM"}, "'DEM' is not legal tender"),
        ({"domains": ["cn-vn.localhost"]}, "already used by site cn-vn"),
        # Another site's name in any of its languages, as a reader would not
        # tell it apart (case, spaces, the kind of dash).
        (
            {"names": parse_localized(["china - VIETNAM economic  and trade cooperation"])},
            "The name china - VIETNAM economic  and trade cooperation is already used by site cn-vn",
        ),
        ({"names": parse_localized(["zh-hans=中国越南经贸合作网"])}, "already used by site cn-vn"),
        ({"domains": ["bad domain"]}, "not a valid host name"),
        ({"domains": ["cn-kr.example.com"]}, "outside ALLOWED_HOSTS"),
        ({"code": "cn-vn"}, "taken by the CN–VN site"),
        ({"code": "China Korea"}, "is invalid"),
        ({"primary_color": "red"}, "use #rrggbb"),
        ({"launched_on": "16/11/2006"}, "is not a date"),
        ({"admin_email": "nobody"}, "not a valid address"),
        # A valid address, longer than an account's name holds.
        ({"admin_email": "a" * 160 + "@example.org"}, "at most 150 characters"),
        (
            {"admin_email": "", "contact_email": "a" * 160 + "@example.org"},
            "at most 150 characters",
        ),
    ],
)
def test_invalid_input_is_refused_and_leaves_nothing(overrides, message):
    before = snapshot()

    with pytest.raises(SpecError, match=message):
        provision(korea_spec(**overrides))

    assert snapshot() == before


@pytest.mark.django_db
def test_failure_part_way_rolls_everything_back(settings):
    settings.TEST_DEMO_CONTENT_LOADERS = ["tests.tenants.loaders.failing_loader"]
    spec = korea_spec()
    spec.demo = True
    before = snapshot()

    with pytest.raises(RuntimeError, match="loader failed"):
        provision(spec)

    assert snapshot() == before
    assert not schema_exists("site_cn_kr")


@pytest.mark.django_db
def test_dry_run_plan_describes_without_writing():
    before = snapshot()

    with translation.override("en"):
        steps = plan(korea_spec())

    # Names beside the codes (an official checks names, an operator codes);
    # one domain is named once.
    assert steps == [
        "create site cn-kr (China–South Korea (CN–KR)) in schema site_cn_kr, "
        "a draft until it is launched",
        "add domain cn-kr.localhost",
        "offer Korean (ko), Chinese (zh-hans), English (en); "
        "time zone South Korea — Seoul (Asia/Seoul); currency South Korean Won (KRW)",
        # Each language's name, as given or as composed for it.
        "name it in Korean: 중국–대한민국 경제 무역 협력 (made from the two countries' names)",
        "name it in Chinese: 中国–韩国经贸合作 (made from the two countries' names)",
        "name it in English: China–Korea Economic and Trade Cooperation",
        # What the coordinators' calendar shows, made from the pair and the code.
        "short name where space is short, as in the coordinators' calendar: "
        "중국–대한민국 (ko), 中国–韩国 (zh-hans), China–South Korea (en)",
        "create the site administrator's account (admin@cn-kr.localhost), e-mailed in Korean",
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_logo_is_validated(tmp_path):
    fake = tmp_path / "logo.exe"
    fake.write_bytes(b"MZ")
    with pytest.raises(SpecError, match="logo must be one of"):
        provision(korea_spec(logo=fake))


@pytest.mark.django_db
def test_logo_file_is_installed_once_the_transaction_commits(
    tmp_path, settings, client, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    logo = tmp_path / "seoul.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')

    with django_capture_on_commit_callbacks(execute=True):
        result = provision(korea_spec(logo=logo))

    installed = settings.MEDIA_ROOT / "logos" / "cn-kr.svg"
    assert installed.read_bytes() == logo.read_bytes()
    assert result.site.logo.name == "logos/cn-kr.svg"
    response = client.get("/branding/logo.svg", HTTP_HOST="cn-kr.localhost")
    assert response.status_code == 302 and response["Location"] == "/media/logos/cn-kr.svg"
    with django_capture_on_commit_callbacks(execute=True):
        again = provision(korea_spec(logo=logo))
    assert not again.changed


@pytest.mark.django_db
def test_arabic_site_renders_right_to_left(client):
    provision(
        korea_spec(
            code="cn-ae",
            countries="CN,AE",
            languages="ar,zh-hans,en",
            domains=["cn-ae.localhost"],
            time_zone="Asia/Dubai",
            currency="AED",
            names={},
            launched_on="2024-03-01",
        )
    )

    arabic = client.get("/ar/", HTTP_HOST="cn-ae.localhost").content.decode()
    chinese = client.get("/zh-hans/", HTTP_HOST="cn-ae.localhost").content.decode()

    assert '<html lang="ar" dir="rtl">' in arabic
    assert "الصين · الإمارات العربية المتحدة" in arabic
    assert '<html lang="zh-hans" dir="ltr">' in chinese


def test_two_confirmations_of_one_launch_at_once_create_it_once_and_refuse_the_other(
    django_db_setup, django_db_blocker
):
    """The hub's form confirmed twice at the same moment (two tabs, a proxy's
    retry): both found no site of that code and created it, and the second
    ended in a 500 on the schema's unique name."""
    import threading

    from django.db import connections

    barrier, outcomes = threading.Barrier(2), []
    spec = korea_spec(code="cn-kr-twice", domains=["cn-kr-twice.localhost"], same_countries=True)

    def confirm() -> None:
        try:
            barrier.wait(10)
            provision(spec, create_only=True)
            outcomes.append("created")
        except SpecError as error:
            outcomes.append(str(error))
        except Exception as error:  # reported by the assertion below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        try:
            threads = [threading.Thread(target=confirm) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
            sites = Site.objects.filter(code="cn-kr-twice").count()
        finally:
            for site in Site.objects.filter(code="cn-kr-twice"):
                site.delete(force_drop=True)
            connections.close_all()

    assert sorted(outcomes) == ["A site with the code cn-kr-twice exists already.", "created"]
    assert sites == 1
