from rest_framework.routers import SimpleRouter

from .views import EntityViewSet, RegionalGroupViewSet, StateViewSet

router = SimpleRouter()
router.register("states", StateViewSet, basename="state")
router.register("entities", EntityViewSet, basename="entity")
router.register("regional-groups", RegionalGroupViewSet, basename="regional-group")

urlpatterns = router.urls
