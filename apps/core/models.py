"""What every bwcmeet model shares: timestamps, and natural keys for fixtures and exports."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NaturalKeyManager(models.Manager):
    """Finds a row by the values of its model's `NATURAL_KEY` lookups, in order."""

    def get_by_natural_key(self, *key: Any) -> models.Model:
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


class BaseModel(models.Model):
    """Timestamps, and a natural key built from `NATURAL_KEY` (lookups such as `meeting__series`).

    Natural keys make `loaddata` of the fixtures idempotent and keep exports free of row ids.
    """

    NATURAL_KEY: ClassVar[tuple[str, ...]] = ()

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[Any, ...]:
        values = []
        for lookup in self.NATURAL_KEY:
            value: Any = self
            for part in lookup.split("__"):
                value = getattr(value, part)
            values.append(value)
        return tuple(values)


def acting_user(verbose_name: str) -> models.ForeignKey:
    """The user who did something to a row ("opened by", "requested by"): empty when unknown
    or when the account is deleted, which leaves the row as it is; no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
