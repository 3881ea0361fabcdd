from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.entities.models import Entity

from ..enums import Role
from ..models import User
from ..throttling import LockedOut, is_locked_out


class UserSerializer(ModelSerializer):
    entity_code = serializers.CharField(
        source="entity.code",
        read_only=True,
        allow_null=True,
        help_text="The code of the State a focal point acts for.",
    )

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "role",
            "entity",
            "entity_code",
            "is_active",
            "date_joined",
        )
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A focal point",
            value={
                "username": "focal.pan",
                "email": "focal@example.org",
                "password": "a long passphrase",
                "role": "focal_point",
                "entity": 42,
            },
            request_only=True,
        ),
        OpenApiExample(
            "An integration account (token only)",
            value={"username": "docs-portal", "role": "read_only"},
            request_only=True,
        ),
    ]
)
class CreateUserInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    first_name = serializers.CharField(max_length=150, required=False, default="")
    last_name = serializers.CharField(max_length=150, required=False, default="")
    password = serializers.CharField(
        required=False,
        write_only=True,
        style={"input_type": "password"},
        help_text="Leave out for an integration account that signs in with a token only.",
    )
    role = serializers.ChoiceField(choices=Role.choices)
    entity = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="For a focal point: the State it acts for.",
    )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Sign in",
            value={"username": "officer", "password": "a long passphrase"},
            request_only=True,
        )
    ]
)
class ObtainTokenInputSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        user = authenticate(
            request=self.context.get("request"),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            if is_locked_out(self.context.get("request")):
                raise LockedOut(self.context.get("request"))
            raise serializers.ValidationError(
                _("Unable to sign in with these credentials."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        source="key", help_text="Send it as `Authorization: Token <token>`."
    )
    created = serializers.DateTimeField()
    user = UserSerializer()
