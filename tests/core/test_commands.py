import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_bootstrap_demo_prints_a_generated_password_that_logs_in(capsys, monkeypatch, client):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "isu-admin")

    call_command("bootstrap_demo")

    password = capsys.readouterr().out.strip().rsplit(" / ", 1)[1]
    user = get_user_model().objects.get(username="isu-admin")
    assert (user.role, user.is_staff, user.is_superuser) == (Role.SECRETARIAT_ADMIN, True, True)
    assert client.login(username="isu-admin", password=password)


def test_bootstrap_demo_takes_an_empty_password_variable_as_unset(capsys, monkeypatch, client):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "")

    call_command("bootstrap_demo")

    password = capsys.readouterr().out.strip().rsplit(" / ", 1)[1]
    assert client.login(username="admin", password=password)


def test_bootstrap_demo_twice_creates_one_user(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-demo-password")

    call_command("bootstrap_demo")
    call_command("bootstrap_demo")

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["admin"]
