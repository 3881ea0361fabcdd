"""Writes of the audit history: the rows a raw load wrote without it.

`loaddata` (fixtures, `load_meetings`) saves rows raw, which django-simple-history does not
record. `record_missing_history` gives each row of an audited model that has no history yet
the entry that creates it, so that every row's history starts somewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models, transaction

if TYPE_CHECKING:
    from apps.accounts.models import User


def audited_models() -> list[type[models.Model]]:
    """Every model of bwcmeet's apps that keeps a history."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("apps.")
        and getattr(model._meta, "simple_history_manager_attribute", None)
    ]


@transaction.atomic
def record_missing_history(*, reason: str, actor: User | None = None) -> dict[str, int]:
    """Create the history entry of every audited row that has none; returns the count per
    model (`app_label.Model`), leaving out models that needed none."""
    created: dict[str, int] = {}
    for model in audited_models():
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        pk_name = model._meta.pk.attname
        known = manager.values(pk_name)
        missing = list(model._base_manager.exclude(pk__in=known).order_by("pk"))
        if missing:
            manager.bulk_history_create(
                missing, batch_size=500, default_user=actor, default_change_reason=reason
            )
            created[model._meta.label] = len(missing)
    return created
