"""One error shape for every 4xx the API returns.

{"error": {"code": "invalid", "message": "...",
           "fields": {"symbol": [{"code": "invalid", "message": "..."}]},
           "non_field_errors": [{"code": "...", "message": "..."}]}}
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError

NON_FIELD = "non_field_errors"


def _flatten(detail: Any) -> list[dict[str, str]]:
    if isinstance(detail, list):
        return [item for entry in detail for item in _flatten(entry)]
    if isinstance(detail, dict):
        return [
            {"code": entry["code"], "message": f"{key}: {entry['message']}"}
            for key, value in detail.items()
            for entry in _flatten(value)
        ]
    return [{"code": getattr(detail, "code", "invalid"), "message": str(detail)}]


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    fields: dict[str, list[dict[str, str]]] = {}
    non_field: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in (NON_FIELD, "__all__"):
                non_field.extend(_flatten(value))
            else:
                fields[key] = _flatten(value)
    elif detail is not None:
        non_field.extend(_flatten(detail))
    return {"error": {"code": code, "message": message, "fields": fields, NON_FIELD: non_field}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        detail = {exc.field: [exceptions.ErrorDetail(exc.message, exc.code)]} if exc.field else None
        return Response(error_body(exc.code, exc.message, detail), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        )
    if isinstance(exc, OperationalError):
        # An unreachable or overloaded database is an outage, not a fault of the request.
        return Response(
            error_body("database_unavailable", "The database is unavailable; try again later."),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body("invalid", "The request is not valid.", exc.detail)
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        message = str(getattr(exc, "detail", exc))
        response.data = error_body(code if isinstance(code, str) else "error", message)
    return response
