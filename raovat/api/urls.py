from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from raovat.api.views import cases, docs, identities, sightings, transitions

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("tai-lieu/", docs.redoc, name="api_redoc"),
    path("swagger/", docs.swagger, name="api_swagger"),
    path("cases/", cases.CaseList.as_view(), name="api_cases"),
    path("cases/<str:number>/", cases.CaseDetailView.as_view(), name="api_case"),
    path("transitions/", transitions.TransitionCreate.as_view(), name="api_transitions"),
    path("sightings/", sightings.SightingCreate.as_view(), name="api_sightings"),
    path("identities/", identities.IdentityCreate.as_view(), name="api_identities"),
]
