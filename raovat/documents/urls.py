from django.urls import path

from raovat.documents import views

app_name = "documents"

urlpatterns = [
    path("phieu-chuyen/<int:pk>/", views.dispatch_document, name="dispatch"),
    path("thu-moi/<int:pk>/", views.invitation_document, name="invitation"),
    path("bien-ban/<int:pk>/", views.violation_record_document, name="violation_record"),
    path("khac-phuc/<int:pk>/", views.remediation_document, name="remediation"),
    path("quyet-dinh/<int:pk>/", views.penalty_decision_document, name="penalty_decision"),
]
