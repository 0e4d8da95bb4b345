"""deploy/portal.env.example as the settings see it."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "portal.env.example"


def read_env_file(path: Path = EXAMPLE) -> dict[str, str]:
    """``KEY=value`` lines (systemd's EnvironmentFile and compose's env_file
    agree on this much: no quotes, no expansion, # starts a comment line)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, separator, value = line.partition("=")
        if not separator or not key.isidentifier():
            raise ValueError(f"{path.name}: not a KEY=value line: {line!r}")
        values[key] = value
    return values
