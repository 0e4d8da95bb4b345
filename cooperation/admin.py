from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cooperation.models import (
    Article,
    Attachment,
    Category,
    Enterprise,
    EnterpriseMember,
    MatchRequest,
    Opportunity,
    Question,
    SitePage,
    Tag,
    TopicOwner,
)
from cooperation.roles import ROLES, group_label, permission_label, site_permissions
from cooperation.services.opportunities import moderate_selected
from cooperation.services.questions import answer_given, mark_answered
from languages.registry import get_language
from translations.admin import SiteLanguagesAdmin, SiteLanguagesInline
from web.admin_actions import tell


class AttachmentInline(SiteLanguagesInline):
    model = Attachment
    extra = 0
    fields = ("title", "file", "position")


@admin.register(Article)
class ArticleAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "kind", "category", "status", "published_at")
    list_filter = ("kind", "status", "category", "tags")
    search_fields = ("slug",)
    rich_text_fields = ("body",)
    filter_horizontal = ("tags",)
    inlines = [AttachmentInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("unpublished_languages")
        if field is not None:
            # Tick the translations still being checked, instead of typing codes.
            others = self.site_languages(request, obj)[1:]
            form.base_fields["unpublished_languages"] = forms.MultipleChoiceField(
                label=field.label,
                choices=[(code, get_language(code).native_name) for code in others],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "Readers of a ticked language see the text in another language, "
                    "with a note, until the translation is released."
                ),
            )
        return form


@admin.register(Category)
class CategoryAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "slug", "position")
    title_field = "name"


@admin.register(Tag)
class TagAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "slug")
    title_field = "name"
    search_fields = ("slug",)


def _moderate(modeladmin, request, queryset, *, approve: bool) -> None:
    changed, left = moderate_selected(queryset, approve=approve)
    if approve:
        done = ngettext(
            "%(count)s listing approved: it is public now.",
            "%(count)s listings approved: they are public now.",
            changed,
        )
        already = ngettext(
            "%(count)s listing was approved already and was left as it was.",
            "%(count)s listings were approved already and were left as they were.",
            left,
        )
    else:
        done = ngettext(
            "%(count)s listing rejected: it is not public.",
            "%(count)s listings rejected: they are not public.",
            changed,
        )
        already = ngettext(
            "%(count)s listing was rejected already and was left as it was.",
            "%(count)s listings were rejected already and were left as they were.",
            left,
        )
    tell(modeladmin, request, changed, done)
    tell(modeladmin, request, left, already, messages.WARNING)


@admin.action(description=_("Approve the selected opportunities"), permissions=["moderate"])
def approve(modeladmin, request, queryset) -> None:
    _moderate(modeladmin, request, queryset, approve=True)


@admin.action(description=_("Reject the selected opportunities"), permissions=["moderate"])
def reject(modeladmin, request, queryset) -> None:
    _moderate(modeladmin, request, queryset, approve=False)


@admin.action(description=_("List the selected enterprises (approve)"), permissions=["change"])
def approve_enterprises(modeladmin, request, queryset) -> None:
    from cooperation.services.accounts import approve_enterprises as approve_them

    # Counted first: the list may be filtered on "awaiting review", which
    # the approval changes.
    selected = queryset.count()
    count = approve_them(queryset)
    tell(
        modeladmin,
        request,
        count,
        ngettext(
            "%(count)s enterprise listed; its people were told by e-mail.",
            "%(count)s enterprises listed; their people were told by e-mail.",
            count,
        ),
    )
    left = selected - count
    tell(
        modeladmin,
        request,
        left,
        ngettext(
            "%(count)s enterprise was not waiting for review and was left as it was.",
            "%(count)s enterprises were not waiting for review and were left as they were.",
            left,
        ),
        messages.WARNING,
    )


@admin.register(SitePage)
class SitePageAdmin(SiteLanguagesAdmin):
    list_display = ("kind", "shown_title", "updated_at")
    # Stored as cleaned HTML (SitePage.save), so edited and translated as rich text.
    rich_text_fields = ("body",)


@admin.register(Opportunity)
class OpportunityAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "kind", "sector", "country", "company", "valid_until", "status")
    list_filter = ("status", "kind", "sector")
    search_fields = ("company", "contact_email")
    actions = [approve, reject]
    raw_id_fields = ("enterprise",)

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("cooperation.moderate_opportunity")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "contact_email" in form.base_fields:
            # A poster may publish a listing without an address (the public form).
            form.base_fields["contact_email"].required = False
        return form


