"""Every benchmark still starts (bench/http.py would hide the standard
library's http from the scripts beside it if they kept their folder on the
import path). The benchmarks themselves run with ``make bench``, not here."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(path.name for path in BENCH.glob("*.py") if "argparse" in path.read_text())


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_starts_and_explains_itself(script):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
