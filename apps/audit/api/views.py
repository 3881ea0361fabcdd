"""`GET /api/v1/<resource>/{id}/history/`: one object's changes, for the secretariat.

A viewset that inherits `HistoryMixin` gets the route; it reads the object through the
viewset's own queryset, so an object the caller cannot see has no history to show either.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from apps.accounts.permissions import SECRETARIAT, RolePermission
from apps.core.pagination import PageNumberPagination

from .. import selectors


class SecretariatReads(RolePermission):
    """The audit history is the secretariat's: no one else reads it."""

    read_roles = SECRETARIAT


class ChangedBySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The model field's name.")
    old = serializers.JSONField(allow_null=True, help_text="Null for the entry that created it.")
    new = serializers.JSONField(allow_null=True, help_text="Foreign keys as the other row's id.")


class HistoryEntrySerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    at = serializers.DateTimeField(help_text="When the change was saved.")
    by = ChangedBySerializer(
        allow_null=True, help_text="Who made it; null for a change made outside a sign-in."
    )
    action = serializers.ChoiceField(choices=sorted(selectors.ACTIONS.values()))
    reason = serializers.CharField(help_text="Where it came from, e.g. `import_meeting <series>`.")
    changes = FieldChangeSerializer(many=True)


class HistoryMixin:
    @extend_schema(
        summary="The object's history: who changed what, and when (secretariat)",
        description="Newest first. Each entry lists the fields it changed, with the old and "
        "the new value; the entry that created the object lists its first values. Bulk "
        "imports are recorded too, with their reason.",
        responses={200: HistoryEntrySerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[SecretariatReads],
        filter_backends=(),
        pagination_class=PageNumberPagination,
    )
    def history(self, request, pk=None):
        entries = selectors.history_of(self.get_object())
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(HistoryEntrySerializer(page, many=True).data)
