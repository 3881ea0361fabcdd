"""The `/api/v1/` router: every app's `api/urls.py` contributes its routes to one root view."""

from importlib import import_module

from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

# Apps that expose resources, in the order the API root lists them.
API_APPS = (
    "meetings",
    "agendas",
    "documents",
    "delegations",
    "attendance",
    "entities",
    "accounts",
    "reports",
)


class PublicAPIRootView(APIRootView):
    """The list of resources is public; each resource says who may read it."""

    permission_classes = (AllowAny,)


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    router.APIRootView = PublicAPIRootView
    for app in API_APPS:
        router.registry.extend(import_module(f"apps.{app}.api.urls").router.registry)
    return router
