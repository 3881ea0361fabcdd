from rest_framework.routers import SimpleRouter

from .views import DelegationMemberViewSet, DelegationViewSet

router = SimpleRouter()
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("delegation-members", DelegationMemberViewSet, basename="delegation-member")

urlpatterns = router.urls
