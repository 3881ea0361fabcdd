"""Bare Django views: the baselines of the API benchmark.

Each reads the same rows as its API endpoint (the caller's token and user, then the same
tables, filters, order and page) with `.values()`, and returns the same fields as JSON with
`JsonResponse`: no DRF, no serializers, no permissions beyond the token lookup. What the API
costs beyond this is the framework's and ours. Reachable only under `bench.settings`.
"""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef
from django.http import HttpRequest, HttpResponseForbidden, JsonResponse
from rest_framework.authtoken.models import Token

from apps.agendas.api.serializers import ITEM_TEXT_FIELDS
from apps.agendas.models import Agenda, AgendaItem
from apps.delegations.enums import CATEGORY_ORDER, Rule44Category
from apps.delegations.models import MEMBER_FIELDS, Delegation, DelegationMember, StatedCount
from apps.delegations.selectors import CATEGORY_RANK
from apps.documents.api.serializers import TITLE_FIELDS
from apps.documents.models import Document, DocumentSubmitter
from apps.documents.selectors import in_annex_order, search_documents
from apps.meetings.api.serializers import (
    MeetingSerializer,
    OfficerSerializer,
    PostponementSerializer,
)
from apps.meetings.models import Meeting, Officer, Postponement, PostponementLetter

PAGE_SIZE = 50


def _signed_in(request: HttpRequest) -> bool:
    """The token lookup DRF's TokenAuthentication makes: one query, token and user."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Token "):
        return False
    token = Token.objects.select_related("user").filter(key=header[6:]).first()
    return token is not None and token.user.is_active


def _columns(serializer_class: type, *besides: str) -> list[str]:
    """The columns of the API serializer's fields, but `besides` (joined or nested)."""
    return [name for name in serializer_class.Meta.fields if name not in besides]


