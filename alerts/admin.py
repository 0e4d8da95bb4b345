"""Subscriptions and the log of what was sent to each subscriber, for site staff."""

from django.contrib import admin

from alerts.models import Delivery, Subscription


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ("period", "status", "item_count", "attempts", "sent_at", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-created_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "topic",
        "query",
        "product",
        "frequency",
        "language",
        "status",
        "created_at",
    )
    list_filter = ("status", "frequency", "topic", "language")
    search_fields = ("email", "query")
    # The secret is what the subscriber's links are signed with: a credential,
    # shown to nobody (tests/translations/test_admin_ui_language.py).
    exclude = ("secret", "ended_secret")
    readonly_fields = ("created_at", "confirmed_at", "unsubscribed_at", "covered_until")
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Bounces and failures per subscriber."""

    list_display = ("subscription", "period", "status", "item_count", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("subscription__email", "period", "error")
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
