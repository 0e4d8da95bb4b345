"""``/favicon.ico`` answered 404 on the hub and every site (a newcomer's
walk): it now leads to the portal's icon, an image the static files serve."""

from pathlib import Path

import pytest
from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["cn-vn.localhost", "cn-id.localhost", "localhost"])
def test_favicon_ico_leads_to_the_portals_icon(client, site_vn, site_id, host):
    response = client.get("/favicon.ico", HTTP_HOST=host)

    assert response.status_code == 301
    location = response["Location"]
    assert location.startswith(settings.STATIC_URL) and location.endswith(".png")
    icon = STATIC / location.removeprefix(settings.STATIC_URL)
    assert icon.read_bytes().startswith(b"\x89PNG")