def _page(request: HttpRequest, count: int, results: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse({"count": count, "next": None, "previous": None, "results": results})


def meeting_detail(request: HttpRequest, pk: int) -> JsonResponse:
    if not _signed_in(request):
        return HttpResponseForbidden()
    fields = _columns(MeetingSerializer, "parent_series")
    meeting = (
        Meeting.objects.filter(pk=pk).values(*fields, parent_series=F("parent__series")).first()
    )
    agenda = (
        Agenda.objects.filter(meeting_id=pk)
        .values("id", "meeting", "symbol", "status", "adopted_on", "proposed_by_chair")
        .first()
    )
    if agenda is not None:
        agenda["meeting_series"] = meeting["series"]
        agenda["items"] = list(
            AgendaItem.objects.filter(agenda_id=agenda["id"])
            .order_by("number")
            .values("id", "number", *ITEM_TEXT_FIELDS)
        )
    postponements = list(
        Postponement.objects.filter(meeting_id=pk)
        .order_by("position")
        .values("id", *_columns(PostponementSerializer, "letters"))
    )
    letters: dict[int, list[dict[str, Any]]] = {}
    for letter in (
        PostponementLetter.objects.filter(postponement__meeting_id=pk)
        .order_by("dated")
        .values("postponement_id", "dated", "author_en", "author_zh", "reference")
    ):
        letters.setdefault(letter.pop("postponement_id"), []).append(letter)
    for postponement in postponements:
        postponement["letters"] = letters.get(postponement.pop("id"), [])
    officers = list(
        Officer.objects.filter(meeting_id=pk)
        .order_by("position")
        .values(
            *_columns(OfficerSerializer, "entity_code", "regional_group"),
            entity_code=F("entity__code"),
            regional_group_code=F("regional_group__code"),
        )
    )
    counts = dict(
        Delegation.objects.filter(meeting_id=pk)
        .order_by()
        .values_list("category")
        .annotate(total=Count("pk"))
    )
    stated = dict(StatedCount.objects.filter(meeting_id=pk).values_list("category", "count"))
    meeting.update(
        agenda=agenda,
        postponements=postponements,
        officers=officers,
        participation=[
            {
                "category": category,
                "label": str(Rule44Category(category).label),
                "delegations": counts.get(category, 0),
                "stated_count": stated.get(category),
            }
            for category in CATEGORY_ORDER
        ],
    )
    return JsonResponse(meeting)


def delegation_list(request: HttpRequest) -> JsonResponse:
    if not _signed_in(request):
        return HttpResponseForbidden()
    queryset = Delegation.objects.filter(meeting_id=int(request.GET["meeting"]))
    took_part = DelegationMember.objects.filter(delegation=OuterRef("pk"), attendance__isnull=False)
    rows = list(
        queryset.annotate(category_rank=CATEGORY_RANK, participated=Exists(took_part))
        .order_by("category_rank", "position", "entity__name_en")
        .values(
            "id",
            "meeting",
            "category",
            "position",
            "listed_name_en",
            "listed_name_zh",
            "notes",
            "participated",
            "entity_id",
            meeting_series=F("meeting__series"),
            entity_code=F("entity__code"),
            entity_kind=F("entity__kind"),
            entity_name_en=F("entity__name_en"),
            entity_name_zh=F("entity__name_zh"),
            entity_abbreviation_en=F("entity__abbreviation_en"),
        )[:PAGE_SIZE]
    )
    members: dict[int, list[dict[str, Any]]] = {}
    for member in (
        DelegationMember.objects.filter(delegation_id__in=[row["id"] for row in rows])
        .order_by("position", "family_name")
        .values("id", "delegation_id", *MEMBER_FIELDS)
    ):
        members.setdefault(member.pop("delegation_id"), []).append(member)
    results = [
        {
            "id": row["id"],
            "meeting": row["meeting"],
            "meeting_series": row["meeting_series"],
            "entity": {
                "id": row["entity_id"],
                "code": row["entity_code"],
                "kind": row["entity_kind"],
                "name_en": row["entity_name_en"],
                "name_zh": row["entity_name_zh"],
                "abbreviation_en": row["entity_abbreviation_en"],
            },
            "category": row["category"],
            "position": row["position"],
            "listed_name_en": row["listed_name_en"],
            "listed_name_zh": row["listed_name_zh"],
            "notes": row["notes"],
            "members": members.get(row["id"], []),
            "participated": row["participated"],
        }
        for row in rows
    ]
    return _page(request, queryset.count(), results)


def document_search(request: HttpRequest) -> JsonResponse:
    if not _signed_in(request):
        return HttpResponseForbidden()
    queryset = search_documents(
        Document.objects.filter(meeting__series=request.GET["series"]), request.GET.get("q", "")
    )
    rows = list(
        in_annex_order(queryset).values(
            "id",
            "symbol",
            "meeting",
            "doc_type",
            "number",
            "modifier",
            "modifier_number",
            *TITLE_FIELDS,
            "submitted_by",
            "original_language",
            "languages",
            "language_note_en",
            "language_note_zh",
            "issue_date",
            "distribution",
            "agenda_item",
            "status",
            "status_reason",
            "annex_position",
            "file",
            series=F("meeting__series"),
            parent_symbol=F("parent__symbol"),
            agenda_item_number=F("agenda_item__number"),
            on_behalf_of_code=F("on_behalf_of__code"),
            on_behalf_of_name_en=F("on_behalf_of__name_en"),
            on_behalf_of_name_zh=F("on_behalf_of__name_zh"),
        )[:PAGE_SIZE]
    )
    submitters: dict[int, list[dict[str, str]]] = {}
    for link in (
        DocumentSubmitter.objects.filter(document_id__in=[row["id"] for row in rows])
        .order_by("position")
        .values(
            "document_id",
            code=F("entity__code"),
            name_en=F("entity__name_en"),
            name_zh=F("entity__name_zh"),
        )
    ):
        submitters.setdefault(link.pop("document_id"), []).append(link)
    for row in rows:
        row["submitters"] = submitters.get(row["id"], [])
        code = row.pop("on_behalf_of_code")
        names = row.pop("on_behalf_of_name_en"), row.pop("on_behalf_of_name_zh")
        row["on_behalf_of"] = (
            {"code": code, "name_en": names[0], "name_zh": names[1]} if code else None
        )
    return _page(request, queryset.count(), rows)
