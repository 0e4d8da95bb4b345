"""The project's settings with a demo loader that stalls part way, for the
test that kills ``provision_site`` mid-transaction (run as a subprocess)."""

from portal.settings import *  # noqa: F403

TEST_DEMO_CONTENT_LOADERS = ["tests.tenants.loaders.stalling_loader"]
