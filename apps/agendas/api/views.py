import re

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from apps.accounts.permissions import PublicReadSecretariatWrite, SignedInReadSecretariatWrite
from apps.audit.api.views import HistoryMixin
from apps.core.openapi import CONFLICT, EXAMPLES, ErrorSerializer
from apps.meetings.api.serializers import TransitionSerializer
from apps.meetings.selectors import status_transitions_of

from .. import selectors, services
from ..models import Agenda, AgendaItem, Intervention
from .filters import AgendaFilter, AgendaItemFilter, InterventionFilter
from .serializers import (
    AdoptInputSerializer,
    AgendaItemSerializer,
    AgendaSerializer,
    CorrectInterventionInputSerializer,
    InterventionSerializer,
    RecordInterventionInputSerializer,
    ReorderInterventionsInputSerializer,
)

WRITE_METHODS = ("get", "post", "patch", "delete", "head", "options")
IF_MATCH_VALUE = re.compile(r'\s*(?:W/)?"?(\d+)"?\s*')

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='The `ETag` of the version you read, e.g. `"3"` (or send `version` in the '
    "body). If the row changed since, the write is refused with 409 `stale_version`.",
)
STALE_VERSION = {
    409: OpenApiResponse(
        ErrorSerializer,
        description="The row changed since the version you sent (`stale_version`): read it "
        "again and reapply your change; or the agenda's state forbids the change.",
        examples=[
            OpenApiExample(
                "Changed since you read it",
                value={
                    "error": {
                        "code": "stale_version",
                        "message": "Agenda item was changed since you read it (version 4, you "
                        "sent 3); read it again and reapply your change.",
                        "fields": {},
                        "non_field_errors": [],
                    }
                },
                status_codes=["409"],
            ),
            OpenApiExample("Wrong state", value=EXAMPLES["409"][1], status_codes=["409"]),
        ],
    )
}


class VersionedViewSetMixin:
    """Optimistic locking over HTTP: one row's reads carry its version as `ETag`; a change or
    a delete may send it back as `If-Match` (or as `version` in the body)."""

    def expected_version(self, body_version: int | None = None) -> int | None:
        header = self.request.headers.get("If-Match", "").strip()
        header_version = None
        if header and header != "*":
            match = IF_MATCH_VALUE.fullmatch(header)
            if match is None:
                raise ValidationError({"If-Match": ['Send the ETag you read, e.g. "3".']})
            header_version = int(match[1])
        if None not in (header_version, body_version) and header_version != body_version:
            raise ValidationError({"version": ["It differs from the version in If-Match."]})
        return body_version if body_version is not None else header_version

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            self.action in ("retrieve", "partial_update")
            and response.status_code == status.HTTP_200_OK
            and isinstance(response.data, dict)
            and "version" in response.data
        ):
            response["ETag"] = f'"{response.data["version"]}"'
        return response


class AgendaTransitionSerializer(serializers.Serializer):
    transition = TransitionSerializer()
    agenda = AgendaSerializer()


