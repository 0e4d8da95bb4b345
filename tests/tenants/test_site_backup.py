"""Backing up one site and restoring it: in place, or beside the original as a copy."""

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tenants.utils import schema_context, schema_exists

from tenants.models import Site
from tenants.services import site_backup, site_parts
from tenants.services.site_archive import ArchiveError, open_archive
from tenants.services.site_spec import spec_from_toml
from tests.conftest import SITES_DIR, environment_for
from tests.factories.files import png
from tests.tenants import site_data

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, media: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment_for(), "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def filled(django_db_setup, django_db_blocker, tmp_path_factory):
    """cn-kh, committed: demo content plus a row in every table and its files."""
    media = tmp_path_factory.mktemp("media")
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    logo.write_bytes(png().read())
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        spec = spec_from_toml(SITES_DIR / "cn-vn.toml")
        spec.code, spec.countries, spec.domains = "cn-kh", ("CN", "KH"), ["cn-kh.localhost"]
        # Its own names: China–Vietnam's would name another pair's site.
        spec.names = {"zh-hans": "中国柬埔寨经贸合作网", "en": "China–Cambodia Trade Cooperation"}
        spec.demo, spec.logo = True, logo
        from tenants.services.provisioning import provision

        try:
            provision(spec)
            site_data.fill(Site.objects.get(code="cn-kh"))
            # Read here, outside any test transaction: a test's reads would hold
            # locks that dropping the schema in another process waits for.
            yield media, site_data.picture("cn-kh")
        finally:
            for code in ("cn-kh", "cn-kx"):
                if Site.objects.filter(code=code).exists():
                    site_data.drop(code)


