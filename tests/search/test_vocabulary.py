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
