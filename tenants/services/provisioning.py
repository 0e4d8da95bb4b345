"""Launch a country-pair site, or bring an existing one in line with its spec.

Everything after validation happens in one database transaction: the site
row, the schema (cloned from the template; PostgreSQL DDL is
transactional), the domains, the site admin and the demo content. An error or
a kill part-way leaves nothing behind, and running the same spec again
changes nothing.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from languages.currencies import currency_name
from languages.formatting import country_name, language_in_sentence, language_name
from languages.time_zones import zone_label
from tenants.models import Domain, Site
from tenants.naming import default_name, short_names_for
from tenants.services.schema_clone import clone_schema
from tenants.services.site_spec import SiteSpec, SpecError, validate
from tenants.services.template_schema import ensure_template_schema

Progress = Callable[[str], None]


@dataclass
class ProvisionResult:
    site: Site | None
    created: bool = False
    changes: list[str] = field(default_factory=list)
    admin_email: str = ""
    admin_language: str = ""
    admin_password: str | None = None
    demo_loaded: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changes) or bool(self.demo_loaded)


def desired_fields(spec: SiteSpec) -> dict[str, object]:
    """The Site field values a spec asks for (translated fields per language)."""
    from modeltranslation.utils import build_localized_fieldname

    values: dict[str, object] = {
        "country_a": spec.countries[0],
        "country_b": spec.countries[1],
        "languages": spec.languages,
        "time_zone": spec.time_zone,
        "currency": spec.currency,
        "primary_color": spec.primary_color.lower(),
        "accent_color": spec.accent_color.lower(),
        "contact_email": spec.contact_email,
        "launched_on": spec.launched_on,
        "response_days": spec.response_days,
    }
    short_names = short_names_for(spec.code, spec.countries, spec.languages, spec.short_names)
    for language in spec.languages:
        name = spec.names.get(language) or default_name(spec.countries, language)
        values[build_localized_fieldname("name", language)] = name
        values[build_localized_fieldname("short_name", language)] = short_names[language]
        values[build_localized_fieldname("tagline", language)] = spec.taglines.get(language, "")
    return values


def plan(spec: SiteSpec) -> list[str]:
    """What :func:`provision` would do, in words, without writing anything."""
    validate(spec)
    site = Site.objects.filter(code=spec.code).first()
    if site is None:
        # In the asking person's language (the hub's form); commands run in English.
        draft = Site(launched_on=spec.launched_on, time_zone=spec.time_zone)
        names = {"code": spec.code, "countries": _named_countries(spec)}
        names["schema"] = spec.schema_name
        if draft.launch_date_reached() and spec.launched_on == draft.local_today():
            # Today where the site is (not the hub's UTC day): it opens now.
            first = _(
                "create site %(code)s (%(countries)s) in schema %(schema)s, "
                "launched at once: its launch date is today in its time zone (%(zone)s)"
            )
            names["zone"] = spec.time_zone
        elif draft.launch_date_reached():
            first = _(
                "create site %(code)s (%(countries)s) in schema %(schema)s, "
                "launched at once (its launch date has passed)"
            )
        elif spec.launched_on:
            first = _(
                "create site %(code)s (%(countries)s) in schema %(schema)s, a draft until %(date)s"
            )
            names["date"] = spec.launched_on.isoformat()
        else:
            first = _(
                "create site %(code)s (%(countries)s) in schema %(schema)s, "
                "a draft until it is launched"
            )
        steps = [
            first % names,
            # One address (the form's) is not named twice as "domains" and "primary".
            _("add domain %(domain)s") % {"domain": spec.primary_domain}
            if len(spec.domains) == 1
            else _("add domains %(domains)s (primary %(primary)s)")
            % {"domains": ", ".join(spec.domains), "primary": spec.primary_domain},
            _("offer %(languages)s; time zone %(zone)s; currency %(currency)s")
            % _named_settings(spec),
            *_names_per_language(spec),
            _("short name where space is short, as in the coordinators' calendar: %(names)s")
            % {
                "names": ", ".join(
                    f"{name} ({language})"
                    for language, name in short_names_for(
                        spec.code, spec.countries, spec.languages, spec.short_names
                    ).items()
                )
            },
            _("create the site administrator's account (%(email)s), e-mailed in %(language)s")
            % {
                "email": spec.admin_address,
                "language": language_in_sentence(spec.admin_mail_language, _reader()),
            },
        ]
        if spec.launched_on and not draft.launch_date_reached():
            # Nothing checks the list that day: the date alone opens the site.
            steps.insert(
                1,
                _("open it on %(date)s whether or not its launch checklist is finished by then")
                % {"date": spec.launched_on.isoformat()},
            )
    else:
        steps = [f"update {change}" for change in _field_changes(site, desired_fields(spec))]
        steps += _domain_changes(site, spec)
        steps = steps or [f"site {spec.code} is up to date: nothing to do"]
    if spec.demo:
        steps.append("load demo content where missing")
    return steps


def _reader() -> str:
    return translation.get_language() or "en"


def _named_countries(spec: SiteSpec) -> str:
    """``중국–대한민국 (CN–KR)``: names for the official, codes for the record."""
    names = "–".join(country_name(code, _reader()) for code in spec.countries)
    return f"{names} ({'–'.join(spec.countries)})"


def _names_per_language(spec: SiteSpec) -> list[str]:
    """The site's name in each of its languages, as typed or as composed
    (the official sees what they typed, whole, and what was made for them)."""
    reader = _reader()
    lines = []
    for language in spec.languages:
        typed = spec.names.get(language)
        words = {
            "language": language_name(language, reader),
            "name": typed or default_name(spec.countries, language),
        }
        if typed:
            lines.append(_("name it in %(language)s: %(name)s") % words)
        else:
            lines.append(
                _("name it in %(language)s: %(name)s (made from the two countries' names)") % words
            )
    return lines


def _named_settings(spec: SiteSpec) -> dict[str, str]:
    """The languages, zone and currency named in the reader's language, each
    with the code it is stored as (an official checks names, an operator codes)."""
    reader = _reader()
    return {
        "languages": ", ".join(
            f"{language_name(code, reader)} ({code})" for code in spec.languages
        ),
        "zone": f"{zone_label(spec.time_zone, reader)} ({spec.time_zone})",
        "currency": f"{currency_name(spec.currency, reader)} ({spec.currency})",
    }


def provision(
    spec: SiteSpec, *, progress: Progress = lambda _: None, create_only: bool = False
) -> ProvisionResult:
    """Create the site of ``spec``, or bring the existing one in line with it;
    ``create_only`` (the hub's launch form) refuses a code already taken."""
    validate(spec)
    ensure_template_schema(progress)
    with transaction.atomic():
        # One provisioning of a code at a time: a site not yet created has no
        # row to lock, and a launch confirmed twice at once created it twice
        # (the second failed on the schema's unique name, a 500).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext('provision-site:' || %s))", [spec.code]
            )
        site = Site.objects.select_for_update().filter(code=spec.code).first()
        if site is not None and create_only:
            raise SpecError(
                _("A site with the code %(code)s exists already.") % {"code": spec.code}
            )
        result = _create(spec, progress) if site is None else _update(site, spec, progress)
        if spec.demo:
            result.demo_loaded = load_demo_content(result.site, progress)
        if spec.logo is not None:
            _install_logo(result, spec)
    return result


