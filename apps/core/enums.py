from django.db import models
from django.utils.translation import gettext_lazy as _


class UNLanguage(models.TextChoices):
    """The six official languages of the United Nations, in the UN's English order."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


LANGUAGE_CODES: tuple[str, ...] = tuple(UNLanguage.values)
