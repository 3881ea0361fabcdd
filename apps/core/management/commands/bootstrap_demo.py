"""Create the first secretariat administrator, once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from apps.accounts.enums import Role


class Command(BaseCommand):
    help = (
        "Create an administrator from DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD, "
        "or with a generated password printed once. Does nothing if the user exists."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' exists already.")
            return
        given = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        password = given or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username,
            email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
            password=password,
            role=Role.SECRETARIAT_ADMIN,
        )
        shown = "(from DJANGO_SUPERUSER_PASSWORD)" if given else password
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username} / {shown}"))
