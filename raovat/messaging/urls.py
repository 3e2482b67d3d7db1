from django.urls import path

from raovat.messaging import views

urlpatterns = [
    path("ho-so/<str:number>/tin-nhan/", views.sms_list, name="sms_list"),
    path("ho-so/<str:number>/tin-nhan/gui/", views.sms_send, name="sms_send"),
    path(
        "tin-nhan/bao-cao/<int:message_id>/<int:attempt>/<str:token>/",
        views.sms_report,
        name="sms_report",
    ),
]
