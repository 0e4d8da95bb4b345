from django.http import HttpRequest

from tenants.hub import is_hub


def site(request: HttpRequest) -> dict:
    tenant = getattr(request, "tenant", None)
    return {"site": None if is_hub(tenant) else tenant, "is_hub": is_hub(tenant)}
