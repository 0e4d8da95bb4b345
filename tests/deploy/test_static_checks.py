"""What CI cannot run here, checked by reading it: the compose file, the
Dockerfile, the systemd units, and DEPLOY.md's table of settings against
what the code reads. (No container engine runs on these machines; the
nginx file is run for real by test_nginx.py.)"""

import configparser
import re
from pathlib import Path

import pytest
import yaml

from portal import env
from tests.deploy.envfile import read_env_file

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
# Documented variables the settings do not read yet (none at the moment).
AWAITING: set[str] = set()


def settings_table() -> dict[str, dict[str, str]]:
    """DEPLOY.md's table: variable → its columns."""
    text = (ROOT / "DEPLOY.md").read_text()
    section = text[text.index("## Settings") :]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([A-Z][A-Z0-9_]*)` \|(.*)\|$", line)
        if match:
            default, production, read_by, what = (c.strip() for c in match.group(2).split("|"))
            rows[match.group(1)] = {
                "default": default, "production": production, "read_by": read_by, "what": what,
            }  # fmt: skip
    return rows


def gunicorn_variables() -> set[str]:
    return set(
        re.findall(r'os\.environ\.get\("([A-Z_]+)"', (DEPLOY / "gunicorn.conf.py").read_text())
    )


def plain_name(variable: str) -> str:
    """``SECRET_KEY_FILE`` → ``SECRET_KEY`` for a secret; others unchanged."""
    base = variable.removesuffix("_FILE")
    return base if variable.endswith("_FILE") and base in env.SECRETS else variable


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_the_table_names_every_variable_the_code_reads_and_nothing_else():
    table = settings_table()
    by_settings = {name for name, row in table.items() if row["read_by"] == "settings"}
    by_gunicorn = {name for name, row in table.items() if row["read_by"] == "gunicorn"}

    assert env.READ - by_settings == set(), "read by settings but not in DEPLOY.md"
    assert by_settings - env.READ - AWAITING == set(), "in DEPLOY.md but never read"
    # gunicorn's configuration also looks at the database settings (to own
    # the embedded server); those rows say "settings".
    assert {plain_name(name) for name in gunicorn_variables()} - by_settings == by_gunicorn
    for name, row in table.items():
        assert row["what"], f"{name}: say what it does"
        assert (name in env.SECRETS) == ("secret" in row["production"]), name


def test_the_env_example_and_the_dockerfile_set_only_documented_variables():
    table = settings_table()
    example = read_env_file()
    final_stage = re.split(r"^FROM ", dockerfile(), flags=re.M)[-1]
    dockerfile_env = re.findall(r"(?:ENV |\\\n\s+)([A-Z][A-Z0-9_]+)=", final_stage)

    assert {plain_name(name) for name in example} - table.keys() == set()
    assert {name for name, row in table.items() if "required" in row["production"]} <= {
        plain_name(name) for name in example
    }
    assert {
        plain_name(name) for name in dockerfile_env if name not in {"PATH", "PYTHONUNBUFFERED",
                                                                  "PYTHONDONTWRITEBYTECODE"}
    } - table.keys() == set()  # fmt: skip


def test_compose_is_valid_and_consistent_with_the_table():
    spec = compose()
    services = spec["services"]
    table = settings_table()
    required = {name for name, row in table.items() if "required" in row["production"]}

    assert {"db", "redis", "app", "nginx"} <= services.keys()
    app_env = services["app"]["environment"]
    assert app_env == services["migrate"]["environment"]  # one anchor for both
    assert {plain_name(name) for name in app_env} - table.keys() == set()
    assert required - {plain_name(name) for name in app_env} == set()
    # Secrets come from files that compose mounts, never from the file itself.
    for name, value in app_env.items():
        if name in env.SECRETS:
            pytest.fail(f"{name} is a secret: use {name}_FILE in compose")
        if name.endswith("_FILE"):
            secret = Path(value).name
            assert secret in services["app"]["secrets"] and secret in spec["secrets"]
    assert app_env["DEBUG"] == "0" and app_env["USE_X_FORWARDED_PROTO"] == "1"
    assert services["app"]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_compose_mounts_files_that_exist_and_the_same_nginx_site_file():
    nginx = compose()["services"]["nginx"]
    db = compose()["services"]["db"]
    for mount in nginx["volumes"] + db["volumes"]:
        source = mount.split(":")[0]
        if source.startswith("./") and "certs" not in source:
            assert (DEPLOY / source).exists(), source
    assert "./nginx/portal.conf:/etc/nginx/conf.d/portal.conf:ro" in nginx["volumes"]
    # The paths nginx serves from are the image's (and a server's) paths.
    site = (DEPLOY / "nginx" / "portal.conf").read_text()
    for volume in ("media:/srv/portal/media:ro", "static:/srv/portal/var/static:ro"):
        assert volume in nginx["volumes"]
        assert volume.split(":")[1] + "/" in site


def dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text()


def test_the_dockerfile_builds_in_two_stages_and_runs_unprivileged():
    text = dockerfile()
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    build, final = stages[0], stages[-1]

    assert len(stages) >= 2
    assert all(stage.startswith("python:3.11-slim") for stage in stages)
    # Build stage: the hashed runtime lock, the catalogs and the static files.
    assert "--require-hashes" in build and "deploy/requirements-runtime.txt" in build
    assert "pybabel --quiet compile" in build and "manage.py collectstatic" in build
    # Final stage: copies the result, runs as a user that is not root.
    assert "COPY --from=build" in final
    (user,) = re.findall(r"^USER (\S+)", final, flags=re.M)
    assert user not in {"root", "0"} and "useradd --system --gid portal" in final
    assert "pip install" not in final and "collectstatic" not in final
    assert 'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"]' in final
    entrypoint = DEPLOY / "docker-entrypoint.sh"
    assert '["/srv/portal/deploy/docker-entrypoint.sh"]' in final
    assert entrypoint.stat().st_mode & 0o111
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var", "deploy/secrets"} <= set(ignored)


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / "systemd" / name)
    return parser


def test_the_systemd_units_run_the_tested_configuration_as_the_portal_user():
    service, socket, job = (
        unit("portal.service"),
        unit("portal.socket"),
        unit("portal-job@.service"),
    )

    assert service["Service"]["User"] == "portal" and job["Service"]["User"] == "portal"
    assert "deploy/gunicorn.conf.py portal.wsgi" in service["Service"]["ExecStart"]
    assert service["Service"]["Type"] == "notify"
    for parsed in (service, job):
        assert parsed["Service"]["EnvironmentFile"] == "/etc/portal/portal.env"
        assert parsed["Service"]["WorkingDirectory"] == "/srv/portal"
        assert parsed["Service"]["ProtectSystem"] == "strict"
    assert job["Service"]["ExecStart"].endswith("manage.py %i")
    assert unit("portal-job@.timer")["Timer"]["OnCalendar"]
    # nginx's upstream is the socket systemd holds for gunicorn.
    address = socket["Socket"]["ListenStream"]
    assert f"server {address} " in (DEPLOY / "nginx" / "upstream.conf").read_text()
    assert read_env_file()["GUNICORN_BIND"] == address
