"""How the OpenAPI schema documents the one error shape of `apps.core.api`.

`ErrorSerializer` describes the body; `document_error_responses` (a drf-spectacular
postprocessing hook, listed in SPECTACULAR_SETTINGS) adds the 400/401/403/404/503 responses, with
an example each, to every operation that does not declare them. Operations that can conflict
with the current state declare their 409 with `CONFLICT`.
"""

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers

ERROR_REF = {"$ref": "#/components/schemas/Error"}


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable, e.g. `required`, `invalid`.")
    message = serializers.CharField(help_text="Human-readable, in the request's language.")


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="`invalid`, `not_authenticated`, `permission_denied`, `not_found`, "
        "`invalid_transition`, ..."
    )
    message = serializers.CharField()
    fields = serializers.DictField(
        child=ErrorItemSerializer(many=True),
        help_text="Errors of one input field each, keyed by the field's name.",
    )
    non_field_errors = ErrorItemSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer."""

    error = ErrorBodySerializer()


def _example(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "error": {"code": code, "message": message, "fields": fields or {}, "non_field_errors": []}
    }


EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    "400": (
        "The request is not valid: its body, a query parameter or a rule of the domain.",
        _example(
            "invalid",
            "The request is not valid.",
            {"title_en": [{"code": "required", "message": "This field is required."}]},
        ),
    ),
    "401": (
        "The credentials are missing or not valid, where the authentication scheme can say "
        "so (`WWW-Authenticate`); otherwise the answer is 403 with code `not_authenticated`.",
        _example("authentication_failed", "Invalid token."),
    ),
    "403": (
        "No credentials where they are needed, or the caller's role does not allow this.",
        _example("permission_denied", "Your role does not allow this."),
    ),
    "404": (
        "No such object, or none the caller may see.",
        _example("not_found", "No Meeting matches the given query."),
    ),
    "409": (
        "The request conflicts with the object's current state.",
        _example(
            "invalid_transition",
            "The meeting's status is “Closed”; it cannot be postponed.",
        ),
    ),
    "503": (
        "The database is unreachable: an outage, not a fault of the request; try again later.",
        _example("database_unavailable", "The database is unavailable; try again later."),
    ),
}

CONFLICT = {
    409: OpenApiResponse(
        ErrorSerializer,
        description=EXAMPLES["409"][0],
        examples=[
            OpenApiExample("Wrong state", value=EXAMPLES["409"][1], status_codes=["409"]),
        ],
    )
}


def _response(status: str) -> dict[str, Any]:
    description, example = EXAMPLES[status]
    return {
        "description": description,
        "content": {
            "application/json": {"schema": ERROR_REF, "examples": {status: {"value": example}}}
        },
    }


def document_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add the error component and the 400/401/403/404/503 responses to every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    if "Error" not in schemas:
        # Only reached if no operation names ErrorSerializer; the hand-written twin below.
        item = {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
        schemas["ErrorItem"] = item
        items = {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}}
        schemas["ErrorBody"] = {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": items},
                "non_field_errors": items,
            },
            "required": ["code", "message", "fields", "non_field_errors"],
        }
        schemas["Error"] = {
            "type": "object",
            "properties": {"error": {"$ref": "#/components/schemas/ErrorBody"}},
            "required": ["error"],
        }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in ("400", "401", "403", "404", "503"):
                responses.setdefault(status, _response(status))
    return result
