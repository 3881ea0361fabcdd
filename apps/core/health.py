"""Health of the parts bwcmeet needs: the database and, on the production path, the broker."""

from django.conf import settings
from django.db import connection


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "down"; the reason is reported
        return f"down: {exc.__class__.__name__}"
    return "ok"


def check_broker() -> str:
    if not settings.REDIS_URL:
        return "ok (in-process)"
    import redis  # only the production path needs the client

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:  # any failure means "down"; the reason is reported
        return f"down: {exc.__class__.__name__}"
    return "ok"


def health() -> dict[str, str]:
    return {"database": check_database(), "broker": check_broker()}
