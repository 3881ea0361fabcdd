"""The one domain exception. Services raise its subclasses; the API maps them to 4xx."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken. `code` is machine-readable; `field` names the input."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field


class NotAllowedError(DomainError):
    status_code = 403
    default_code = "not_allowed"


class ConflictError(DomainError):
    """The request collides with the current state (a transition from the wrong state)."""

    status_code = 409
    default_code = "conflict"