def drop_in_another_process(code: str, media: Path) -> None:
    """Lose the site for good (committed), as the commands will see it."""
    script = (
        f"import django; django.setup(); from tests.tenants.site_data import drop; drop({code!r})"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **environment_for(),
            "MEDIA_ROOT": str(media),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# The test's own transaction sees what the commands commit in their processes.
@pytest.mark.slow
@pytest.mark.django_db
def test_round_trip_backup_drop_restore_finds_every_row_and_file(filled, tmp_path, settings):
    filled, before = filled
    settings.MEDIA_ROOT = str(filled)
    empty = [table for table, found in before["rows"].items() if not found]
    assert empty == []  # a row in every table: nothing escapes the comparison
    assert any(name.startswith("logos/") for name in before["files"])
    assert sum(name.startswith("site_cn_kh/") for name in before["files"]) >= 3

    backed_up = manage("backup_site", "cn-kh", "-o", str(tmp_path), media=filled)
    assert backed_up.returncode == 0, backed_up.stderr
    assert "dumping schema site_cn_kh" in backed_up.stdout
    archive = next(tmp_path.glob("cn-kh-*.site-backup.tar"))

    drop_in_another_process("cn-kh", filled)
    assert not schema_exists("site_cn_kh")
    assert not (filled / "site_cn_kh").exists() or not any((filled / "site_cn_kh").rglob("*.*"))

    restored = manage("restore_site", str(archive), media=filled)
    assert restored.returncode == 0, restored.stderr
    assert "restored cn-kh: http://cn-kh.localhost/" in restored.stdout
    after = site_data.picture("cn-kh")
    assert after["public"] == before["public"]
    assert after == before

    # Again, as a new site beside the original: the original does not move.
    copy = manage(
        "restore_site", str(archive), "--as", "cn-kx", "--domain", "cn-kx.localhost", media=filled
    )
    assert copy.returncode == 0, copy.stderr
    assert site_data.picture("cn-kh") == before
    # Short names of its own: the original's would name both alike in the
    # coordinators' calendar.
    short = dict(
        Site.objects.filter(code__in=["cn-kh", "cn-kx"]).values_list("code", "short_name_en")
    )
    assert short == {"cn-kh": "China–Cambodia", "cn-kx": "China–Cambodia cn-kx"}
    copied = site_data.picture("cn-kx")
    assert {t: len(r) for t, r in copied["rows"].items()} == {
        t: len(r) for t, r in before["rows"].items()
    }
    assert sorted(copied["files"].values()) == sorted(before["files"].values())
    assert all(n.startswith(("site_cn_kx/", "logos/cn-kx")) for n in copied["files"])


@pytest.mark.slow
@pytest.mark.django_db
def test_the_copy_answers_on_its_own_domain_with_its_own_files(filled, client, settings):
    settings.MEDIA_ROOT = str(filled[0])
    if not Site.objects.filter(code="cn-kx").exists():
        pytest.skip("needs the copy made by the round-trip test")  # same module, runs after it
    from cooperation.models import Article

    with schema_context("site_cn_kx"):
        article = Article.objects.exclude(image="").get()
    # A copy is a draft: closed to visitors until an operator launches it.
    assert Site.objects.get(code="cn-kx").is_draft
    assert client.get("/en/", HTTP_HOST="cn-kx.localhost").status_code == 403
    call_command("launch_site", "cn-kx", "--force", stdout=io.StringIO())
    page = client.get(f"/en/news/{article.slug}/", HTTP_HOST="cn-kx.localhost")
    assert page.status_code == 200
    assert article.image.url.startswith("/media/site_cn_kx/")
    image = client.get(article.image.url, HTTP_HOST="cn-kx.localhost")
    assert image.status_code == 200
    # The original's folder is not the copy's to serve.
    other = article.image.url.replace("site_cn_kx", "site_cn_kh")
    assert client.get(other, HTTP_HOST="cn-kx.localhost").status_code == 404


# --- In one process, inside the test's transaction ------------------------------


@pytest.fixture(scope="module")
def vn_archive(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A backup of the demo site cn-vn (committed at the start of the run)."""
    path = tmp_path_factory.mktemp("archives") / "cn-vn.site-backup.tar"
    with django_db_blocker.unblock():
        site_backup.backup(Site.objects.get(code="cn-vn"), path)
    return path


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy the archive member by member, letting ``change(name, data)`` alter
    or drop (None) a member, or add members (returns a list of pairs)."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for info in old.getmembers():
            data = old.extractfile(info).read()
            for name, content in change(info.name, data) or []:
                member = tarfile.TarInfo(name)
                member.size = len(content)
                new.addfile(member, io.BytesIO(content))
    return target


def test_manifest_names_the_site_its_migrations_and_every_members_checksum(vn_archive):
    archive = open_archive(vn_archive)
    manifest = archive.manifest
    archive.close()
    assert manifest["site"]["code"] == "cn-vn"
    assert manifest["site"]["schema_name"] == "site_cn_vn"
    assert manifest["site"]["languages"] == ["zh-hans", "vi", "en"]
    assert manifest["site"]["domains"] == ["cn-vn.localhost"]
    assert "0001_initial" in manifest["migrations"]["cooperation"]
    assert manifest["portal_version"].startswith("0.1.0")
    assert set(manifest["members"]) >= {"schema.pgdump", "public.json"}
    assert all(len(member["sha256"]) == 64 for member in manifest["members"].values())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda name, data: [(name, data + b"x" if name == "schema.pgdump" else data)],
            "checksum mismatch for 'schema.pgdump'",
        ),
        (
            lambda name, data: [] if name == "public.json" else [(name, data)],
            "incomplete: 'public.json' is missing",
        ),
        (
            lambda name, data: (
                [(name, data)] + ([("../evil", b"x")] if name == "public.json" else [])
            ),
            "unsafe name: '../evil'",
        ),
        (
            lambda name, data: (
                [(name, data)] + ([("media/x", b"x")] if name == "public.json" else [])
            ),
            "holds 'media/x', which its manifest does not list",
        ),
        (
            lambda name, data: [(name, b"\x00\xff" if name == "manifest.json" else data)],
            "manifest.json is not valid JSON",
        ),
    ],
    ids=["altered", "missing", "escaping", "unlisted", "garbled-manifest"],
)
def test_a_damaged_or_crafted_archive_is_refused_before_anything_is_written(
    vn_archive, tmp_path, change, message
):
    broken = rewrite(vn_archive, tmp_path / "broken.tar", change)
    with pytest.raises(ArchiveError, match=message.replace("(", r"\(").replace(".", r"\.")):
        open_archive(broken)


def test_not_an_archive_is_one_readable_line(tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"\x00" * 10 + "中文".encode())
    with pytest.raises(CommandError, match=r"junk\.tar is not a site backup"):
        call_command("restore_site", str(junk))
    with pytest.raises(CommandError, match="archive not found"):
        call_command("restore_site", str(tmp_path / "missing.tar"))


def with_manifest(source: Path, target: Path, edit) -> Path:
    def change(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            edit(manifest)
            data = json.dumps(manifest).encode()
        return [(name, data)]

    return rewrite(source, target, change)


@pytest.mark.django_db
def test_a_backup_from_a_newer_portal_is_refused(vn_archive, tmp_path):
    newer = with_manifest(
        vn_archive,
        tmp_path / "newer.tar",
        lambda m: m["migrations"]["cooperation"].append("0099_from_the_future"),
    )
    with pytest.raises(
        CommandError, match=r"newer portal: migration cooperation\.0099_from_the_future"
    ):
        call_command("restore_site", str(newer), "--as", "cn-zz", "--domain", "cn-zz.localhost")
    assert not Site.objects.filter(code="cn-zz").exists()


@pytest.mark.django_db
def test_restoring_over_a_live_site_needs_confirmation(vn_archive):
    with pytest.raises(CommandError, match="site cn-vn exists: add --yes"):
        call_command("restore_site", str(vn_archive))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--as", "cn-zz"], "give --domain for the copy"),
        (["--as", "cn-id", "--domain", "x.localhost"], "is taken by the CN–ID site"),
        (["--as", "cn-zz", "--domain", "cn-id.localhost"], "already used by site cn-id"),
        (["--as", "CN ZZ\x00", "--domain", "z.localhost"], "is invalid"),
        (["--as", "cn-zz", "--domain", "a" * 300], "is not a valid host name"),
    ],
)
def test_a_restore_as_a_new_site_checks_code_and_domains_first(vn_archive, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("restore_site", str(vn_archive), *arguments)
    assert not schema_exists("site_cn_zz")


@pytest.mark.django_db
def test_restore_as_a_copy_in_one_process_leaves_the_original_alone(vn_archive, settings, tmp_path):
    from cooperation.models import Article

    original = site_data.rows("site_cn_vn")
    plan = site_backup.plan_restore(
        open_archive(vn_archive), as_code="cn-zz", domains=["cn-zz.localhost"]
    )
    site = site_backup.restore(plan)

    assert site.code == "cn-zz" and site.schema_name == "site_cn_zz"
    assert site.name == Site.objects.get(code="cn-vn").name
    assert list(site.domains.values_list("domain", flat=True)) == ["cn-zz.localhost"]
    with schema_context("site_cn_zz"):
        copied = set(Article.objects.values_list("slug", flat=True))
    with schema_context("site_cn_vn"):
        assert copied == set(Article.objects.values_list("slug", flat=True))
    assert site_data.rows("site_cn_vn") == original


@pytest.mark.django_db
def test_a_failing_restore_leaves_no_schema_no_site_and_no_files(vn_archive, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A backup with a file: the staged copy must go too.
    archive = rewrite(vn_archive, tmp_path / "with-file.tar", lambda name, data: [(name, data)])
    plan = site_backup.plan_restore(
        open_archive(archive), as_code="cn-zz", domains=["cn-zz.localhost"]
    )

    def breaks(site, *, as_new):
        assert schema_exists("site_cn_zz")  # half-way: the schema is there
        raise RuntimeError("disk full")

    site_parts.register_after_restore(breaks)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            site_backup.restore(plan)
    finally:
        site_parts._AFTER_RESTORE.remove(breaks)
    assert not schema_exists("site_cn_zz")
    assert schema_exists("site_cn_vn")
    assert not Site.objects.filter(code="cn-zz").exists()
    media = tmp_path / "media"
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_dump_of_another_schema_than_its_manifest_says_is_refused(vn_archive, tmp_path):
    # The manifest claims cn-zz's schema; the dump would write cn-vn's.
    doctored = with_manifest(
        vn_archive, tmp_path / "doctored.tar", lambda m: m["site"].update(schema_name="site_cn_zz")
    )
    with pytest.raises(CommandError, match="objects outside site_cn_zz"):
        call_command("restore_site", str(doctored), "--dry-run")


@pytest.mark.django_db
def test_odd_file_names_are_one_readable_line(site_vn):
    with pytest.raises(CommandError, match="not a usable file name"):
        call_command("restore_site", "backup\x00.tar")
    with pytest.raises(CommandError, match="not a usable file name"):
        call_command("backup_site", "cn-vn", "-o", "out\x00.tar")
    with pytest.raises(CommandError, match="no site with code"):
        call_command("backup_site", "cn-vn\x00")
