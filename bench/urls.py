"""The project's URLs plus `/bench/bare/...`: the baselines of the API benchmark."""

from django.urls import path

from bwcmeet.urls import handler404
from bwcmeet.urls import urlpatterns as project_urlpatterns

from . import bare

urlpatterns = [
    *project_urlpatterns,
    path("bench/bare/meetings/<int:pk>/", bare.meeting_detail),
    path("bench/bare/delegations/", bare.delegation_list),
    path("bench/bare/documents/", bare.document_search),
]

__all__ = ["handler404", "urlpatterns"]
