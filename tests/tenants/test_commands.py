"""The operator commands, run as an official would run them."""

import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_context, schema_exists

from cooperation.models import Article
from events.models import Event
from tenants.models import Site

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
@pytest.mark.slow
def test_invalid_input_exits_non_zero_with_one_readable_line(subprocess_env):
    result = manage(
        "provision_site",
        "--code",
        "cn-kr",
        "--countries",
        "CN,KR",
        "--languages",
        "ko,xx",
        "--domain",
        "cn-kr.localhost",
        env=subprocess_env,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: unsupported language 'xx'; supported: "
        + ", ".join(__import__("languages.registry", fromlist=["SUPPORTED_CODES"]).SUPPORTED_CODES)
    ]
    assert not Site.objects.filter(code="cn-kr").exists()


@pytest.mark.django_db(transaction=False)
@pytest.mark.slow
def test_killed_provisioning_leaves_nothing_and_a_rerun_completes(subprocess_env):
    env = {**subprocess_env, "DJANGO_SETTINGS_MODULE": "tests.tenants.stalling_settings"}
    args = [
        "provision_site",
        "--code",
        "cn-th",
        "--countries",
        "CN,TH",
        "--languages",
        "th,zh-hans,en",
        "--domain",
        "cn-th.localhost",
        "--timezone",
        "Asia/Bangkok",
        "--currency",
        "THB",
        "--demo",
    ]
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    for line in process.stdout:
        if "STALLED" in line or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert not Site.objects.filter(code="cn-th").exists()
    assert not schema_exists("site_cn_th")

    out = StringIO()
    call_command(*args[:-1], stdout=out)
    assert "created site cn-th" in out.getvalue()
    assert schema_exists("site_cn_th")


@pytest.mark.django_db
def test_rerun_reports_up_to_date_and_exits_zero():
    out = StringIO()
    call_command("provision_site", from_file=ROOT / "deploy/sites/cn-vn.toml", stdout=out)

    assert out.getvalue().strip() == "site cn-vn is up to date: http://cn-vn.localhost/"


@pytest.mark.django_db
def test_dry_run_prints_plan_and_creates_nothing():
    out = StringIO()
    call_command(
        "provision_site",
        code="cn-jp",
        countries="CN,JP",
        languages="ja,zh-hans,en",
        domain=["cn-jp.localhost"],
        timezone="Asia/Tokyo",
        currency="JPY",
        dry_run=True,
        stdout=out,
    )

    assert "would create site cn-jp (China–Japan (CN–JP))" in out.getvalue()
    assert not Site.objects.filter(code="cn-jp").exists()


@pytest.mark.django_db
def test_list_sites_shows_domains_languages_status_and_counts(site_vn):
    with schema_context(site_vn.schema_name):
        articles, events = str(Article.objects.count()), str(Event.objects.count())
    out = StringIO()
    call_command("list_sites", stdout=out)
    lines = out.getvalue().splitlines()

    assert lines[0].split() == [
        "code", "domains", "languages", "status", "articles", "events", "rows", "size",
        "last_activity",
    ]  # fmt: skip
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["cn-vn"][:6] == [
        "cn-vn", "cn-vn.localhost", "zh-hans,vi,en", "active", articles, events,
    ]  # fmt: skip
    assert int(articles) >= 60 and int(events) >= 15  # the demo site's
    assert not any(line.startswith("template") for line in lines)


@pytest.mark.django_db
def test_list_sites_shows_each_sites_size_and_last_activity(site_vn, site_id, in_site):
    import datetime

    import time_machine
    from django.db import connection

    from tenants.services.inventory import last_activity, schema_sizes
    from tests.factories.articles import make_article

    sizes = schema_sizes([site_vn.schema_name, site_id.schema_name])
    for schema in (site_vn.schema_name, site_id.schema_name):
        rows, size = sizes[schema]
        # The demo content and the roles are there; dozens of tables, indexes included.
        assert rows > 20 and size > 1_000_000

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False), in_site(site_id):
        make_article(texts={"id": "Berita baru"})

    assert last_activity(site_id.schema_name) == later
    assert last_activity(site_vn.schema_name) < later
    out = StringIO()
    call_command("list_sites", stdout=out)
    row = next(line.split() for line in out.getvalue().splitlines() if line.startswith("cn-id"))
    assert row[-1] == later.strftime("%Y-%m-%dT%H:%MZ")
    assert row[-3].startswith("~") and row[-2].endswith("MB")
    assert connection.schema_name == "public"


@pytest.mark.django_db
def test_a_sites_rows_survive_statistics_that_start_again_at_zero(site_vn, in_site):
    """A database copied, restored or promoted from a replica starts its
    activity statistics empty: the rows the catalog counted at the last
    ANALYZE still show."""
    from django.db import connection

    from tenants.services.inventory import schema_sizes
    from tests.factories.articles import make_article

    with in_site(site_vn):
        for number in range(30):
            make_article(texts={"vi": f"Tin {number}"})
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cooperation_article")
            cursor.execute("SELECT count(*) FROM cooperation_article")
            (articles,) = cursor.fetchone()
            # This site's statistics only: other sites of this database keep theirs.
            cursor.execute(
                "SELECT count(pg_stat_reset_single_table_counters(c.oid))"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = %s AND c.relkind = 'r'",
                [site_vn.schema_name],
            )
            cursor.execute("SELECT pg_stat_clear_snapshot()")

    rows, _size = schema_sizes([site_vn.schema_name])[site_vn.schema_name]
    assert rows >= articles >= 30


