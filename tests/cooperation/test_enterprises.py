import pytest

from cooperation.models import Enterprise
from search.query import search


def names(response) -> list[str]:
    from translations.fallback import fallback_chain, shown_text

    site = response.wsgi_request.tenant
    chain = fallback_chain(site, response.wsgi_request.LANGUAGE_CODE)
    return [shown_text(e, "name", chain).text for e in response.context["enterprises"]]


@pytest.mark.django_db
def test_directory_lists_by_displayed_name_with_fallback(client, site_vn, in_site):
    with in_site(site_vn):
        Enterprise.objects.create(
            slug="an-phat", name_vi="An Phát Plastics", country="VN", sectors=["C"]
        )
        Enterprise.objects.create(slug="zeta", name_en="Zeta Rubber", country="VN", sectors=["C"])

    response = client.get("/vi/enterprises/", HTTP_HOST="cn-vn.localhost")

    assert names(response) == [
        "An Phát Plastics",
        "Công ty Trái cây Bình Thuận",
        "Guangxi Nut Trading",  # no Vietnamese name: English, sorted as shown
        "Zeta Rubber",
    ]
    assert 'lang="en">Guangxi Nut Trading</a>' in response.content.decode()


@pytest.mark.django_db
def test_filters_by_country_sector_and_verified(client, site_id):
    by_country = client.get("/en/enterprises/?country=cn", HTTP_HOST="cn-id.localhost")
    by_sector = client.get("/en/enterprises/?sector=A", HTTP_HOST="cn-id.localhost")
    verified = client.get("/en/enterprises/?verified=1", HTTP_HOST="cn-id.localhost")

    assert names(by_country) == ["Nanning Cross-border Logistics"]
    assert names(by_sector) == ["Gayo Coffee Cooperative"]
    assert names(verified) == ["Gayo Coffee Cooperative"]
    assert "✓ Verified" in verified.content.decode()


@pytest.mark.django_db
def test_unlisted_enterprises_are_hidden_everywhere(client, site_vn, in_site):
    with in_site(site_vn):
        enterprise = Enterprise.objects.get(slug="guangxi-nut-trading")
        enterprise.is_listed = False
        enterprise.save()
        assert search("nut trading", language="en") == []

    assert (
        client.get("/en/enterprises/guangxi-nut-trading/", HTTP_HOST="cn-vn.localhost").status_code
        == 404
    )
    assert (
        "Guangxi Nut Trading"
        not in client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost").content.decode()
    )


@pytest.mark.django_db
def test_directory_of_one_site_never_shows_the_others(client, site_vn, site_id):
    page = client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost").content.decode()

    assert "Gayo Coffee Cooperative" not in page
    assert (
        client.get(
            "/en/enterprises/gayo-coffee-cooperative/", HTTP_HOST="cn-vn.localhost"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_directory_queries_are_bounded(client, site_vn, in_site, django_assert_max_num_queries):
    with in_site(site_vn):
        for number in range(30):
            Enterprise.objects.create(
                slug=f"company-{number}", name_en=f"Company {number}", country="CN", sectors=["G"]
            )

    with django_assert_max_num_queries(4):
        response = client.get("/en/enterprises/", HTTP_HOST="cn-vn.localhost")

    assert response.status_code == 200
