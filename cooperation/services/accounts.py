"""Enterprise accounts: signing up, confirming the address, adding people.

A sign-up creates an inactive user without a password and an unlisted
enterprise in one transaction. The link e-mailed to the address opens a page
where the owner of the mailbox chooses the password; that activates the user
and lists the enterprise. So whoever signed up with someone else's address
gains nothing: the account's password is chosen by the address's owner.

The link is a token in the manner of Django's password-reset tokens: bound
to the account's state (active or not, last sign-in, password), so it works
once and stops working once the account changes, and to the site (its
schema is in the salt), so it opens nothing on another site whose user ids
overlap. Only an inactive enterprise sign-up that never signed in can be
confirmed: never a staff account, never one an administrator deactivated.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from cooperation.models import Enterprise, EnterpriseMember
from cooperation.roles import ROLES
from languages.columns import set_text, text_in
from languages.slugs import slug_for, unique_slug
from tenants.addresses import site_url
from tenants.context import current_site
from tenants.email_addresses import sign_in_address_problem
from translations.services.staff import set_staff_language
from translations.services.translation_status import source_language_of
from web import mail
from web.invitations import set_password_url, site_page_url

User = get_user_model()


class AccountError(Exception):
    """A request that cannot be carried out; the message is for the user."""


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens of confirmation links (valid PASSWORD_RESET_TIMEOUT, three days)."""

    @property
    def key_salt(self) -> str:  # one salt per site: a link opens nothing elsewhere
        return f"cooperation.accounts.confirmation:{connection.schema_name}"

    def _make_hash_value(self, user, timestamp: int) -> str:
        # Every part changes when the account does: activated, signed in,
        # password chosen, promoted to staff, address changed.
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0)
        return (
            f"{user.pk}|{user.password}|{login}|{timestamp}|{user.is_active}|"
            f"{user.is_staff}|{user.is_superuser}|{user.email}"
        )


confirmation_tokens = ConfirmationTokenGenerator()


def enterprise_slug(name: str, language: str | None = None) -> str:
    """A free slug for an enterprise named ``name`` (in ``language``)."""
    return unique_slug(
        Enterprise.objects.all(), slug_for(name, language=language, fallback="enterprise")
    )


@transaction.atomic
def sign_up(
    *,
    email: str,
    person_name: str,
    enterprise_name: str,
    description: str,
    language: str,
    **enterprise_fields,
) -> EnterpriseMember | None:
    """``enterprise_fields``: country, sectors, website, logo.

    The person sees the same page whatever happens here, so the answer says
    nothing about which addresses have accounts: an address that already has
    one gets an e-mail saying so (and how to sign in) instead of a new
    account, and None is returned. An earlier sign-up with the same address
    that was never confirmed is replaced, its files with it (its link may
    have been lost or expired); the owner of the address chooses the
    password when confirming, so replacing it gives nobody else the account."""
    site = current_site()
    if email_taken(email):
        _send_already_registered(email, language, site)
        return None
    _forget_unconfirmed(email)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=email,
                email=email,
                password=None,  # chosen at confirmation, by the address's owner
                first_name=person_name,
                is_active=False,
            )
    except IntegrityError:  # the same address, signed up a moment ago
        return None
    user.groups.add(Group.objects.get(name=ROLES["enterprise"].group))
    enterprise = Enterprise(
        slug=enterprise_slug(enterprise_name, language),
        is_listed=False,
        language=language,
        **enterprise_fields,
    )
    # Written in the language the person signed up in; editors add the others.
    set_text(enterprise, "name", language, enterprise_name)
    set_text(enterprise, "description", language, description)
    enterprise.save()
    member = EnterpriseMember.objects.create(user=user, enterprise=enterprise, language=language)
    _send_confirmation(member, site)
    return member


def email_taken(email: str) -> bool:
    """Whether a confirmed (or staff-made) account already uses ``email``."""
    return User.objects.filter(username__iexact=email).exclude(_unconfirmed()).exists()


def _unconfirmed() -> Q:
    return Q(is_active=False, last_login__isnull=True, enterprise_membership__isnull=False)


def _forget_unconfirmed(email: str) -> None:
    for user in User.objects.filter(_unconfirmed(), username__iexact=email):
        enterprise = user.enterprise_membership.enterprise
        user.delete()  # the membership goes with it (cooperation.signals)
        if not enterprise.is_listed and not enterprise.members.exists():
            if enterprise.logo:
                # After commit: a rollback must not leave a row without its file.
                transaction.on_commit(_deleter(enterprise.logo))
            enterprise.delete()


def _deleter(field_file):
    storage, name = field_file.storage, field_file.name
    return lambda: storage.delete(name)


