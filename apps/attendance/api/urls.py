from rest_framework.routers import SimpleRouter

from .views import (
    AttendanceRecordViewSet,
    NominationViewSet,
    ParticipantImportViewSet,
    ParticipantListViewSet,
    RegistrationViewSet,
)

router = SimpleRouter()
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("nominations", NominationViewSet, basename="nomination")
router.register("attendance", AttendanceRecordViewSet, basename="attendance")
router.register("participant-lists", ParticipantListViewSet, basename="participant-list")
router.register("participant-imports", ParticipantImportViewSet, basename="participant-import")

urlpatterns = router.urls
