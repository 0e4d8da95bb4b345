import itertools

from django.contrib.auth import get_user_model
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import Enterprise, EnterpriseMember

PASSWORD = "correct-horse-battery-7"
_sequence = itertools.count(1)


def make_enterprise(*, names: dict[str, str] | None = None, **fields) -> Enterprise:
    """An enterprise in the current schema; ``names`` maps language → name."""
    number = next(_sequence)
    enterprise = Enterprise(
        slug=fields.pop("slug", f"enterprise-{number}"),
        country=fields.pop("country", "VN"),
        sectors=fields.pop("sectors", ["A"]),
        **fields,
    )
    for language, name in (names or {"en": f"Enterprise {number}"}).items():
        setattr(enterprise, build_localized_fieldname("name", language), name)
    enterprise.save()
    return enterprise


def make_member(
    enterprise: Enterprise | None = None, *, email: str = "", language: str = "en"
) -> EnterpriseMember:
    """A confirmed member of ``enterprise`` (a new one if not given), password PASSWORD."""
    number = next(_sequence)
    email = email or f"member{number}@example.org"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=f"Member {number}"
    )
    return EnterpriseMember.objects.create(
        user=user, enterprise=enterprise or make_enterprise(), language=language
    )


def make_staff(role: str | None = None):
    """A staff user in the current schema holding ``role`` (editor, translator…),
    or no role at all: staff status alone opens no staff page."""
    from django.contrib.auth.models import Group

    from cooperation.roles import ROLES

    user = get_user_model().objects.create_user(
        username=f"staff{next(_sequence)}@example.org", password=PASSWORD, is_staff=True
    )
    if role:
        user.groups.add(Group.objects.get(name=ROLES[role].group))
    return user
