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


def test_api_root_lists_the_resources_to_anyone(client):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert {"meetings", "documents", "delegations"} <= set(response.json())


def test_unknown_api_url_answers_in_the_error_shape(client):
    response = client.get("/api/v1/no-such-thing/")

    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


def test_unknown_page_outside_the_api_is_not_json(client):
    response = client.get("/no-such-page/")

    assert (response.status_code, response["Content-Type"].startswith("text/html")) == (404, True)
