from rest_framework.routers import SimpleRouter

from .views import ChairRotationViewSet, MeetingViewSet

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("chair-rotations", ChairRotationViewSet, basename="chair-rotation")

urlpatterns = router.urls
