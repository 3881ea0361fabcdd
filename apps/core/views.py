from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

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