def _create(spec: SiteSpec, progress: Progress) -> ProvisionResult:
    progress(f"creating site {spec.code}")
    site = Site(code=spec.code, schema_name=spec.schema_name, **desired_fields(spec))
    # A new site is a draft, seen by its staff only, until it is launched
    # (launch_site, or its launch date). A launch date already past means
    # the site was launched before it came here (the demo's 2006 sites).
    site.status = Site.Status.ACTIVE if site.launch_date_reached() else Site.Status.DRAFT
    site.save()
    progress(f"cloning schema {spec.schema_name} from {settings.TEMPLATE_SCHEMA}")
    clone_schema(settings.TEMPLATE_SCHEMA, spec.schema_name)
    for position, domain in enumerate(spec.domains):
        Domain.objects.create(domain=domain, tenant=site, is_primary=position == 0)
    progress(f"domains: {', '.join(spec.domains)}")
    result = ProvisionResult(
        site=site,
        created=True,
        admin_email=spec.admin_address,
        admin_language=spec.admin_mail_language,
    )
    result.admin_password = _create_admin(site, result.admin_email, result.admin_language)
    progress(f"site admin: {result.admin_email} (e-mails in {result.admin_language})")
    return result


def _update(site: Site, spec: SiteSpec, progress: Progress) -> ProvisionResult:
    changes = _field_changes(site, desired_fields(spec))
    for change in changes:
        setattr(site, change, desired_fields(spec)[change])
    if changes:
        site.save(update_fields=changes)
        progress(f"updated: {', '.join(changes)}")
    domain_changes = _domain_changes(site, spec)
    if domain_changes:
        _sync_domains(site, spec)
        progress("; ".join(domain_changes))
    return ProvisionResult(site=site, changes=changes + domain_changes)


