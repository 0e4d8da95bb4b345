"""The detail pages write the links of what they show (an article's
category and tags, a listing's enterprise) through the remembered {% url %}:
the addresses the objects' get_absolute_url give, in the page's language."""

import pytest
from django.utils import translation

from tests.factories.accounts import make_enterprise
from tests.factories.articles import make_article
from tests.factories.opportunities import make_listing


@pytest.mark.django_db
def test_detail_pages_link_what_they_show_where_it_lives(client, site_vn, in_site):
    from cooperation.models import Category, Tag

    with in_site(site_vn):
        category = Category.objects.create(slug="rules", name_en="Rules", name_vi="Quy định")
        article = make_article(slug="linked", texts={"en": "Linked"}, category=category)
        tag = Tag.objects.create(slug="cashew", name_en="Cashew")
        article.tags.add(tag)
        enterprise = make_enterprise(slug="viet-cashew")
        listing = make_listing(texts={"en": ("Cashew wanted", "Bulk")}, enterprise=enterprise)

    for language in ("en", "vi"):
        news = client.get(f"/{language}/news/linked/", HTTP_HOST="cn-vn.localhost")
        offer = client.get(f"/{language}/opportunities/{listing.pk}/", HTTP_HOST="cn-vn.localhost")
        with translation.override(language):
            assert f'<a href="{category.get_absolute_url()}" lang=' in news.content.decode()
            assert f'class="badge" href="{tag.get_absolute_url()}" lang=' in news.content.decode()
            # Named as the directory names it (not as the listing's poster typed it).
            assert (
                f'<a href="{enterprise.get_absolute_url()}" lang="en">{enterprise.name_en}</a>'
                in (offer.content.decode())
            )
