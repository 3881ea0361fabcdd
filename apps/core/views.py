from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from .api import error_body
from .health import health


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    parts = health()
    healthy = all(state.startswith("ok") for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )


@require_GET
def api_index(request: HttpRequest) -> JsonResponse:
    """The API's front door: its versions and its documentation."""
    return JsonResponse(
        {
            "v1": request.build_absolute_uri(reverse("v1:api-root")),
            "schema": request.build_absolute_uri(reverse("schema")),
            "docs": request.build_absolute_uri(reverse("swagger-ui")),
        }
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 in the API's error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", "No such resource."), status=404)
    return page_not_found(request, exception)
