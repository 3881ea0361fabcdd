from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.accounts.permissions import (
    FocalPointNominations,
    PublicReadSecretariatWrite,
    SecretariatAndReaders,
    SignedInReadSecretariatWrite,
    is_focal_point,
    role_of,
)
from apps.core.errors import DomainError
from apps.core.openapi import CONFLICT
from apps.delegations.models import DelegationMember
from apps.meetings.api.serializers import TransitionSerializer
from apps.meetings.models import Meeting
from apps.meetings.selectors import status_transitions_of

from .. import selectors, services, spreadsheets
from ..enums import ListKind, NominationStatus
from ..models import AttendanceRecord, Nomination, ParticipantList, Registration
from .filters import (
    AttendanceRecordFilter,
    NominationFilter,
    ParticipantListFilter,
    RegistrationFilter,
)
from .serializers import (
    AttendanceRecordSerializer,
    CheckInInputSerializer,
    CreateRegistrationInputSerializer,
    DiffQuerySerializer,
    ExportQuerySerializer,
    ImportInputSerializer,
    ImportReportSerializer,
    IssueListInputSerializer,
    ListDiffSerializer,
    NominationSerializer,
    NominationTransitionSerializer,
    ParticipantListDetailSerializer,
    ParticipantListSerializer,
    ParticipationCategorySerializer,
    ParticipationQuerySerializer,
    RegistrationSerializer,
    RegistrationTransitionSerializer,
    ReturnNominationInputSerializer,
    SubmitNominationInputSerializer,
    WithdrawNominationInputSerializer,
)

READ_AND_POST = ("get", "post", "head", "options")


def _transitions_action():
    """GET {id}/transitions/: every change of the object's status, with who and when."""
    return action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filter_backends=(),
        permission_classes=[SignedInReadSecretariatWrite],
    )


# --- Registrations ---------------------------------------------------------------------------