class EnterpriseMemberInline(admin.TabularInline):
    model = EnterpriseMember
    extra = 0
    fields = ("user", "language", "created_at")
    readonly_fields = ("user", "created_at")
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # people join by signing up, or with add_site_user


@admin.register(Enterprise)
class EnterpriseAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "country", "verified", "is_listed", "awaiting_review")
    title_field = "name"
    list_filter = ("awaiting_review", "verified", "is_listed", "country")
    actions = [approve_enterprises]
    search_fields = ("slug", "email", "website")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [EnterpriseMemberInline]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if (
            not request.user.has_perm("cooperation.verify_enterprise")
            and "verified" not in readonly
        ):
            readonly.append("verified")
        return readonly


@admin.register(Question)
class QuestionAdmin(SiteLanguagesAdmin):
    list_display = ("shown_title", "topic", "name", "language", "status", "created_at")
    title_field = "question"
    list_filter = ("status", "topic", "is_public")
    search_fields = ("name", "email")
    readonly_fields = (
        "name",
        "email",
        "country",
        "language",
        "created_at",
        "answered_at",
        "status",
    )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Saving an answer to an open question answers it, publishes it and
        # tells the asker: only for those who may publish answers (an editor);
        # a translator's text waits for them.
        if (
            obj.status == Question.Status.OPEN
            and answer_given(obj)
            and request.user.has_perm("cooperation.answer_question")
        ):
            mark_answered(obj)


@admin.register(TopicOwner)
class TopicOwnerAdmin(admin.ModelAdmin):
    list_display = ("topic", "email")
    list_filter = ("topic",)


@admin.register(MatchRequest)
class MatchRequestAdmin(admin.ModelAdmin):
    """Officials follow matchmaking here; only the enterprises answer requests."""

    list_display = ("sender", "recipient", "kind", "sector", "status", "created_at")
    list_filter = ("status", "kind", "sector")
    list_select_related = ("sender", "recipient")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# Accounts on a site are named by their e-mail address and choose their own
# password: Django's add form (a user name, a password typed by someone
# else) would make accounts nobody can sign in with. People are added with a
# role from the workspace, which e-mails them; the rest of the user admin
# stays for raw data.
admin.site.unregister(get_user_model())


class RoleFilter(admin.SimpleListFilter):
    """People by role, named in the reader's language (not the groups' keys)."""

    title = _("Role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role.code, role.label) for role in ROLES.values()]

    def queryset(self, request, queryset):
        role = ROLES.get(self.value() or "")
        if role is None:
            return queryset
        if role.is_superuser:
            return queryset.filter(is_superuser=True)
        return queryset.filter(groups__name=role.group)


@admin.register(get_user_model())
class SiteUserAdmin(UserAdmin):
    list_display = ("sign_in_address", "first_name", "last_name", "is_staff")
    list_filter = (RoleFilter, "is_staff", "is_superuser", "is_active")

    @admin.display(description=_("E-mail"), ordering="username")
    def sign_in_address(self, user) -> str:
        return user.username

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The sign-in name is the e-mail address (Django calls it "username").
        if "username" in form.base_fields:
            form.base_fields["username"].label = _("E-mail")
            form.base_fields["username"].help_text = _(
                "The address this person signs in with and receives the site's e-mails at."
            )
        if "groups" in form.base_fields:
            form.base_fields["groups"].label_from_instance = group_label
        _name_permissions(form)
        return form

    def add_view(self, request, form_url="", extra_context=None):
        return redirect(reverse("workspace_people") + "#invite")


admin.site.unregister(Group)


@admin.register(Group)
class SiteGroupAdmin(GroupAdmin):
    """Role groups named in the reader's language; their names are the keys
    roles are found by, so they cannot be renamed here."""

    list_display = ("label",)

    @admin.display(description=_("name"), ordering="name")
    def label(self, group: Group) -> str:
        return group_label(group)

    def get_fields(self, request, obj=None):
        if obj is not None and self._is_role(obj):
            return ("label", "permissions")
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self._is_role(obj):
            return ("label",)
        return ()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        _name_permissions(form)
        return form

    @staticmethod
    def _is_role(group: Group) -> bool:
        return any(role.group == group.name for role in ROLES.values())


def _name_permissions(form) -> None:
    """Permissions of a site only (not the hub's), named in the reader's language."""
    for name in ("permissions", "user_permissions"):
        field = form.base_fields.get(name)
        if field is not None:
            field.queryset = site_permissions()
            field.label_from_instance = permission_label