def _field_changes(site: Site, desired: dict[str, object]) -> list[str]:
    return [name for name, value in desired.items() if getattr(site, name) != value]


def _domain_changes(site: Site, spec: SiteSpec) -> list[str]:
    current = {d.domain: d.is_primary for d in site.domains.all()}
    wanted = {domain: i == 0 for i, domain in enumerate(spec.domains)}
    if current == wanted:
        return []
    changes = [f"add domain {d}" for d in wanted if d not in current]
    changes += [f"remove domain {d}" for d in current if d not in wanted]
    if spec.primary_domain in current and not current[spec.primary_domain]:
        changes.append(f"make {spec.primary_domain} the primary domain")
    return changes


def _sync_domains(site: Site, spec: SiteSpec) -> None:
    site.domains.exclude(domain__in=spec.domains).delete()
    # Clear the old primary first: at most one primary per site is a constraint.
    site.domains.exclude(domain=spec.primary_domain).update(is_primary=False)
    for position, name in enumerate(spec.domains):
        Domain.objects.update_or_create(
            domain=name, tenant=site, defaults={"is_primary": position == 0}
        )


def _create_admin(site: Site, email: str, language: str) -> str:
    password = secrets.token_urlsafe(12)
    with schema_context(site.schema_name):
        user = get_user_model().objects.create_superuser(
            username=email, email=email, password=password
        )
        for keep in _STAFF_LANGUAGE_KEEPERS:
            keep(user, language)
    return password


#: Keeps the language a staff member is written to in, given the user and
#: the language; called in the site's schema. The app that stores it (the
#: translations app, above this layer) registers from ``AppConfig.ready()``,
#: as ``add_site_user --language`` and the People page store it.
StaffLanguageKeeper = Callable[[object, str], None]
_STAFF_LANGUAGE_KEEPERS: list[StaffLanguageKeeper] = []


def register_staff_language_keeper(keeper: StaffLanguageKeeper) -> None:
    if keeper not in _STAFF_LANGUAGE_KEEPERS:
        _STAFF_LANGUAGE_KEEPERS.append(keeper)


#: A demo-content loader runs inside a site's schema and returns a short
#: description of what it added ("" when everything was there already).
DemoLoader = Callable[[Site], str]
_DEMO_LOADERS: list[DemoLoader] = []
_LATE_DEMO_LOADERS: list[DemoLoader] = []


def register_demo_loader(loader: DemoLoader, *, after_content: bool = False) -> None:
    """Content apps add their demo content from ``AppConfig.ready()``, in app order.

    ``after_content``: run after every other loader, whatever the app order
    (the weekly bulletin is made of the content the others load)."""
    loaders = _LATE_DEMO_LOADERS if after_content else _DEMO_LOADERS
    if loader not in loaders:
        loaders.append(loader)


def demo_loaders() -> list[DemoLoader]:
    """The registered loaders, or the dotted paths in ``settings.TEST_DEMO_CONTENT_LOADERS``.

    That setting is a hook for tests only (a loader that fails or stalls part
    way): the project's settings never define it, so no environment variable
    can swap what a production ``provision_site --demo`` runs.
    """
    paths = getattr(settings, "TEST_DEMO_CONTENT_LOADERS", None)
    if paths is not None:
        return [import_string(path) for path in paths]
    return [*_DEMO_LOADERS, *_LATE_DEMO_LOADERS]


def load_demo_content(site: Site, progress: Progress) -> list[str]:
    """Run every demo loader inside the site's schema."""
    loaded: list[str] = []
    with schema_context(site.schema_name):
        for loader in demo_loaders():
            added = loader(site)
            if added:
                progress(f"demo content: {added}")
                loaded.append(added)
    return loaded


def _install_logo(result: ProvisionResult, spec: SiteSpec) -> None:
    assert spec.logo is not None
    site = result.site
    target_name = f"logos/{site.code}{spec.logo.suffix.lower()}"
    content = spec.logo.read_bytes()
    if site.logo.name == target_name and default_storage.exists(target_name):
        with default_storage.open(target_name, "rb") as stored:
            if stored.read() == content:
                return
    site.logo.name = target_name
    site.save(update_fields=["logo"])
    result.changes.append("logo")

    def store() -> None:
        # Through the storage: a folder on disk or the media bucket.
        if default_storage.exists(target_name):
            default_storage.delete(target_name)
        default_storage.save(target_name, ContentFile(content))

    # The file lands only if the transaction does.
    transaction.on_commit(store)