@pytest.mark.django_db
def test_archive_and_restore(site_vn):
    out = StringIO()
    call_command("archive_site", "cn-vn", stdout=out)
    assert Site.objects.get(code="cn-vn").status == "archived"
    call_command("archive_site", "cn-vn", "--restore", stdout=out)
    assert Site.objects.get(code="cn-vn").status == "active"


@pytest.mark.django_db
def test_archive_unknown_site_is_a_command_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no site with code 'cn-zz'"):
        call_command("archive_site", "cn-zz")


@pytest.mark.django_db
def test_a_broken_demo_data_file_is_named_in_one_line_and_nothing_is_created(tmp_path, monkeypatch):
    import cooperation.demo

    broken = tmp_path / "demo_data" / "shared" / "articles.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text('[[article]]\nslug = "unfinished\n', encoding="utf-8")
    monkeypatch.setattr(cooperation.demo, "DATA", tmp_path)

    with pytest.raises(CommandError, match=r"demo_data/shared/articles\.toml: .*line 2"):
        call_command(
            "provision_site", code="cn-jp", countries="CN,JP", languages="ja,zh-hans,en",
            domain=["cn-jp.localhost"], timezone="Asia/Tokyo", currency="JPY", demo=True,
            stdout=StringIO(),
        )  # fmt: skip

    assert not Site.objects.filter(code="cn-jp").exists()
    assert not schema_exists("site_cn_jp")


JAPAN = dict(
    code="cn-jp", countries="CN,JP", languages="ja,zh-hans,en", domain=["cn-jp.localhost"],
    timezone="Asia/Tokyo", currency="JPY",
)  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["ja=" + "日中" * 200], "name in 'ja' has 400 characters; at most 200 are allowed"),
        (["x" * 201], "name in 'en' has 201 characters; at most 200 are allowed"),
        (["ja=日中\x00協力"], "name in 'ja' holds a control character (U+0000)"),
        (["ja=日中\n協力"], "name in 'ja' holds a control character (U+000A)"),
    ],
)
def test_a_name_too_long_or_with_control_characters_is_refused_in_one_line(names, message):
    for dry_run in (True, False):
        with pytest.raises(CommandError) as refused:
            call_command("provision_site", name=names, dry_run=dry_run, stdout=StringIO(), **JAPAN)
        assert str(refused.value) == message
    assert not Site.objects.filter(code="cn-jp").exists()


@pytest.mark.django_db
def test_the_dry_run_shows_each_name_the_site_will_have():
    out = StringIO()
    call_command(
        "provision_site", name=["ja=日中経済貿易協力ポータル"], dry_run=True, stdout=out, **JAPAN
    )

    plan = out.getvalue()
    assert "would name it in Japanese: 日中経済貿易協力ポータル\n" in plan
    assert (
        "would name it in English: China–Japan Economic and Trade Cooperation "
        "(made from the two countries' names)\n" in plan
    )


@pytest.mark.django_db
def test_add_hub_official_makes_someone_who_may_launch_sites_and_nothing_more(client):
    out = StringIO()
    call_command("add_hub_official", " Official@Hub.Example ", stdout=out)

    line = out.getvalue().strip()
    assert line.startswith("hub official official@hub.example created, password ")
    password = line.split("password ")[1].split(" ")[0]
    user = get_user_model().objects.get(username="official@hub.example")
    assert user.check_password(password)
    client.force_login(user)
    page = client.get("/en/sites/launch/", HTTP_HOST="localhost")
    assert page.status_code == 200 and "Launch a site" in page.content.decode()
    assert user.is_staff and not user.is_superuser
    assert set(user.get_all_permissions()) == {"tenants.add_site"}
    assert client.get("/en/coordination/", HTTP_HOST="localhost").status_code == 403

    again = StringIO()
    call_command("add_hub_official", "official@hub.example", stdout=again)
    assert again.getvalue().strip() == (
        "official@hub.example may now launch sites at /<lang>/sites/launch/ on the hub"
    )
    user.refresh_from_db()
    assert user.check_password(password)  # unchanged


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody", "'nobody' is not a valid e-mail address"),
        ("a\x00b@hub.example", "is not a valid e-mail address"),
        ("x" * 200 + "@hub.example", "an e-mail address of at most 150 characters, please"),
    ],
)
def test_add_hub_official_refuses_a_bad_address_in_one_line(email, message):
    before = get_user_model().objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("add_hub_official", email, stdout=StringIO())
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_add_hub_official_does_not_reopen_a_deactivated_account():
    get_user_model().objects.create_user("gone@hub.example", "gone@hub.example", is_active=False)

    with pytest.raises(CommandError, match=r"gone@hub\.example's account is deactivated"):
        call_command("add_hub_official", "gone@hub.example", stdout=StringIO())
    assert not get_user_model().objects.get(username="gone@hub.example").is_staff
