"""Reads of the document registry: a meeting's list of documents, versions, search."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from apps.entities.models import Entity
from apps.meetings.models import Meeting
from apps.meetings.selectors import UNLISTED_MEETING_FIELDS

from .enums import MODIFIER_ORDER, TYPE_ORDER, DocumentStatus, Modifier
from .models import Document, DocumentSubmitter


def _rank(field: str, order: tuple[str, ...]) -> Case:
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )


TIMESTAMPS = ("created_at", "updated_at")
# Columns of the joined and prefetched rows that no list of documents shows: timestamps (each
# timestamptz is read through Django's Python loader) and long texts. Documents are read whole,
# the listed ones and their parents alike: services save them.
UNLISTED_JOINED = (
    *(f"meeting__{name}" for name in UNLISTED_MEETING_FIELDS),
    *(f"agenda_item__{name}" for name in TIMESTAMPS),
    *(f"on_behalf_of__{name}" for name in (*TIMESTAMPS, "notes")),
)


def documents_for_list() -> QuerySet[Document]:
    """Documents with what a list shows: meeting, agenda item, parent and submitters in order."""
    return (
        Document.objects.select_related("meeting", "agenda_item", "parent", "on_behalf_of")
        .defer(*UNLISTED_JOINED)
        .prefetch_related(
            Prefetch(
                "submitter_links",
                queryset=DocumentSubmitter.objects.select_related("entity")
                .defer(*TIMESTAMPS, "entity__created_at", "entity__updated_at", "entity__notes")
                .order_by("position"),
                # A plain list per document: cheaper than a queryset per document, which
                # costs more than the rows when a report reads hundreds of documents.
                to_attr="submitter_links_in_order",
            )
        )
    )


def in_annex_order(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """The order of a report's Annex II: main documents, CRP, MISC, INF, WP; each version
    straight after what it revises, corrects or adds to."""
    return queryset.annotate(
        type_rank=_rank("doc_type", TYPE_ORDER), modifier_rank=_rank("modifier", MODIFIER_ORDER)
    ).order_by("meeting_id", "type_rank", "number", "modifier_rank", "modifier_number")


def documents_of(meeting: Meeting) -> QuerySet[Document]:
    """Every document of the meeting, in Annex II order (withdrawn ones included)."""
    return in_annex_order(documents_for_list().filter(meeting=meeting))


def versions_of(document: Document) -> QuerySet[Document]:
    """The original and all its revisions, corrigenda and addenda, in order."""
    root = document.parent if document.parent_id else document
    return in_annex_order(documents_for_list().filter(Q(pk=root.pk) | Q(parent=root)))


def latest_version_of(document: Document) -> Document:
    """What a reader should use: the latest issued revision, else the original."""
    root = document.parent if document.parent_id else document
    revision = (
        Document.objects.filter(
            parent=root, modifier=Modifier.REVISION, status=DocumentStatus.ISSUED
        )
        .order_by("-modifier_number")
        .first()
    )
    return revision or root


def search_documents(queryset: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Full-text search of titles: PostgreSQL's English search, plus a substring match (which
    is what Chinese titles need, and all the embedded SQLite default offers)."""
    text = text.strip()
    if not text:
        return queryset
    matches = Q(title_en__icontains=text) | Q(title_zh__icontains=text) | Q(symbol__icontains=text)
    if connection.vendor == "postgresql":
        queryset = queryset.annotate(
            search=SearchVector("title_en", "title_fr", "title_es", config="english")
        )
        matches |= Q(search=SearchQuery(text, config="english", search_type="websearch"))
    return queryset.filter(matches)


def submitters_of(document: Document) -> list[Entity]:
    """The submitters in the document's order (from the prefetch of `documents_for_list`, or
    read now)."""
    links = getattr(document, "submitter_links_in_order", None)
    if links is None:
        links = document.submitter_links.select_related("entity").order_by("position")
    return [link.entity for link in links]
