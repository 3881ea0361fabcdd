"""Limits on guessing passwords, at both doors that take one: the admin's sign-in page and
the API's token endpoint (`POST /api/v1/auth/token/`).

- django-axes counts failed sign-ins per username and address, at both doors alike, and
  refuses a pair that failed LOGIN_FAILURE_LIMIT times for LOGIN_COOLOFF_MINUTES (429). The
  count lives in the database, so every web process sees the same one.
- The token endpoint also takes at most SIGN_IN_RATE requests per address (DRF throttle, kept
  in the cache), whatever the usernames: a guesser rotating usernames is slowed down too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import SimpleRateThrottle

from apps.core.api import error_body

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request
    from rest_framework.views import APIView


def client_address(request: HttpRequest) -> str:
    """The client's address, as the API's throttles read it too (DRF's NUM_PROXIES): the
    connection's, or behind TRUSTED_PROXY_COUNT proxies the one the outermost of them added to
    X-Forwarded-For; what the client itself wrote there is never believed."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if count and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(count, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a sign-in while its username and address are locked out; signs no one in.

    An authentication without a request (a management command, a test client's `login`) is
    not a sign-in through the web: it is neither counted nor refused.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LockedOut(APIException):
    """A locked-out sign-in through the API: 429 in the one error shape, with Retry-After."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = _("Account locked: too many login attempts. Please try again later.")

    def __init__(self, request: Any = None) -> None:
        super().__init__(str(get_lockout_message()))
        cool_off = get_cool_off(request)
        self.wait = cool_off.total_seconds() if cool_off else None  # DRF sends Retry-After


def is_locked_out(request: Any) -> bool:
    """Whether the last `authenticate(request, ...)` was refused as locked out (axes marks the
    request it was given)."""
    return bool(getattr(request, "axes_locked_out", False))


def locked_out_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """What a locked-out sign-in gets: the one error shape under /api/, a short page else."""
    message = str(get_lockout_message())
    cool_off = get_cool_off(request)
    retry_after = str(int(cool_off.total_seconds())) if cool_off else None
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            error_body(LockedOut.default_code, message), status=LockedOut.status_code
        )
    else:
        response = HttpResponse(
            message, status=LockedOut.status_code, content_type="text/plain; charset=utf-8"
        )
    if retry_after:
        response["Retry-After"] = retry_after
    return response


class SignInRateThrottle(SimpleRateThrottle):
    """SIGN_IN_RATE requests for a token per client address; other methods pass."""

    scope = "sign-in"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request.method != "POST":
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
