import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(subprocess_env):
    env = {
        **subprocess_env,
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-of-sufficient-length-and-randomness-8c1f0e7d2b",
        "ALLOWED_HOSTS": ".example.org",
        "PUBLIC_DOMAIN": "trade.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(subprocess_env):
    env = {**subprocess_env, "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
