"""Reads of the audit history: one object's changes, each with who, when and what.

The rows come from django-simple-history: every audited model has a `history` table, written on
each save and delete through the ORM, and by the `*_with_history` helpers for bulk writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    history_id: int
    at: datetime
    by: Any  # the User, or None for a change made outside a signed-in request
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _plain(value: Any) -> Any:
    """A value as JSON can carry it: files by name, model instances by key."""
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def _first_values(record: Any) -> list[FieldChange]:
    """The values the object was created with: the fields a person edits (timestamps and the
    version counter move on every save), those that were set."""
    changes = []
    for tracked in sorted(record.tracked_fields, key=lambda f: f.name):
        value = getattr(record, tracked.attname)
        if tracked.editable and value not in (None, ""):
            changes.append(FieldChange(tracked.name, None, _plain(value)))
    return changes


def history_of(instance: models.Model) -> list[HistoryEntry]:
    """`instance`'s history, newest first; each entry lists the fields it changed (all of
    them, from nothing, for the entry that created it). One query."""
    records = list(
        instance.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        if previous is None or record.history_type == "+":
            changes = _first_values(record)
        elif record.history_type == "-":
            changes = []
        else:
            delta = record.diff_against(previous)
            changes = [FieldChange(c.field, _plain(c.old), _plain(c.new)) for c in delta.changes]
        entries.append(
            HistoryEntry(
                history_id=record.history_id,
                at=record.history_date,
                by=record.history_user,
                action=ACTIONS[record.history_type],
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries
