"""Integration tests run against the production path: PostgreSQL, and Redis with a worker."""

import pytest
from django.db import connection


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); CI runs it")
