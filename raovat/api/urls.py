import json

from django.http import HttpResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from raovat.api.problems import DETAILS, PROBLEM, TITLES
from raovat.api.views import (
    cases,
    dispatches,
    docs,
    files,
    identities,
    records,
    sanction,
    sightings,
    statistics,
    suspensions,
    transitions,
)


@csrf_exempt  # it changes nothing; a POST to a wrong address gets the API's 404 too
def not_found(request, rest=""):
    """Any other address under the API (a negative id, a typo) answers as the API does."""
    body = {"type": "about:blank", "title": TITLES[404], "status": 404, "detail": DETAILS[404]}
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=404, content_type=PROBLEM)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("tai-lieu/", docs.redoc, name="api_redoc"),
    path("swagger/", docs.swagger, name="api_swagger"),
    path("cases/", cases.CaseList.as_view(), name="api_cases"),
    path("cases/<str:number>/", cases.CaseDetailView.as_view(), name="api_case"),
    path("cases/<str:number>/record/", records.RecordCreate.as_view(), name="api_record"),
    path("cases/<str:number>/decision/", sanction.DecisionCreate.as_view(), name="api_decision"),
    path("cases/<str:number>/payment/", sanction.PaymentCreate.as_view(), name="api_payment"),
    path("photos/<int:pk>/", files.PhotoFile.as_view(), name="api_photo"),
    path("attachments/<int:pk>/", files.EventAttachment.as_view(), name="api_attachment"),
    path("transitions/", transitions.TransitionCreate.as_view(), name="api_transitions"),
    path("sightings/", sightings.SightingCreate.as_view(), name="api_sightings"),
    path("identities/", identities.IdentityCreate.as_view(), name="api_identities"),
    path("statistics/", statistics.StatisticsView.as_view(), name="api_statistics"),
    path("suspensions/", suspensions.SuspensionCreate.as_view(), name="api_suspensions"),
    path("restores/", suspensions.RestoreCreate.as_view(), name="api_restores"),
    path("dispatches/", dispatches.DispatchCreate.as_view(), name="api_dispatches"),
    path("dispatches/<int:pk>/", dispatches.DispatchDetail.as_view(), name="api_dispatch"),
    path(
        "dispatches/<int:pk>/cases/", dispatches.DispatchCases.as_view(), name="api_dispatch_cases"
    ),
    path(
        "dispatches/<int:pk>/cases/<str:number>/",
        dispatches.DispatchCase.as_view(),
        name="api_dispatch_case",
    ),
    path(
        "dispatches/<int:pk>/document/",
        dispatches.DispatchDocument.as_view(),
        name="api_dispatch_document",
    ),
    path("dispatches/<int:pk>/scan/", dispatches.DispatchScan.as_view(), name="api_dispatch_scan"),
    path("dispatches/<int:pk>/send/", dispatches.DispatchSend.as_view(), name="api_dispatch_send"),
    # [\s\S], not ".": an address with an encoded line break (%0A) is the API's 404 too.
    re_path(r"^(?P<rest>[\s\S]*)$", not_found),
]
