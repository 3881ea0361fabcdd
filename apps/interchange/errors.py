"""The interchange's one error: a meeting document that cannot be imported as it stands."""

from __future__ import annotations

from apps.core.errors import DomainError


class InterchangeError(DomainError):
    """A meeting document is invalid. `field` holds the JSON path of the (first) bad value,
    e.g. `participation.states_parties[3].iso3`; the message starts with that path."""

    default_code = "invalid_meeting_document"
