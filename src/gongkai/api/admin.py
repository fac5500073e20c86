"""API tokens in the admin: listed with their state, revocable; issued only by `manage.py
api_token` (the clear value is shown once and never stored, so the admin cannot show it)."""

from django.contrib import admin, messages
from django.utils import timezone

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "state",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name"]
    readonly_fields = ["user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]
    exclude = ["key_digest"]
    actions = ["revoke"]

    @admin.display(description="状态")
    def state(self, token):
        return token.state

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        n = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"已吊销 {n} 个令牌。", messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
