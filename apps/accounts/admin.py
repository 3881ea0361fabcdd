from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "role", "entity", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_superuser", "is_active")
    list_select_related = ("entity",)
    autocomplete_fields = ("entity",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Secretariat role"), {"fields": ("role", "entity")}),
    )