def _confirmable(user) -> bool:
    """An enterprise sign-up waiting for its address to be confirmed, and nothing else."""
    return (
        not user.is_active
        and user.last_login is None
        and not user.is_staff
        and not user.is_superuser
        and EnterpriseMember.objects.filter(user=user).exists()
    )


def confirmation_path(user) -> str:
    """The confirmation page of ``user``'s sign-up, in the active language."""
    return reverse(
        "account_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": confirmation_tokens.make_token(user),
        },
    )


def pending_sign_up(uidb64: str, token: str) -> EnterpriseMember | None:
    """The sign-up a confirmation link names, if the link is still good for it."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or not _confirmable(user):
        return None
    if not confirmation_tokens.check_token(user, token):
        return None
    return EnterpriseMember.objects.select_related("user", "enterprise").get(user=user)


@transaction.atomic
def confirm(member: EnterpriseMember, *, password: str):
    """Activate ``member``'s account with the password its owner chose and
    list the enterprise. Returns the user, or None if the sign-up was
    confirmed (or changed) in the meantime."""
    user = User.objects.select_for_update().get(pk=member.user_id)
    if not _confirmable(user):
        return None
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    enterprise = Enterprise.objects.select_for_update().get(pk=member.enterprise_id)
    if not enterprise.is_listed:
        # The site's choice: an editor approves it first, or it is listed
        # at once, shown as not yet verified.
        if current_site().enterprise_review:
            enterprise.awaiting_review = True
        else:
            enterprise.is_listed = True
        enterprise.save(update_fields=["is_listed", "awaiting_review"])
    return user


def approve_enterprises(enterprises) -> int:
    """List enterprises waiting for approval and tell their people; returns how
    many (those not waiting are left as they are)."""
    from cooperation.membership import mail_members

    site, approved = current_site(), 0
    for enterprise in enterprises.filter(awaiting_review=True):
        enterprise.is_listed, enterprise.awaiting_review = True, False
        enterprise.save(update_fields=["is_listed", "awaiting_review"])  # search follows
        mail_members(
            enterprise,
            "cooperation/emails/enterprise_approved",
            {"enterprise": enterprise},
            url_name="dashboard",
            site=site,
        )
        approved += 1
    return approved


def _send_confirmation(member: EnterpriseMember, site) -> None:
    with translation.override(mail.language_for(site, member.language)):
        path = confirmation_path(member.user)
    mail.send(
        "cooperation/emails/account_confirm",
        {"member": member, "url": site_url(site, path)},
        to=[member.user.email],
        language=member.language,
        site=site,
    )


def _send_already_registered(email: str, language: str, site) -> None:
    """Someone (perhaps the owner) signed up with an address that has an account."""
    language = mail.language_for(site, language)
    with translation.override(language):
        login, reset = reverse("account_login"), reverse("password_reset")
    mail.send(
        "cooperation/emails/account_exists",
        {"login_url": site_url(site, login), "reset_url": site_url(site, reset)},
        to=[email],
        language=language,
        site=site,
    )


@transaction.atomic
def give_role(
    email: str, role: str, *, enterprise: Enterprise | None = None, language: str = ""
) -> tuple[object, str | None]:
    """Give ``email`` a role on the current site, creating the user if needed.

    Returns the user and, for a new user, the generated password (shown once).
    ``language`` is an enterprise member's e-mail language, and a staff
    member's (the language of their work e-mails until they sign in with
    another).
    """
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if role == "enterprise" and enterprise is None:
        raise AccountError("an enterprise member needs --enterprise SLUG")
    definition = ROLES[role]
    email = email.strip().lower()
    problem = sign_in_address_problem(email)
    if problem:
        raise AccountError(problem)
    user = User.objects.filter(username__iexact=email).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=email, email=email, password=password)
    user.is_staff = user.is_staff or definition.is_staff
    user.is_superuser = user.is_superuser or definition.is_superuser
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=definition.group))
    if language and definition.is_staff:
        set_staff_language(user, language)
    if role == "enterprise":
        existing = EnterpriseMember.objects.filter(user=user).first()
        if existing and existing.enterprise_id != enterprise.pk:
            raise AccountError(f"{email} already acts for {existing.enterprise.slug}")
        EnterpriseMember.objects.get_or_create(
            user=user,
            defaults={
                "enterprise": enterprise,
                "language": language or current_site().default_language,
            },
        )
    return user, password


#: The roles a site's administrators give from the workspace (enterprise
#: members join through sign-up or their enterprise's own people).
STAFF_ROLES = ("editor", "translator", "admin")


def staff() -> QuerySet:
    """The people holding a staff role on the current site, groups prefetched."""
    return (
        User.objects.filter(Q(is_staff=True) | Q(is_superuser=True))
        .prefetch_related("groups")
        .order_by("username")
    )


def staff_roles_of(user) -> list:
    """``user``'s staff roles, from prefetched groups (no query)."""
    groups = {group.name for group in user.groups.all()}
    return [
        ROLES[code]
        for code in STAFF_ROLES
        if ROLES[code].group in groups or (code == "admin" and user.is_superuser)
    ]


