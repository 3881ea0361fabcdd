from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who changed what and when: reads of the history every domain app records
    (django-simple-history), and the backfill of rows loaded without it."""

    name = "apps.audit"
    label = "audit"
