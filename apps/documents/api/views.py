from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from apps.accounts.permissions import (
    PublicReadSecretariatWrite,
    SignedInReadSecretariatWrite,
    role_of,
)
from apps.audit.api.views import HistoryMixin
from apps.meetings.models import Meeting

from .. import annex, selectors, services
from ..enums import DocumentStatus, DocumentType, Modifier, ReservedNumber
from ..models import Document
from .filters import DocumentFilter
from .serializers import (
    AnnexQuerySerializer,
    AnnexRowSerializer,
    DocumentMetadataInputSerializer,
    DocumentSerializer,
    FileInputSerializer,
    IssueInputSerializer,
    MintInputSerializer,
    NextSymbolSerializer,
    RegisterInputSerializer,
    WithdrawInputSerializer,
)

PUBLIC_STATUSES = (DocumentStatus.ISSUED, DocumentStatus.SUPERSEDED)


@extend_schema_view(
    list=extend_schema(summary="List and search the registry"),
    retrieve=extend_schema(summary="One document by id"),
    create=extend_schema(
        summary="Register a document whose symbol is already fixed",
        request=RegisterInputSerializer,
        responses={201: DocumentSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a document's metadata", request=DocumentMetadataInputSerializer
    ),
)
class DocumentViewSet(
    HistoryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The document registry. Symbols are never deleted: withdraw instead."""

    serializer_class = DocumentSerializer
    permission_classes = (PublicReadSecretariatWrite,)
    filterset_class = DocumentFilter
    search_fields = ("symbol", "title_en", "title_zh")
    ordering_fields = ("symbol", "issue_date", "number")
    http_method_names = ("get", "post", "patch", "head", "options")

    def get_queryset(self):
        queryset = selectors.in_annex_order(selectors.documents_for_list())
        if role_of(self.request.user) is None:  # the public sees issued documents only
            queryset = queryset.filter(status__in=PUBLIC_STATUSES)
        return queryset

    def _respond(self, document: Document, status_code: int = status.HTTP_200_OK) -> Response:
        document = selectors.documents_for_list().get(pk=document.pk)  # fresh, with its prefetches
        return Response(
            DocumentSerializer(document, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def create(self, request, *args, **kwargs):
        payload = RegisterInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.register_document(actor=request.user, **payload.validated_data)
        return self._respond(document, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        document = self.get_object()
        payload = DocumentMetadataInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        payload.check_agenda_item(payload.validated_data, document.meeting)
        document = services.update_document(
            document=document, actor=request.user, **payload.validated_data
        )
        return self._respond(document)

    @extend_schema(
        summary="Mint the next symbol of a series and type",
        request=MintInputSerializer,
        responses={201: DocumentSerializer},
    )
    @action(detail=False, methods=["post"])
    def mint(self, request):
        payload = MintInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        meeting, doc_type, reserved = (
            data.pop("meeting"),
            data.pop("doc_type"),
            data.pop("reserved", None),
        )
        if reserved:
            document = services.reserve_main_document(
                meeting=meeting, purpose=ReservedNumber(reserved), actor=request.user, **data
            )
        else:
            document = services.mint_symbol(
                meeting=meeting, doc_type=DocumentType(doc_type), actor=request.user, **data
            )
        return self._respond(document, status.HTTP_201_CREATED)

    @extend_schema(
        summary="The symbol the next mint would give",
        parameters=[NextSymbolSerializer],
        responses={200: NextSymbolSerializer},
    )
    # Secretariat tooling, not an issued document: not for the public.
    @action(
        detail=False,
        methods=["get"],
        url_path="next-symbol",
        permission_classes=[SignedInReadSecretariatWrite],
    )
    def next_symbol(self, request):
        query = NextSymbolSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        meeting = get_object_or_404(Meeting, series=query.validated_data["series"])
        symbol = services.next_symbol(
            series=meeting.series, doc_type=DocumentType(query.validated_data["doc_type"])
        )
        return Response({**query.validated_data, "symbol": symbol})

    @extend_schema(summary="One document by its symbol")
    @action(detail=False, methods=["get"], url_path=r"by-symbol/(?P<symbol>.+)")
    def by_symbol(self, request, symbol: str):
        document = get_object_or_404(self.get_queryset(), symbol=symbol)
        return Response(self.get_serializer(document).data)

    @extend_schema(summary="Issue a reserved document", request=IssueInputSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        document = self.get_object()  # an unknown document is a 404, whatever the body says
        payload = IssueInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.issue_document(
            document=document, actor=request.user, **payload.validated_data
        )
        return self._respond(document)

    @extend_schema(
        summary="Withdraw a document (its symbol is never reused)", request=WithdrawInputSerializer
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        document = self.get_object()  # an unknown document is a 404, whatever the body says
        payload = WithdrawInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.withdraw_document(
            document=document, actor=request.user, **payload.validated_data
        )
        return self._respond(document)

    def _version(self, request, modifier: Modifier) -> Response:
        parent = self.get_object()
        payload = DocumentMetadataInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        payload.check_agenda_item(payload.validated_data, parent.meeting)
        document = services.add_version(
            document=parent, modifier=modifier, actor=request.user, **payload.validated_data
        )
        return self._respond(document, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Reserve the next revision (Rev.N)",
        request=DocumentMetadataInputSerializer,
        responses={201: DocumentSerializer},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        return self._version(request, Modifier.REVISION)

    @extend_schema(
        summary="Reserve the next corrigendum (Corr.N)",
        request=DocumentMetadataInputSerializer,
        responses={201: DocumentSerializer},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        return self._version(request, Modifier.CORRIGENDUM)

    @extend_schema(
        summary="Reserve the next addendum (Add.N)",
        request=DocumentMetadataInputSerializer,
        responses={201: DocumentSerializer},
    )
    @action(detail=True, methods=["post"])
    def addendum(self, request, pk=None):
        return self._version(request, Modifier.ADDENDUM)

    @extend_schema(
        summary="The original and all its versions", responses=DocumentSerializer(many=True)
    )
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        versions = selectors.versions_of(self.get_object())
        if role_of(request.user) is None:
            versions = versions.filter(status__in=PUBLIC_STATUSES)
        return Response(self.get_serializer(versions, many=True).data)

    @extend_schema(
        summary="Attach the document's file", request={"multipart/form-data": FileInputSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def file(self, request, pk=None):
        document = self.get_object()  # an unknown document is a 404, whatever the body says
        payload = FileInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.update_document(
            document=document, actor=request.user, **payload.validated_data
        )
        return self._respond(document)

    @extend_schema(
        summary="The list of documents of a meeting (a report's Annex II)",
        parameters=[AnnexQuerySerializer],
        responses={
            200: OpenApiResponse(
                AnnexRowSerializer(many=True), description="JSON rows, or a CSV/XLSX/DOCX file."
            ),
        },
    )
    @action(detail=False, methods=["get"], url_path="annex")
    def annex(self, request):
        query = AnnexQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        meeting, lang, file_format = (
            query.validated_data[key] for key in ("series", "lang", "file_format")
        )
        public = role_of(request.user) is None  # the public's annex lists issued documents
        if file_format == "json":
            rows = annex.annex_of(meeting, lang, public=public)
            return Response([{**row.__dict__} for row in rows])
        content, content_type, filename = annex.export_annex(
            meeting, lang=lang, file_format=file_format, public=public
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
