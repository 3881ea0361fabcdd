from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import TokenAuthentication
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from apps.core.openapi import ErrorSerializer

from .. import selectors, services
from ..models import User
from ..permissions import AdministratorOnly
from ..throttling import SignInRateThrottle
from .filters import UserFilter
from .serializers import (
    CreateUserInputSerializer,
    ObtainTokenInputSerializer,
    TokenSerializer,
    UserSerializer,
)

TOO_MANY_SIGN_INS = {
    429: OpenApiResponse(
        ErrorSerializer,
        description="Too many requests for a token from this address (`throttled`), or too "
        "many failed sign-ins of this username from it (`locked_out`); `Retry-After` says "
        "how many seconds to wait.",
        examples=[
            OpenApiExample(
                "Locked out",
                value={
                    "error": {
                        "code": "locked_out",
                        "message": "Account locked: too many login attempts. Please try again "
                        "later.",
                        "fields": {},
                        "non_field_errors": [],
                    }
                },
                status_codes=["429"],
            )
        ],
    )
}


@extend_schema(tags=["auth"])
class AuthViewSet(viewsets.GenericViewSet):
    """Tokens for integrations, and who the caller is. Browsers use the admin's session."""

    serializer_class = TokenSerializer
    pagination_class = None
    filter_backends = ()

    @extend_schema(
        summary="Obtain your API token",
        description="Exchange a username and password for the account's token (the same token "
        "until it is revoked). Send it as `Authorization: Token <token>`. An address may ask "
        "SIGN_IN_RATE times (10 a minute by default); a username that failed "
        "LOGIN_FAILURE_LIMIT times from an address is locked out for LOGIN_COOLOFF_MINUTES "
        "there, here and on the admin's sign-in page alike (429, `Retry-After`).",
        request=ObtainTokenInputSerializer,
        responses={200: TokenSerializer, **TOO_MANY_SIGN_INS},
        auth=[],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="token",
        permission_classes=[AllowAny],
        # Tokens only: a browser's session cookie must not turn a sign-in into a CSRF failure.
        authentication_classes=[TokenAuthentication],
        throttle_classes=[SignInRateThrottle],
    )
    def token(self, request):
        payload = ObtainTokenInputSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        user = payload.validated_data["user"]
        # A sign-in, as the admin's: it clears the failures counted against the user here
        # (django-axes) and records the time of the last sign-in.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token = services.issue_token(user=user)
        return Response(TokenSerializer(token).data)

    @extend_schema(
        summary="Revoke your API token",
        description="Revoke the token this request is signed with.",
        request=None,
        responses={204: OpenApiResponse(description="The token is revoked.")},
    )
    @token.mapping.delete
    def revoke_token(self, request):
        services.revoke_token(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Who you are, and your role", responses={200: UserSerializer})
    @action(detail=False, methods=["get"], permission_classes=[IsAuthenticated])
    def me(self, request):
        return Response(UserSerializer(request.user).data)

    def get_permissions(self):
        if self.action == "revoke_token":
            return [IsAuthenticated()]
        return super().get_permissions()


@extend_schema_view(
    list=extend_schema(summary="List user accounts"),
    retrieve=extend_schema(summary="One user account"),
    create=extend_schema(
        summary="Create a user account with a role",
        request=CreateUserInputSerializer,
        responses={201: UserSerializer},
    ),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """User accounts and their roles: the secretariat administrator's."""

    serializer_class = UserSerializer
    permission_classes = (AdministratorOnly,)
    filterset_class = UserFilter
    ordering_fields = ("username", "date_joined")

    def get_queryset(self) -> QuerySet[User]:
        return selectors.users_for_list()

    def create(self, request, *args, **kwargs):
        payload = CreateUserInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = services.create_user(**payload.validated_data)
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Issue a user's API token (an integration account's)",
        request=None,
        responses={200: TokenSerializer},
    )
    @action(detail=True, methods=["post"])
    def token(self, request, pk=None):
        token = services.issue_token(user=self.get_object())
        return Response(TokenSerializer(token).data)
