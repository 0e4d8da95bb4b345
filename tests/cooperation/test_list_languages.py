"""Lists say which language an item is shown in when it is not the reader's
(the news list always did; listings, the directory and the questions did not:
a Vietnamese reader met English and Chinese titles with no word of it)."""

import pytest
from django.utils import timezone

from cooperation.models import Question
from languages.formatting import language_name
from tests.factories.accounts import make_enterprise
from tests.factories.opportunities import make_listing

VN = {"HTTP_HOST": "cn-vn.localhost"}


def badge(language: str, reader: str) -> str:
    return f'<span class="badge badge--language">{language_name(language, reader)}</span>'


@pytest.mark.django_db
def test_listings_enterprises_and_questions_name_a_fallbacks_language(client, site_vn, in_site):
    with in_site(site_vn):
        make_listing(texts={"en": ("Buying cashew kernels W320", "Monthly, 40 t.")})
        make_listing(texts={"vi": ("Bán hạt điều W240", "Hàng tháng.")}, kind="supply")
        make_enterprise(names={"zh-hans": "云南咖啡贸易公司"}, is_listed=True)
        Question.objects.create(
            name="Asker", email="asker@example.org", language="en", topic="customs",
            question_en="How are durians inspected at the border?", answer_en="By sampling.",
            status=Question.Status.ANSWERED, answered_at=timezone.now(),
        )  # fmt: skip

    listings = client.get("/vi/opportunities/", **VN).content.decode()
    # The demo's enterprises come first in Vietnamese order: the page that holds it.
    directory = next(
        page
        for number in range(1, 6)
        if "云南咖啡贸易公司"
        in (page := client.get(f"/vi/enterprises/?page={number}", **VN).content.decode())
    )
    questions = client.get("/vi/questions/", **VN).content.decode()

    assert badge("en", "vi") in listings
    assert badge("vi", "vi") not in listings  # the reader's own language needs no word
    assert badge("zh-hans", "vi") in directory
    assert badge("en", "vi") in questions
