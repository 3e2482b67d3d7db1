from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from raovat.web import csp_report, files, health
from raovat.web.views import cases as views
from raovat.web.views import map as map_views
from raovat.web.views import report, sanction, search, statistics

admin.site.site_header = "Quản trị hệ thống – Quản lý số thuê bao quảng cáo rao vặt"
admin.site.site_title = "Quản trị hệ thống"
admin.site.index_title = "Danh mục quản trị"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("raovat.accounts.urls")),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("viec/<str:state>/", views.worklist, name="worklist"),
    path("ho-so/<str:number>/", views.case_detail, name="case_detail"),
    path("xu-ly/", include("raovat.web.urls_handler")),
    path("phat-hien/", include("raovat.web.urls_reporter")),
    path("vien-thong/", include("raovat.web.urls_telecom")),
    path("van-hoa/", include("raovat.web.urls_culture")),
    path("chu-thue-bao/<str:id_number>/", sanction.subscriber, name="subscriber"),
    path("tra-cuu/", search.search, name="search"),
    path("tra-cuu/xuat-excel/", search.search_export, name="search_export"),
    path("tra-cuu/xuat-excel/<int:pk>/", search.search_export_job, name="search_export_job"),
    path("thong-ke/", statistics.statistics, name="statistics"),
    path("thong-ke/xuat-excel/", statistics.statistics_export, name="statistics_export"),
    path("ban-do/", map_views.map_page, name="map"),
    path("ban-do/du-lieu/", map_views.map_data, name="map_data"),
    path("tep/anh/<int:pk>/", files.photo, name="photo"),
    path("tep/anh/<int:pk>/nho/", files.photo, {"thumbnail": True}, name="photo_thumbnail"),
    path("tep/qua-trinh/<int:pk>/", files.event_attachment, name="event_attachment"),
    path("tep/phieu-chuyen/<int:pk>/", files.dispatch_scan, name="dispatch_scan"),
    path("tep/thu-moi/<int:pk>/", files.invitation_scan, name="invitation_scan"),
    path("bao-cao/", report.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", report.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/in/", report.report_document, name="report_document"),
    path("in/", include("raovat.documents.urls")),
    path("", include("raovat.messaging.urls")),
    path("", include("raovat.jobs.urls")),
    path("", include("raovat.notifications.urls")),
    path("quan-tri/", admin.site.urls),
    path("suc-khoe/", health.health, name="health"),
    path("csp-bao-cao/", csp_report.csp_report, name="csp_report"),
    path("api/v1/", include("raovat.api.urls")),
]

handler400 = "raovat.accounts.errors.bad_request"
