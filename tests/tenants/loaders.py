"""Demo-content loaders that misbehave, to test provisioning's atomicity."""

import os
import sys
import time

from cooperation.models import Article


def failing_loader(site) -> str:
    Article.objects.create(slug="half-done", title="half done")
    raise RuntimeError("loader failed")


def stalling_loader(site) -> str:
    Article.objects.create(slug="half-done", title="half done")
    print("STALLED", flush=True)
    sys.stdout.flush()
    time.sleep(float(os.environ.get("STALL_SECONDS", "60")))
    return ""
