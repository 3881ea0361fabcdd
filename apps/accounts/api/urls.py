from rest_framework.routers import SimpleRouter

from .views import AuthViewSet, UserViewSet

router = SimpleRouter()
router.register("auth", AuthViewSet, basename="auth")
router.register("users", UserViewSet, basename="user")

urlpatterns = router.urls
