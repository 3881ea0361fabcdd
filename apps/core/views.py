from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .health import health


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    parts = health()
    healthy = all(state.startswith("ok") for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )
