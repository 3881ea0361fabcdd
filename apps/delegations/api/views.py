from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.response import Response

from apps.accounts.permissions import FocalPointNominations, is_focal_point
from apps.audit.api.views import HistoryMixin
from apps.meetings.enums import OPEN_STATUSES

from .. import selectors, services
from ..models import Delegation, DelegationMember
from .filters import DelegationFilter, DelegationMemberFilter
from .serializers import (
    CreateDelegationInputSerializer,
    DelegationMemberSerializer,
    DelegationSerializer,
    UpdateDelegationInputSerializer,
)

WRITE_METHODS = ("get", "post", "patch", "delete", "head", "options")


@extend_schema_view(
    list=extend_schema(
        summary="List delegations with their members",
        description="A meeting's participation: `?meeting=<id>`, in the report's order (by "
        "rule-44 category, then by place in the list). A focal point sees its own State's.",
    ),
    retrieve=extend_schema(summary="One delegation with its members"),
    create=extend_schema(
        summary="Register a State's or an organization's delegation to a meeting",
        request=CreateDelegationInputSerializer,
        responses={201: DelegationSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a delegation's category, place or printed name",
        request=UpdateDelegationInputSerializer,
        responses={200: DelegationSerializer},
    ),
    destroy=extend_schema(summary="Delete a delegation and its members (administrator)"),
)
class DelegationViewSet(HistoryMixin, viewsets.ModelViewSet):
    """Who takes part in meetings: one delegation per State or organization and meeting."""

    serializer_class = DelegationSerializer
    filterset_class = DelegationFilter
    ordering_fields = ("position", "entity__name_en")
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Delegation]:
        queryset = selectors.delegations_for_list()
        if is_focal_point(self.request.user):
            queryset = queryset.filter(entity_id=self.request.user.entity_id)
        return queryset

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None:  # a delegation or a page of them, to show
            selectors.attach_member_rows(instance if kwargs.get("many") else [instance])
        return super().get_serializer(instance, *args, **kwargs)

    def _respond(self, delegation: Delegation, status_code: int = status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=delegation.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        payload = CreateDelegationInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        delegation = services.create_delegation(actor=request.user, **payload.validated_data)
        return self._respond(delegation, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        delegation = self.get_object()
        payload = UpdateDelegationInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        delegation = services.update_delegation(
            delegation=delegation, actor=request.user, data=payload.validated_data
        )
        return self._respond(delegation)

    def perform_destroy(self, instance):
        services.delete_delegation(delegation=instance, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List delegation members",
        description="A focal point sees its own State's delegations' members.",
    ),
    retrieve=extend_schema(summary="One delegation member"),
    create=extend_schema(
        summary="Add a member to a delegation (a focal point: to its State's, while the "
        "meeting is open)"
    ),
    partial_update=extend_schema(
        summary="Change a member (a focal point: of its State's delegation, while the meeting "
        "is open)"
    ),
    destroy=extend_schema(summary="Remove a member (administrator)"),
)
class DelegationMemberViewSet(viewsets.ModelViewSet):
    """The people in the delegations: heads, alternates, advisers, members."""

    serializer_class = DelegationMemberSerializer
    filterset_class = DelegationMemberFilter
    ordering_fields = ("position", "family_name")
    permission_classes = (FocalPointNominations,)
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[DelegationMember]:
        queryset = selectors.delegation_members_for_list()
        if is_focal_point(self.request.user):
            queryset = queryset.filter(delegation__entity_id=self.request.user.entity_id)
        return queryset

    # The questions FocalPointNominations asks of a member or of the delegation it joins.
    @staticmethod
    def _delegation(obj: Delegation | DelegationMember) -> Delegation:
        return obj if isinstance(obj, Delegation) else obj.delegation

    def nominating_entity_id(self, obj: Delegation | DelegationMember) -> int:
        return self._delegation(obj).entity_id

    def open_for_nominations(self, obj: Delegation | DelegationMember) -> bool:
        return self._delegation(obj).meeting.status in OPEN_STATUSES

    def _fresh(self, member: DelegationMember) -> DelegationMember:
        return self.get_queryset().get(pk=member.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        delegation = data.pop("delegation")
        self.check_object_permissions(self.request, delegation)
        member = services.add_delegation_member(
            delegation=delegation, actor=self.request.user, **data
        )
        serializer.instance = self._fresh(member)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("delegation", None)  # validated to be unchanged
        member = services.update_delegation_member(
            member=serializer.instance, actor=self.request.user, data=data
        )
        serializer.instance = self._fresh(member)

    def perform_destroy(self, instance):
        services.remove_delegation_member(member=instance, actor=self.request.user)