@extend_schema_view(
    list=extend_schema(summary="List agendas with their items"),
    retrieve=extend_schema(summary="One agenda with its items"),
    create=extend_schema(summary="Create a meeting's provisional agenda"),
    partial_update=extend_schema(
        summary="Change an agenda's symbol or proposer",
        parameters=[IF_MATCH],
        responses={200: AgendaSerializer, **STALE_VERSION},
    ),
    destroy=extend_schema(
        summary="Delete a provisional agenda (administrator)",
        parameters=[IF_MATCH],
        responses={204: None, **STALE_VERSION},
    ),
)
class AgendaViewSet(HistoryMixin, VersionedViewSetMixin, viewsets.ModelViewSet):
    """A meeting's agenda: provisional until the meeting adopts it (POST .../adopt/)."""

    serializer_class = AgendaSerializer
    filterset_class = AgendaFilter
    ordering_fields = ("meeting__scheduled_start", "adopted_on")
    permission_classes = (PublicReadSecretariatWrite,)
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Agenda]:
        return selectors.agendas_for_list()

    def _fresh(self, agenda: Agenda) -> Agenda:
        return self.get_queryset().get(pk=agenda.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new agenda is version 1
        agenda = services.create_agenda(actor=self.request.user, **data)
        serializer.instance = self._fresh(agenda)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        agenda = services.update_agenda(
            agenda=serializer.instance,
            actor=self.request.user,
            expected_version=self.expected_version(data.pop("version", None)),
            data=data,
        )
        serializer.instance = self._fresh(agenda)

    def perform_destroy(self, instance):
        services.delete_agenda(
            agenda=instance, actor=self.request.user, expected_version=self.expected_version()
        )

    @extend_schema(
        summary="Adopt the agenda (provisional → adopted)",
        description="On a day its meeting sits, with the meeting in session.",
        request=AdoptInputSerializer,
        responses={200: AgendaTransitionSerializer, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        agenda = self.get_object()  # an unknown agenda is a 404, whatever the body says
        payload = AdoptInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        agenda = services.adopt_agenda(agenda=agenda, actor=request.user, **payload.validated_data)
        agenda = self._fresh(agenda)
        body = {"transition": status_transitions_of(agenda)[-1], "agenda": agenda}
        return Response(
            AgendaTransitionSerializer(body, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="The agenda's changes of status, with who and when",
        responses={200: TransitionSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filter_backends=(),
        permission_classes=[SignedInReadSecretariatWrite],
    )
    def transitions(self, request, pk=None):
        return Response(
            TransitionSerializer(status_transitions_of(self.get_object()), many=True).data
        )


@extend_schema_view(
    list=extend_schema(summary="List agenda items"),
    retrieve=extend_schema(summary="One agenda item"),
    create=extend_schema(
        summary="Add an item to a provisional agenda",
        responses={201: AgendaItemSerializer, **CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Change an item (its number only while the agenda is provisional)",
        parameters=[IF_MATCH],
        responses={200: AgendaItemSerializer, **STALE_VERSION},
    ),
    destroy=extend_schema(
        summary="Delete an item of a provisional agenda (administrator)",
        parameters=[IF_MATCH],
        responses={204: None, **STALE_VERSION},
    ),
)
class AgendaItemViewSet(HistoryMixin, VersionedViewSetMixin, viewsets.ModelViewSet):
    """The items of the agendas. Who spoke under an item: /interventions/?agenda_item=<id>."""

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    ordering_fields = ("number",)
    permission_classes = (PublicReadSecretariatWrite,)
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[AgendaItem]:
        return selectors.agenda_items_for_list()

    def _fresh(self, item: AgendaItem) -> AgendaItem:
        return self.get_queryset().get(pk=item.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new item is version 1
        item = services.add_agenda_item(actor=self.request.user, **data)
        serializer.instance = self._fresh(item)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        item = services.update_agenda_item(
            item=serializer.instance,
            actor=self.request.user,
            expected_version=self.expected_version(data.pop("version", None)),
            data=data,
        )
        serializer.instance = self._fresh(item)

    def perform_destroy(self, instance):
        services.delete_agenda_item(
            item=instance, actor=self.request.user, expected_version=self.expected_version()
        )

    @extend_schema(
        summary="Reorder the interventions under the item",
        description="List every intervention of the item once, in the new order.",
        request=ReorderInterventionsInputSerializer,
        responses={200: InterventionSerializer(many=True)},
    )
    @action(detail=True, methods=["post"], url_path="reorder-interventions")
    def reorder_interventions(self, request, pk=None):
        item = self.get_object()
        payload = ReorderInterventionsInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.reorder_interventions(
            item=item, actor=request.user, ordered_ids=payload.validated_data["ordered_ids"]
        )
        interventions = selectors.interventions_of(item)
        return Response(InterventionSerializer(interventions, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="List who took the floor, in the report's order"),
    retrieve=extend_schema(summary="One intervention"),
    create=extend_schema(
        summary="Record an intervention under an item of an adopted agenda",
        request=RecordInterventionInputSerializer,
        responses={201: InterventionSerializer, **CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Correct an intervention (who spoke, for whom, how)",
        request=CorrectInterventionInputSerializer,
        responses={200: InterventionSerializer},
    ),
    destroy=extend_schema(summary="Delete an intervention; the later ones move up (administrator)"),
)
class InterventionViewSet(viewsets.ModelViewSet):
    """Who took the floor under each agenda item, in order, and on whose behalf."""

    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    ordering_fields = ("position",)
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Intervention]:
        return selectors.interventions_for_list()

    def _respond(self, intervention: Intervention, status_code: int = status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=intervention.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        payload = RecordInterventionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        intervention = services.record_intervention(
            item=data.pop("agenda_item"), actor=request.user, **data
        )
        return self._respond(intervention, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        intervention = self.get_object()
        payload = CorrectInterventionInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        intervention = services.correct_intervention(
            intervention=intervention, actor=request.user, data=payload.validated_data
        )
        return self._respond(intervention)

    def perform_destroy(self, instance):
        services.delete_intervention(intervention=instance, actor=self.request.user)
