"""The number of queries of every list and detail endpoint, at two sizes of the database.

Every resource of the `/api/v1/` router that has a list or a detail is read as a secretariat
administrator, in process (Django's test client), once with only a small synthetic meeting in
the database and once more after a Review-Conference-size meeting was added. Lists that take
`?meeting=` (or `?series=`) are read for the meeting of that size; a detail is read for the
first row of that list. A count that grows with the data is a query per row (N+1).
"""

from typing import Any
from urllib.parse import urlencode

LIST_PAGE = 50  # the default page: the small meeting fits in it, the large one does not


def _endpoints() -> list[tuple[str, Any]]:
    from bwcmeet.api import build_router

    return [(prefix, viewset) for prefix, viewset, _basename in build_router().registry]


def _list_query(viewset: Any, meeting: Any) -> dict[str, Any]:
    filterset = getattr(viewset, "filterset_class", None)
    filters = filterset.base_filters if filterset else {}
    if "meeting" in filters:
        return {"meeting": meeting.pk}
    if "series" in filters:
        return {"series": meeting.series}
    return {}


def count_queries(*, meeting: Any, token: str) -> dict[str, dict[str, Any]]:
    """endpoint → {"queries", "status", "rows"} for the lists and details at this size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    counts: dict[str, dict[str, Any]] = {}

    def read(url: str) -> tuple[dict[str, Any], Any]:
        client.get(url)  # once to warm caches (content types, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = (
            response.json()
            if response.get("Content-Type", "").startswith("application/json")
            else None
        )
        return {"queries": len(queries), "status": response.status_code}, body

    for prefix, viewset in _endpoints():
        first_id = None
        if hasattr(viewset, "list"):
            query = _list_query(viewset, meeting)
            url = f"/api/v1/{prefix}/" + (f"?{urlencode(query)}" if query else "")
            entry, body = read(url)
            results = body.get("results", body) if isinstance(body, dict) else body
            if isinstance(results, list):
                entry["rows"] = len(results)
                lookup = getattr(viewset, "lookup_field", "pk")
                first_id = results[0].get("id" if lookup == "pk" else lookup) if results else None
            entry["filter"] = ", ".join(query) or "-"
            counts[f"GET /{prefix}/"] = entry
        if hasattr(viewset, "retrieve"):
            if first_id is None:
                counts[f"GET /{prefix}/{{id}}/"] = {"queries": None, "status": None}
            else:
                entry, _body = read(f"/api/v1/{prefix}/{first_id}/")
                counts[f"GET /{prefix}/{{id}}/"] = entry
    return counts


def compare(small: dict[str, dict], large: dict[str, dict]) -> list[dict[str, Any]]:
    rows = []
    for endpoint, at_small in small.items():
        at_large = large.get(endpoint, {})
        rows.append(
            {
                "endpoint": endpoint,
                "filter": at_small.get("filter", "-"),
                "small": at_small.get("queries"),
                "large": at_large.get("queries"),
                "rows_small": at_small.get("rows"),
                "rows_large": at_large.get("rows"),
                "status": (at_small.get("status"), at_large.get("status")),
                "equal": at_small.get("queries") == at_large.get("queries"),
            }
        )
    return rows
