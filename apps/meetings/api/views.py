from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from apps.accounts.permissions import PublicReadSecretariatWrite, SignedInReadSecretariatWrite
from apps.audit.api.views import HistoryMixin
from apps.core.openapi import CONFLICT
from apps.delegations.selectors import with_stated_counts

from .. import selectors, services
from ..models import ChairRotation, Meeting
from .filters import ChairRotationFilter, MeetingFilter
from .serializers import (
    ChairRotationSerializer,
    CloseInputSerializer,
    ConveneInputSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MeetingTransitionSerializer,
    PostponeInputSerializer,
    RescheduleInputSerializer,
    TransitionSerializer,
)

WRITE_METHODS = ("get", "post", "patch", "delete", "head", "options")
DETAIL_ACTIONS = frozenset(
    {"retrieve", "by_series", "postpone", "reschedule", "convene", "close", "cancel"}
)
SERIES = OpenApiParameter(
    "series",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The meeting's symbol series, slashes and all, e.g. `BWC/MSP/2020/MX.5`.",
)


def _transition_schema(summary: str, request, description: str = ""):
    return extend_schema(
        summary=summary,
        description=description or None,
        request=request,
        responses={200: MeetingTransitionSerializer, **CONFLICT},
    )


@extend_schema_view(
    list=extend_schema(summary="List meetings"),
    retrieve=extend_schema(
        summary="One meeting, with its agenda, postponements, officers and participation"
    ),
    create=extend_schema(summary="Create a planned meeting"),
    partial_update=extend_schema(
        summary="Change a meeting's record", responses={200: MeetingSerializer, **CONFLICT}
    ),
    destroy=extend_schema(
        summary="Delete a meeting without documents (administrator)",
        responses={204: None, **CONFLICT},
    ),
)
class MeetingViewSet(HistoryMixin, viewsets.ModelViewSet):
    """Meetings of the Convention. The status moves only through the transitions:
    planned → (postpone → reschedule)* → convene → close, or cancel before it sits."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ("scheduled_start", "series", "year")
    permission_classes = (PublicReadSecretariatWrite,)
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Meeting]:
        if self.action in DETAIL_ACTIONS:
            return with_stated_counts(selectors.meetings_for_detail())
        return selectors.meetings_for_list()

    def get_serializer_class(self):
        if self.action in DETAIL_ACTIONS:
            return MeetingDetailSerializer
        return MeetingSerializer

    def perform_create(self, serializer):
        serializer.instance = services.create_meeting(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_meeting(
            meeting=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_meeting(meeting=instance, actor=self.request.user)

    @extend_schema(
        summary="One meeting by its symbol series",
        description="As GET /meetings/{id}/, for staff who know the meeting by its series.",
        parameters=[SERIES],
        filters=False,
    )
    @action(detail=False, methods=["get"], url_path=r"by-series/(?P<series>.+)", filter_backends=())
    def by_series(self, request, series=None):
        if "\x00" in series:  # no series holds one, and PostgreSQL refuses to compare it
            raise NotFound
        meeting = get_object_or_404(self.get_queryset(), series=series)
        self.check_object_permissions(request, meeting)
        return Response(self.get_serializer(meeting).data)

    def _transition(self, request, service, input_class=None):
        meeting = self.get_object()
        data = {}
        if input_class is not None:
            payload = input_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        meeting = service(meeting=meeting, actor=request.user, **data)
        meeting = self.get_queryset().get(pk=meeting.pk)
        body = {"transition": selectors.status_transitions_of(meeting)[-1], "meeting": meeting}
        return Response(
            MeetingTransitionSerializer(body, context=self.get_serializer_context()).data
        )

    @_transition_schema(
        "Postpone the meeting (planned or rescheduled → postponed)",
        PostponeInputSerializer,
        "Records a postponement with its authority, reason, decision date and letters.",
    )
    @action(detail=True, methods=["post"])
    def postpone(self, request, pk=None):
        return self._transition(request, services.postpone_meeting, PostponeInputSerializer)

    @_transition_schema(
        "Set a postponed meeting's new dates (postponed → rescheduled)", RescheduleInputSerializer
    )
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        return self._transition(request, services.reschedule_meeting, RescheduleInputSerializer)

    @_transition_schema(
        "Open the meeting (planned or rescheduled → in session)", ConveneInputSerializer
    )
    @action(detail=True, methods=["post"])
    def convene(self, request, pk=None):
        return self._transition(request, services.convene_meeting, ConveneInputSerializer)

    @_transition_schema("Close the meeting (in session → closed)", CloseInputSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._transition(request, services.close_meeting, CloseInputSerializer)

    @_transition_schema("Cancel a meeting that has not sat", None)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._transition(request, services.cancel_meeting)

    @extend_schema(
        summary="The meeting's changes of status, with who and when",
        responses={200: TransitionSerializer(many=True)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filter_backends=(),
        permission_classes=[SignedInReadSecretariatWrite],
    )
    def transitions(self, request, pk=None):
        meeting = self.get_object()
        return Response(
            TransitionSerializer(selectors.status_transitions_of(meeting), many=True).data
        )


@extend_schema_view(
    list=extend_schema(summary="List the chair rotation"),
    retrieve=extend_schema(summary="One entry of the chair rotation"),
    create=extend_schema(summary="Set which group chairs a meeting of a year"),
    partial_update=extend_schema(summary="Change an entry of the chair rotation"),
    destroy=extend_schema(summary="Delete an entry of the chair rotation (administrator)"),
)
class ChairRotationViewSet(viewsets.ModelViewSet):
    """Which regional group chairs which meeting of which year (2017 MSP decision)."""

    serializer_class = ChairRotationSerializer
    filterset_class = ChairRotationFilter
    ordering_fields = ("year", "body", "mx_number")
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[ChairRotation]:
        return selectors.chair_rotations_for_list()

    def perform_create(self, serializer):
        serializer.instance = services.create_chair_rotation(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.update_chair_rotation(
            rotation=serializer.instance, actor=self.request.user, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_chair_rotation(rotation=instance, actor=self.request.user)
