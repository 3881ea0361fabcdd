from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup and restore of the whole installation (database and files); no models."""

    name = "apps.backups"
    label = "backups"
