"""The listing form's contact e-mail is prefilled from the account and
published with the listing: the form says so, in the poster's language,
and the address may be changed or left out."""

import re

import pytest

from cooperation.models import Opportunity
from cooperation.services.opportunities import moderate
from tests.cooperation.test_opportunities import COMPANY, member_client, valid_post  # noqa: F401

HOST = {"HTTP_HOST": "cn-vn.localhost"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("vi", "Mọi người đều thấy địa chỉ này cùng với tin đăng"),
        ("zh-hans", "此地址将随信息公开显示"),
        ("en", "Shown to everyone with the listing"),
    ],
)
def test_the_form_says_the_prefilled_address_is_published(member_client, language, note):  # noqa: F811
    page = member_client.get(f"/{language}/opportunities/post/", **HOST).content.decode()

    field = re.search(r'<input type="email" name="contact_email"[^>]*>', page).group(0)
    assert 'value="' in field and "@" in field  # the account's address, prefilled
    assert 'aria-describedby="id_contact_email_helptext"' in field
    help_text = re.search(
        r'<small class="form__help" id="id_contact_email_helptext">([^<]*)<', page
    )
    assert note in help_text.group(1)


@pytest.mark.django_db
def test_a_listing_may_show_another_address_or_none(member_client, site_vn, in_site):  # noqa: F811
    other = member_client.post(
        "/vi/opportunities/post/", valid_post(contact_email="sales@example.com"), **HOST
    )
    none = member_client.post(
        "/vi/opportunities/post/",
        valid_post(title="Hạt điều W320", contact_email=""),
        **HOST,
    )

    assert other.status_code == none.status_code == 302
    with in_site(site_vn):
        shown = Opportunity.objects.get(title_vi="Cà phê Robusta Đắk Lắk")
        hidden = Opportunity.objects.get(title_vi="Hạt điều W320")
        moderate(hidden, approve=True)
    assert shown.contact_email == "sales@example.com" and hidden.contact_email == ""
    page = member_client.get(f"/vi/opportunities/{hidden.pk}/", **HOST).content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Contact person" not in main and not re.search(r'mailto:[^?"]*@', main)
