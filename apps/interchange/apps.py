from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    """Export and import of whole meetings; depends on every domain app, read by none."""

    name = "apps.interchange"
    label = "interchange"
