from django.urls import path

from raovat.web.views import telecom

app_name = "telecom"

urlpatterns = [
    path("phieu-den/", telecom.dispatch_list, name="dispatch_list"),
    path("phieu-den/<int:pk>/", telecom.dispatch_detail, name="dispatch"),
    path("thong-tin/<str:number>/", telecom.identity, name="identity"),
    path("tra-ve/", telecom.return_to_handler, name="return_to_handler"),
    path("xuat-excel/", telecom.export_identity, name="export_identity"),
    path("nhap-excel/", telecom.import_identity, name="import_identity"),
    path("nhap-excel/<uuid:token>/", telecom.import_preview, name="import_preview"),
    path("nhap-excel/<uuid:token>/cap-nhat/", telecom.import_apply, name="import_apply"),
    path("nhap-excel/<uuid:token>/trang-thai/", telecom.import_status, name="import_status"),
    path("ngung/", telecom.suspension_list, name="suspension_list"),
    path("ngung/thuc-hien/", telecom.suspend, name="suspend"),
    path("ngung/xuat-excel/", telecom.export_suspension, name="export_suspension"),
    path("ngung/nhap-excel/", telecom.import_suspension, name="import_suspension"),
    path("dang-ngung/", telecom.suspended_list, name="suspended_list"),
    path("dang-ngung/khoi-phuc/", telecom.restore, name="restore"),
]
