import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part_when_healthy(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    expected_broker = "ok" if settings.REDIS_URL else "ok (in-process)"
    assert body["broker"] == expected_broker


def test_healthz_names_the_broker_when_it_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "down: ConnectionError"
    assert response.json()["database"] == "ok"


def test_api_index_links_the_version_and_the_docs(client):
    response = client.get("/api/")

    assert response.json() == {
        "v1": "http://testserver/api/v1/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/docs/",
    }
