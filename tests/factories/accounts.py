import factory

from apps.accounts.enums import Role
from apps.accounts.models import User

from .entities import StateFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    # Hashed when built: a post-generation set_password would be lost with
    # skip_postgeneration_save, and the password must work for the sign-in tests.
    password = factory.django.Password("secret-pass-123")


class SecretariatAdminFactory(UserFactory):
    role = Role.SECRETARIAT_ADMIN
    is_staff = True


class SecretariatOfficerFactory(UserFactory):
    role = Role.SECRETARIAT_OFFICER
    is_staff = True


class FocalPointFactory(UserFactory):
    role = Role.FOCAL_POINT
    entity = factory.SubFactory(StateFactory)


class ReadOnlyUserFactory(UserFactory):
    role = Role.READ_ONLY
