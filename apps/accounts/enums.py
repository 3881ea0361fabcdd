from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Secretariat administrator")
    SECRETARIAT_OFFICER = "secretariat_officer", _("Secretariat officer")
    FOCAL_POINT = "focal_point", _("Delegation focal point")
    READ_ONLY = "read_only", _("Read-only")
