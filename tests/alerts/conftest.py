import pytest


@pytest.fixture(autouse=True)
def _every_alerts_test_runs_jobs(job_worker):
    """Alerts are sent by ``run_jobs`` (tests/conftest.py ``job_worker``)."""
