from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from apps.core.views import api_index, healthz

from .api import build_router

PAGE_METHODS = ["get", "head"]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/", api_index, name="api-index"),
    path("api/v1/", include((build_router().urls, "v1"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Pages for a browser: GET only (their HTML template cannot answer OPTIONS).
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="schema", http_method_names=PAGE_METHODS),
        name="swagger-ui",
    ),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", http_method_names=PAGE_METHODS),
        name="redoc",
    ),
]

handler404 = "apps.core.views.not_found"
