from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.openapi import CONFLICT

from .. import selectors, services
from ..models import Entity, RegionalGroup
from .filters import EntityFilter, RegionalGroupFilter, StateFilter
from .serializers import (
    EntitySerializer,
    RecordTreatyStatusInputSerializer,
    RegionalGroupSerializer,
    StateSerializer,
)

ISO3 = OpenApiParameter(
    "iso3",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The State's ISO 3166 alpha-3 code, e.g. `PAN` (case-insensitive).",
)
GROUP_CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="The group's code, e.g. `nam`."
)


@extend_schema_view(
    list=extend_schema(summary="List States, organizations, groups and guests"),
    retrieve=extend_schema(summary="One entity"),
    create=extend_schema(summary="Add an entity to the registry"),
    partial_update=extend_schema(
        summary="Change an entity", responses={200: EntitySerializer, **CONFLICT}
    ),
    destroy=extend_schema(
        summary="Delete an entity nothing refers to (administrator)",
        responses={204: None, **CONFLICT},
    ),
)
class EntityViewSet(viewsets.ModelViewSet):
    """The registry of everyone who attends or submits: States, organizations, groups, guests."""

    serializer_class = EntitySerializer
    filterset_class = EntityFilter
    ordering_fields = ("name_en", "code", "kind")
    http_method_names = ("get", "post", "patch", "delete", "head", "options")

    def get_queryset(self) -> QuerySet[Entity]:
        return selectors.entities_for_list()

    def perform_create(self, serializer):
        serializer.instance = services.create_entity(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_entity(
            entity=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_entity(entity=instance, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List States, with their treaty status on a date"),
    retrieve=extend_schema(summary="One State by its ISO 3166 alpha-3 code", parameters=[ISO3]),
)
class StateViewSet(viewsets.ReadOnlyModelViewSet):
    """States, looked up by ISO code, with their status under the Convention on a date.
    A State is added or changed through /entities/."""

    serializer_class = StateSerializer
    filterset_class = StateFilter
    ordering_fields = ("name_en", "iso3")
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_queryset(self) -> QuerySet[Entity]:
        return selectors.states_for_list()

    def get_object(self) -> Entity:
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    @extend_schema(
        summary="Record a State's treaty status from a date",
        description="A signature, ratification or accession. Earlier records stay.",
        parameters=[ISO3],
        request=RecordTreatyStatusInputSerializer,
        responses={201: StateSerializer},
    )
    @action(detail=True, methods=["post"], url_path="treaty-status")
    def record_treaty_status(self, request, iso3=None):
        state = self.get_object()
        payload = RecordTreatyStatusInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.record_treaty_status(state=state, actor=request.user, **payload.validated_data)
        return Response(self.get_serializer(self.get_object()).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List the regional groups"),
    retrieve=extend_schema(summary="One regional group by its code", parameters=[GROUP_CODE]),
    create=extend_schema(summary="Add a regional group"),
    partial_update=extend_schema(summary="Change a regional group", parameters=[GROUP_CODE]),
    destroy=extend_schema(
        summary="Delete a regional group with no members (administrator)",
        parameters=[GROUP_CODE],
        responses={204: None, **CONFLICT},
    ),
)
class RegionalGroupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The groups among which the chairs rotate. Their States: /states/?regional_group=<code>."""

    serializer_class = RegionalGroupSerializer
    filterset_class = RegionalGroupFilter
    ordering_fields = ("code", "name_en")
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    http_method_names = ("get", "post", "patch", "delete", "head", "options")

    def get_queryset(self) -> QuerySet[RegionalGroup]:
        return selectors.regional_groups_for_list()

    def perform_create(self, serializer):
        group = services.create_regional_group(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=group.pk)

    def perform_update(self, serializer):
        group = services.update_regional_group(
            group=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=group.pk)

    def perform_destroy(self, instance):
        services.delete_regional_group(group=instance, actor=self.request.user)
