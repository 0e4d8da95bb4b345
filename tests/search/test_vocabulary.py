"""What a query means in the vocabulary (search.vocabulary.understand), kept
between searches until the vocabulary changes."""

import pytest

from search.models import ProductTerm
from search.vocabulary import understand


@pytest.mark.django_db
def test_a_synonym_an_editor_adds_is_understood_by_the_next_search(site_vn, in_site):
    with in_site(site_vn):
        before = understand(["zorbnut"], "en", site_vn)
        ProductTerm.objects.create(product_id="0801", language="en", text="zorbnut")
        after = understand(["zorbnut"], "en", site_vn)
        ProductTerm.objects.filter(text="zorbnut").get().delete()
        gone = understand(["zorbnut"], "en", site_vn)

    assert before.codes == [] and gone.codes == []
    assert after.codes == ["0801"] and "zorbnut" in after.words


@pytest.mark.django_db
def test_a_synonym_added_through_another_worker_is_understood_once_committed(site_vn, in_site):
    from django.core.cache import cache

    from tenants import generations

    key = f"vocabulary-generation:{site_vn.schema_name}"
    with in_site(site_vn):
        assert understand(["zorbnut"], "en", site_vn).codes == []  # kept by this worker
        seen_here = cache.get(key)
        ProductTerm.objects.create(product_id="0801", language="en", text="zorbnut")
        # Another worker saved it: without a shared cache this one's memory
        # never saw the signal, only the site's generation that its commit moves.
        cache.set(key, seen_here, timeout=None)
        generations.bump(site_vn.schema_name)
        after = understand(["zorbnut"], "en", site_vn)

    assert after.codes == ["0801"]


@pytest.mark.django_db
def test_many_searches_do_not_push_other_entries_out_of_the_default_cache(site_vn, in_site):
    from django.core.cache import cache

    # The default cache (300 entries without CACHE_URL) holds the sign-in and
    # form rate limits: a visitor's stream of searches must not evict them.
    cache.set("a-rate-limit-count", 3, 600)
    with in_site(site_vn):
        for number in range(320):
            understand([f"zorb{number}"], "en", site_vn)

    assert cache.get("a-rate-limit-count") == 3
