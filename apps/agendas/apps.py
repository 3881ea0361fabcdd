from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "apps.agendas"
    label = "agendas"
