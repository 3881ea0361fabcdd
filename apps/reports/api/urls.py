from rest_framework.routers import SimpleRouter

from .views import ReportDraftViewSet, ReportTemplateViewSet

router = SimpleRouter()
router.register("report-drafts", ReportDraftViewSet, basename="report-draft")
router.register("report-templates", ReportTemplateViewSet, basename="report-template")

urlpatterns = router.urls
