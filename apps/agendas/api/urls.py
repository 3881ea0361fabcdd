from rest_framework.routers import SimpleRouter

from .views import AgendaItemViewSet, AgendaViewSet, InterventionViewSet

router = SimpleRouter()
router.register("agendas", AgendaViewSet, basename="agenda")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("interventions", InterventionViewSet, basename="intervention")

urlpatterns = router.urls
