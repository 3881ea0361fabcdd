"""The `/api/v1/` router: every app's `api/urls.py` contributes its routes to one root view."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

# Apps that expose resources, in the order the API root lists them.
API_APPS = (
    "meetings",
    "agendas",
    "documents",
    "delegations",
    "entities",
    "accounts",
)


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for app in API_APPS:
        router.registry.extend(import_module(f"apps.{app}.api.urls").router.registry)
    return router
