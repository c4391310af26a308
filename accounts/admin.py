from django.contrib import admin

from accounts.models import DeletionLog, Invitation, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "organisation", "notification_preference", "is_deleted"]
    list_filter = ["notification_preference", "preferred_language", "is_deleted"]
    search_fields = ["display_name", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "accepted_at"]
    search_fields = ["email"]


@admin.register(DeletionLog)
class DeletionLogAdmin(admin.ModelAdmin):
    """Read-only: the log proves deletions happened, nobody edits it."""

    list_display = ["anonymous_id", "deleted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
