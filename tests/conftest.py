"""Cross-app fixtures only. Tests run on the same settings module as production."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from rest_framework.test import APIClient

from tests.factories.accounts import UserFactory

FIXTURE_FILES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Throttle counts start from zero in every test, in this process's memory only.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, role="secretariat_officer")


@pytest.fixture
def staff_client(staff_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(staff_user)
    return client


@pytest.fixture(scope="module")
def real_meetings(django_db_setup, django_db_blocker):
    """The fixtures in fixtures/, loaded once per test module.

    They load inside a transaction that is rolled back when the module ends; each test's own
    transaction nests in it (as Django's TestCase.setUpTestData does), so tests stay isolated.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        name = str(connection.settings_dict["NAME"])
        if not (name.startswith("test_") or "memory" in name):
            pytest.fail(f"real_meetings would load into {name}, not a test database")
        call_command("loaddata", *FIXTURE_FILES, verbosity=0)
        yield
        transaction.set_rollback(True)