@transaction.atomic
def invite_staff(email: str, role: str, *, language: str, invited_by) -> object:
    """Give ``email`` a staff ``role`` on the current site and tell them by
    e-mail in ``language``: someone new gets a link to choose a password,
    someone with an account a link to the workspace."""
    if role not in STAFF_ROLES:
        raise AccountError(_("This role cannot be given here."))
    user, password = give_role(email, role)
    site = current_site()
    language = mail.language_for(site, language)
    # Invited in a language, they get their work e-mails in it until they
    # sign in with one of their own (which is then kept).
    set_staff_language(user, language, keep_existing=True)
    mail.send(
        "cooperation/emails/staff_invitation",
        {
            "role": ROLES[role].label,
            "email": user.email or user.username,
            "invited_by": invited_by.email or invited_by.username,
            "set_password_url": set_password_url(site, user, language) if password else "",
            "workspace_url": site_page_url(site, "workspace", language),
        },
        to=[user.email or user.username],
        language=language,
        site=site,
    )
    return user


@transaction.atomic
def withdraw_role(user, role: str, *, by) -> None:
    """Take ``role`` from ``user`` on the current site; without any staff
    role left they leave the workspace and the admin. Nobody withdraws their
    own administrator role (a site must keep someone who can give roles)."""
    if role not in STAFF_ROLES:
        raise AccountError(_("This role cannot be given here."))
    if role == "admin" and user.pk == by.pk:
        raise AccountError(_("You cannot withdraw your own administrator role."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.groups.remove(Group.objects.get(name=ROLES[role].group))
    if role == "admin":
        user.is_superuser = False
    remaining = user.groups.filter(name__in=[ROLES[code].group for code in STAFF_ROLES])
    user.is_staff = user.is_superuser or remaining.exists()
    user.save(update_fields=["is_staff", "is_superuser"])


@transaction.atomic
def update_profile(
    member: EnterpriseMember,
    *,
    editing_language: str,
    email_language: str,
    name: str,
    description: str,
    products: str,
    country: str,
    sectors: list[str],
    website: str,
    public_email: str = "",
    logo=None,
    hs_codes: list[str] | None = None,
) -> None:
    """Save the profile's text in the language being edited, and the rest
    (``hs_codes`` left as they are when not given)."""
    enterprise = member.enterprise
    texts = (("name", name), ("description", description), ("products", products))
    site = current_site()
    source = source_language_of(enterprise, site)
    if not any(text_in(enterprise, field, source) for field, _value in texts):
        # Nothing written in its language yet (made by an editor, or never
        # filled in): what the owner writes now is what others translate.
        enterprise.language = editing_language
    for field, value in texts:
        set_text(enterprise, field, editing_language, value)
    enterprise.country, enterprise.sectors, enterprise.website = country, sectors, website
    enterprise.email = public_email
    if hs_codes is not None:
        enterprise.hs_codes = hs_codes
    if logo:
        enterprise.logo = logo
    enterprise.save()
    member.language = email_language
    member.save(update_fields=["language"])


@transaction.atomic
def close_account(member: EnterpriseMember) -> None:
    """Delete the person's sign-in and details. An enterprise left with nobody
    to act for it leaves the directory; its listings come down and its open
    requests are withdrawn (the rows stay for the officials' figures)."""
    from cooperation.models import MatchRequest, Opportunity

    enterprise, user = member.enterprise, member.user
    # The person's name and address leave the listings they were the contact of.
    enterprise.opportunities.filter(contact_email__iexact=user.email).update(
        contact_name="", contact_email=""
    )
    user.delete()  # the membership goes with it (cooperation.signals)
    if enterprise.members.exists():
        return
    enterprise.is_listed = False
    enterprise.save(update_fields=["is_listed"])
    for opportunity in enterprise.opportunities.filter(
        status__in=[Opportunity.Status.PENDING, Opportunity.Status.APPROVED]
    ):
        opportunity.status = Opportunity.Status.WITHDRAWN
        opportunity.save(update_fields=["status"])  # the search index follows
    MatchRequest.objects.involving(enterprise).pending().update(
        status=MatchRequest.Status.WITHDRAWN, answered_at=timezone.now()
    )
