from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from apps.accounts.permissions import SecretariatAndReaders
from apps.audit.api.views import HistoryMixin
from apps.core.errors import ConflictError
from apps.core.openapi import CONFLICT

from .. import selectors, services
from ..enums import DraftStatus
from ..models import ReportDraft
from ..renderers import CONTENT_TYPES
from .filters import ReportDraftFilter, ReportTemplateFilter
from .serializers import (
    DraftRequestInputSerializer,
    ReportDraftSerializer,
    ReportTemplateSerializer,
    TemplateActiveInputSerializer,
    TemplateUploadInputSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="List report drafts (newest first)"),
    retrieve=extend_schema(summary="A draft's job: state, progress, problems, error, download"),
)
class ReportDraftViewSet(
    HistoryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Drafts of a meeting's reports. Requesting one starts a job: poll the job's URL until
    its status is `done` (then download the file) or `failed` (then read `error`)."""

    serializer_class = ReportDraftSerializer
    filterset_class = ReportDraftFilter
    permission_classes = (SecretariatAndReaders,)
    ordering_fields = ("created_at", "finished_at")
    search_fields = ("meeting__series", "symbol")

    def get_queryset(self):
        return selectors.drafts_for_list()

    @extend_schema(
        summary="Request a draft (returns the job)",
        request=DraftRequestInputSerializer,
        responses={202: ReportDraftSerializer},
    )
    def create(self, request, *args, **kwargs):
        payload = DraftRequestInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        draft = services.request_draft(
            meeting=data["meeting"],
            kind=data["kind"],
            lang=data["lang"],
            fmt=data["format"],
            strict=data["strict"],
            actor=request.user,
        )
        draft = self.get_queryset().get(pk=draft.pk)  # as the worker (or eager build) left it
        body = self.get_serializer(draft).data
        # 202 whatever the job's state: the draft may be new, queued again, or already built
        # (the same request twice gives the same draft). The body and `Location` are the job.
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED,
            headers={
                "Location": request.build_absolute_uri(
                    reverse("v1:report-draft-detail", args=[draft.pk])
                )
            },
        )

    @extend_schema(
        summary="Download the draft's file",
        parameters=[
            OpenApiParameter(
                "inline",
                bool,
                description="Show the file in the browser (HTML, PDF) instead of saving it.",
            )
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The file."),
            **CONFLICT,
        },
    )
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        draft: ReportDraft = self.get_object()
        if draft.status != DraftStatus.DONE:
            raise ConflictError(
                f"The draft is {DraftStatus(draft.status).label.lower()}; its file is not ready.",
                code="draft_not_ready",
            )
        if services.file_is_missing(draft):
            raise ConflictError(
                "The draft's file is no longer in storage; request the draft again to rebuild it.",
                code="file_missing",
            )
        inline = request.query_params.get("inline") in ("1", "true", "yes")
        return FileResponse(
            draft.file.open("rb"),
            as_attachment=not inline,
            filename=draft.download_name,
            content_type=CONTENT_TYPES[draft.fmt],
        )


@extend_schema_view(
    list=extend_schema(summary="List the meetings' own report templates"),
    retrieve=extend_schema(summary="One meeting's template, with its text"),
)
class ReportTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Templates that replace the default for one meeting. An upload is checked in the
    sandbox before anything is stored; an error names the template's line."""

    serializer_class = ReportTemplateSerializer
    filterset_class = ReportTemplateFilter
    permission_classes = (SecretariatAndReaders,)
    parser_classes = (JSONParser, MultiPartParser, FormParser)
    search_fields = ("meeting__series",)

    def get_queryset(self):
        return selectors.templates_for_list()

    @extend_schema(
        summary="Upload a meeting's template (a new version if it exists)",
        request={
            "application/json": TemplateUploadInputSerializer,
            "multipart/form-data": TemplateUploadInputSerializer,
        },
        responses={201: ReportTemplateSerializer},
    )
    def create(self, request, *args, **kwargs):
        payload = TemplateUploadInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        template = services.upload_template(actor=request.user, **payload.validated_data)
        template = self.get_queryset().get(pk=template.pk)
        return Response(self.get_serializer(template).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Use the meeting's template, or fall back to the default",
        request=TemplateActiveInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def active(self, request, pk=None):
        template = self.get_object()  # an unknown template is a 404, whatever the body says
        payload = TemplateActiveInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        template = services.set_template_active(
            template=template, actor=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(template).data)
