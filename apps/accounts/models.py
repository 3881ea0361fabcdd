"""bwcmeet's user: a Django user with a secretariat role, and a State for focal points."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.entities.models import Entity

from .enums import Role


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.READ_ONLY)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("focal point of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        help_text=_("The State or organization a focal point acts for."),
    )

    class Meta:
        verbose_name = _("user")

    def clean(self) -> None:
        super().clean()
        if (self.role == Role.FOCAL_POINT) != (self.entity_id is not None):
            raise ValidationError(
                {"entity": _("A focal point, and only a focal point, acts for a State.")}
            )