def _registration_transition_schema(summary: str):
    return extend_schema(
        summary=summary,
        request=None,
        responses={200: RegistrationTransitionSerializer, **CONFLICT},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List the meetings' registrations",
        description="Whether focal points may submit nominations: `?meeting=<id>`.",
    ),
    retrieve=extend_schema(summary="One meeting's registration"),
    create=extend_schema(
        summary="Set up a meeting's registration (not opened yet)",
        request=CreateRegistrationInputSerializer,
        responses={201: RegistrationSerializer, **CONFLICT},
    ),
)
class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """When focal points may submit their State's nominations: not opened → open → closed
    (and reopened). The secretariat opens and closes it; every signed-in role reads it."""

    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ("opened_at", "closed_at")
    http_method_names = READ_AND_POST

    def get_queryset(self) -> QuerySet[Registration]:
        return selectors.registrations_for_list()

    def create(self, request, *args, **kwargs):
        payload = CreateRegistrationInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        registration = services.create_registration(
            meeting=payload.validated_data["meeting"], actor=request.user
        )
        fresh = self.get_queryset().get(pk=registration.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    def _transition(self, request, service):
        registration = service(registration=self.get_object(), actor=request.user)
        registration = self.get_queryset().get(pk=registration.pk)
        body = {
            "transition": status_transitions_of(registration)[-1],
            "registration": registration,
        }
        return Response(
            RegistrationTransitionSerializer(body, context=self.get_serializer_context()).data
        )

    @_registration_transition_schema("Open registration (not opened or closed → open)")
    @action(detail=True, methods=["post"], url_path="open")
    def open_registration(self, request, pk=None):
        return self._transition(request, services.open_registration)

    @_registration_transition_schema("Close registration (open → closed)")
    @action(detail=True, methods=["post"], url_path="close")
    def close_registration(self, request, pk=None):
        return self._transition(request, services.close_registration)

    @extend_schema(
        summary="The registration's changes of status, with who and when",
        responses={200: TransitionSerializer(many=True)},
    )
    @_transitions_action()
    def transitions(self, request, pk=None):
        return Response(
            TransitionSerializer(status_transitions_of(self.get_object()), many=True).data
        )


# --- Nominations -----------------------------------------------------------------------------


class NominationPermission(FocalPointNominations):
    """`FocalPointNominations`, and of the transitions a focal point calls only its own:
    submitting (first or again) and withdrawing. Accrediting and returning are the
    secretariat's."""

    focal_point_actions = frozenset({"create", "submit", "withdraw"})

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS or not is_focal_point(request.user):
            return True
        return view.action in self.focal_point_actions


def _nomination_transition_schema(summary: str, request=None, description: str = ""):
    return extend_schema(
        summary=summary,
        description=description or None,
        request=request,
        responses={200: NominationTransitionSerializer, **CONFLICT},
    )


@extend_schema_view(
    list=extend_schema(
        summary="List nominations",
        description="In the report's order; `?meeting=`, `?delegation=`, `?status=`, "
        "`?late=true`. A focal point sees its own State's only.",
    ),
    retrieve=extend_schema(summary="One nomination"),
    create=extend_schema(
        summary="Nominate a delegation member (submit it)",
        description="A focal point: a member of its own State's delegation, while registration "
        "is open. A member already nominated is resubmitted through `submit`.",
        request=SubmitNominationInputSerializer,
        responses={201: NominationSerializer, **CONFLICT},
    ),
)
class NominationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Nominations of delegation members and the secretariat's decisions on them:
    submitted → accredited | returned (with a reason); returned → submitted; accredited →
    withdrawn → submitted. A focal point submits and withdraws its own State's while
    registration is open; the secretariat accredits and returns."""

    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    permission_classes = (NominationPermission,)
    ordering_fields = ("submitted_at", "decided_at", "status")
    http_method_names = READ_AND_POST

    def get_queryset(self) -> QuerySet[Nomination]:
        queryset = selectors.nominations_for_list()
        if is_focal_point(self.request.user):
            queryset = queryset.filter(member__delegation__entity_id=self.request.user.entity_id)
        return queryset

    # The questions FocalPointNominations asks of a nomination or of the member it nominates.
    @staticmethod
    def _member(obj: Nomination | DelegationMember) -> DelegationMember:
        return obj if isinstance(obj, DelegationMember) else obj.member

    def nominating_entity_id(self, obj: Nomination | DelegationMember) -> int:
        return self._member(obj).delegation.entity_id

    def open_for_nominations(self, obj: Nomination | DelegationMember) -> bool:
        return selectors.registration_is_open(self._member(obj).delegation.meeting)

    def _respond(self, nomination: Nomination, status_code: int = status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=nomination.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)

    def create(self, request, *args, **kwargs):
        payload = SubmitNominationInputSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        member = payload.validated_data["member"]
        self.check_object_permissions(request, member)
        nomination = services.submit_nomination(member=member, actor=request.user)
        return self._respond(nomination, status.HTTP_201_CREATED)

    def _transition(self, request, to: NominationStatus, input_class=None):
        nomination = self.get_object()
        data = {}
        if input_class is not None:
            payload = input_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
        nomination = services.transition_nomination(
            nomination=nomination, to=to, actor=request.user, **data
        )
        nomination = self.get_queryset().get(pk=nomination.pk)
        body = {"transition": status_transitions_of(nomination)[-1], "nomination": nomination}
        return Response(
            NominationTransitionSerializer(body, context=self.get_serializer_context()).data
        )

    @_nomination_transition_schema(
        "Submit a returned or withdrawn nomination again (→ submitted)",
        description="A focal point: its own State's, while registration is open.",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, NominationStatus.SUBMITTED)

    @_nomination_transition_schema("Accredit a submitted nomination (secretariat)")
    @action(detail=True, methods=["post"])
    def accredit(self, request, pk=None):
        return self._transition(request, NominationStatus.ACCREDITED)

    @_nomination_transition_schema(
        "Return a submitted nomination with a reason (secretariat)", ReturnNominationInputSerializer
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._transition(request, NominationStatus.RETURNED, ReturnNominationInputSerializer)

    @_nomination_transition_schema(
        "Withdraw an accredited nomination",
        WithdrawNominationInputSerializer,
        "A focal point: its own State's, while registration is open.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(
            request, NominationStatus.WITHDRAWN, WithdrawNominationInputSerializer
        )

    @extend_schema(
        summary="The nomination's changes of status, with who and when",
        responses={200: TransitionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=())
    def transitions(self, request, pk=None):
        return Response(
            TransitionSerializer(status_transitions_of(self.get_object()), many=True).data
        )


# --- Attendance ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List check-ins",
        description="By day and session: `?meeting=`, `?day=`, `?delegation=`, `?member=`. A "
        "focal point sees its own State's.",
    ),
    retrieve=extend_schema(summary="One check-in"),
    create=extend_schema(
        summary="Check an accredited member in (secretariat)",
        request=CheckInInputSerializer,
        responses={201: AttendanceRecordSerializer, **CONFLICT},
    ),
    destroy=extend_schema(summary="Remove a check-in made in error (administrator)"),
)
class AttendanceRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Who checked in on which day of a meeting, per session. A delegation took part in the
    meeting if any of its members checked in."""

    serializer_class = AttendanceRecordSerializer
    filterset_class = AttendanceRecordFilter
    ordering_fields = ("day", "checked_in_at")
    http_method_names = ("get", "post", "delete", "head", "options")

    def get_queryset(self) -> QuerySet[AttendanceRecord]:
        queryset = selectors.attendance_for_list()
        if is_focal_point(self.request.user):
            queryset = queryset.filter(member__delegation__entity_id=self.request.user.entity_id)
        return queryset

    def create(self, request, *args, **kwargs):
        payload = CheckInInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.record_attendance(actor=request.user, **payload.validated_data)
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.remove_attendance(record=instance, actor=self.request.user)

    @extend_schema(
        summary="Which delegations took part in a meeting, by rule-44 category",
        description="A delegation took part if any of its members checked in. Every category "
        "in the report's order, empty ones included. A focal point sees its own State's.",
        parameters=[ParticipationQuerySerializer],
        responses={200: ParticipationCategorySerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=())
    def participation(self, request):
        query = ParticipationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        meeting = get_object_or_404(Meeting, pk=query.validated_data["meeting"])
        rows = []
        for category, delegations in selectors.participation_by_category(meeting):
            if is_focal_point(request.user):
                delegations = [d for d in delegations if d.entity_id == request.user.entity_id]
            rows.append(
                {"category": category, "count": len(delegations), "delegations": delegations}
            )
        return Response(ParticipationCategorySerializer(rows, many=True).data)


# --- Lists of participants -------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List the issued lists of participants",
        description="Without their snapshots. Anonymous callers see the final lists (INF.1) "
        "and their revisions only.",
    ),
    retrieve=extend_schema(
        summary="One issued list of participants, with its frozen snapshot",
        description="Anonymous callers may read the final list and its revisions.",
    ),
)
class ParticipantListViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The lists of participants as issued: MISC.1 (provisional), INF.1 (final) and
    INF.1/Rev.N (revisions), each a document in the registry and a frozen snapshot."""

    filterset_class = ParticipantListFilter
    permission_classes = (PublicReadSecretariatWrite,)
    ordering_fields = ("issued_at",)
    http_method_names = READ_AND_POST

    def _public(self) -> bool:
        return role_of(self.request.user) is None

    def get_queryset(self) -> QuerySet[ParticipantList]:
        if self.action in ("retrieve", "diff"):
            return selectors.participant_lists_for_detail(public=self._public())
        return selectors.participant_lists_for_list(public=self._public())

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ParticipantListDetailSerializer
        return ParticipantListSerializer

    @extend_schema(
        summary="Issue a list of participants (secretariat)",
        description="`provisional` mints and issues MISC.1, `final` INF.1, `revision` the next "
        "INF.1/Rev.N (which supersedes the list before it). The snapshot freezes the accredited "
        "members at that moment.",
        request=IssueListInputSerializer,
        responses={201: ParticipantListDetailSerializer, **CONFLICT},
    )
    @action(detail=False, methods=["post"])
    def issue(self, request):
        payload = IssueListInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        participant_list = services.issue_participant_list(
            meeting=payload.validated_data["meeting"],
            kind=ListKind(payload.validated_data["kind"]),
            issue_date=payload.validated_data["issue_date"],
            actor=request.user,
        )
        fresh = selectors.participant_lists_for_detail().get(pk=participant_list.pk)
        return Response(
            ParticipantListDetailSerializer(fresh, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="What changed between two lists of one meeting",
        description="From the list `against` (the older) to this one: delegations (by the "
        "code of their State or organization) and members (by delegation and name) added, "
        "removed or changed.",
        parameters=[DiffQuerySerializer],
        responses={200: ListDiffSerializer},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=())
    def diff(self, request, pk=None):
        query = DiffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        newer = self.get_object()
        older = get_object_or_404(self.get_queryset(), pk=query.validated_data["against"])
        if older.meeting_id != newer.meeting_id:
            raise DomainError(
                _("Both lists must be of the same meeting."), code="other_meeting", field="against"
            )
        body = {"older": older, "newer": newer, **selectors.list_difference(older, newer)}
        return Response(ListDiffSerializer(body, context=self.get_serializer_context()).data)


# --- Import and export -----------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        summary="Import delegations and members from a spreadsheet (CSV or XLSX)",
        description="Every row is checked; if any is bad, nothing is written and the answer "
        "(400) lists every bad row with its column and reason, under `fields.file`. With "
        "`dry_run` the report (200) says what would be written, bad rows and all. Columns: "
        + ", ".join(f"`{column}`" for column in spreadsheets.COLUMNS)
        + ".",
        request={"multipart/form-data": ImportInputSerializer},
        responses={
            200: OpenApiResponse(ImportReportSerializer, description="The dry run's report."),
            201: OpenApiResponse(ImportReportSerializer, description="Written."),
            **CONFLICT,
        },
    )
)
class ParticipantImportViewSet(viewsets.GenericViewSet):
    """Spreadsheets of participants in the registration desks' form: import and export."""

    permission_classes = (SecretariatAndReaders,)
    parser_classes = (MultiPartParser, FormParser)
    serializer_class = ImportInputSerializer
    pagination_class = None
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Meeting]:
        return Meeting.objects.none()  # no resource of its own; for the schema generator

    def create(self, request, *args, **kwargs):
        payload = ImportInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        upload = data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:  # refused before it is read
            raise spreadsheets.SpreadsheetError(
                _("The file is larger than %(limit)d bytes.")
                % {"limit": settings.IMPORT_MAX_BYTES},
                code="too_large",
            )
        try:
            report = spreadsheets.import_participants(
                meeting=data["meeting"],
                content=upload.read(),
                filename=upload.name or "",
                actor=request.user,
                dry_run=data["dry_run"],
                accredit=data["accredit"],
            )
        except spreadsheets.ImportRejectedError as rejected:
            raise ValidationError(
                {
                    "non_field_errors": [ErrorDetail(rejected.message, rejected.code)],
                    "file": [
                        ErrorDetail(str(error), error.code) for error in rejected.report.errors
                    ],
                }
            ) from rejected
        return Response(
            ImportReportSerializer(report.as_dict()).data,
            status=status.HTTP_200_OK if report.dry_run else status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Export a meeting's delegations and members as CSV or XLSX",
        description="The import's columns, in the report's order: an export can be imported.",
        parameters=[ExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, spreadsheets.CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY,
        },
        filters=False,
    )
    @action(detail=False, methods=["get"], parser_classes=())
    def export(self, request):
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        meeting = get_object_or_404(Meeting, pk=query.validated_data["meeting"])
        status_filter = query.validated_data["status"]
        content, content_type, filename = spreadsheets.export_participants(
            meeting=meeting,
            file_format=query.validated_data["file_format"],
            status=NominationStatus(status_filter) if status_filter else None,
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
