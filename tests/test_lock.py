"""Installs are reproducible: the virtualenv holds exactly what requirements.txt
locks (versions and hashes, written by ``make lock`` from pyproject.toml's
ranges), and the lock still satisfies every range pyproject.toml asks for."""

import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"


RUNTIME_LOCK = ROOT / "deploy" / "requirements-runtime.txt"


def pins(lock: Path = LOCK) -> list[tuple[str, Requirement, list[str]]]:
    """Each locked pin: its name, its requirement line (with any marker) and its
    hashes. A universal lock may pin one package twice, for different Pythons
    (``deprecated==1.3.1 ; python_full_version < '3.12'`` and another for 3.12+)."""
    found: list[tuple[str, Requirement, list[str]]] = []
    for line in lock.read_text().splitlines():
        text = line.strip().rstrip("\\").strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("--hash="):
            found[-1][2].append(text.removeprefix("--hash="))
        else:
            requirement = Requirement(text)
            found.append((canonicalize_name(requirement.name), requirement, []))
    return found


def locked_here() -> dict[str, str]:
    """name → version of the pins that apply to this interpreter and platform."""
    versions = {}
    for name, requirement, _hashes in pins():
        if requirement.marker is None or requirement.marker.evaluate():
            (specifier,) = requirement.specifier
            assert name not in versions, f"{name} is pinned twice for this Python"
            versions[name] = specifier.version
    return versions


def test_every_lock_entry_is_one_exact_version_with_hashes():
    for name, requirement, hashes in pins():
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", name
        assert hashes and all(h.startswith("sha256:") for h in hashes), name


def test_the_lock_satisfies_every_range_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"].values()
    wanted = [*project["dependencies"], *(line for extra in extras for line in extra)]
    locked = locked_here()

    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is in pyproject.toml but not locked: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} is outside pyproject.toml's {requirement.specifier}: "
            "run make lock"
        )


def test_pip_freeze_equals_the_lock():
    # The project itself is not installed (it runs from the checkout): every
    # line is a locked pin. pip freeze leaves out pip itself, as the lock does.
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    installed = {}
    for line in freeze.splitlines():
        name, equals, version = line.partition("==")
        assert equals, f"not a locked install: {line}"
        installed[canonicalize_name(name)] = version

    assert installed == locked_here()


def test_the_images_runtime_lock_is_the_full_lock_without_test_and_dev_tools():
    def entries(lock: Path) -> set[tuple[str, str, tuple[str, ...]]]:
        return {(name, str(req), tuple(sorted(hashes))) for name, req, hashes in pins(lock)}

    full, runtime = entries(LOCK), entries(RUNTIME_LOCK)
    names = {name for name, _req, _hashes in runtime}

    assert runtime < full, "deploy/requirements-runtime.txt is out of date: run make lock"
    for tool in ("pytest", "playwright", "ruff", "uv", "pyyaml"):
        assert tool not in names
    required = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert {canonicalize_name(Requirement(line).name) for line in required} <= names
