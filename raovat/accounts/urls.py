from django.urls import path

from raovat.accounts import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/ma-otp/", views.otp_verify, name="otp_verify"),
    path("ca-nhan/doi-mat-khau/", views.password_change, name="password_change"),
    path("ca-nhan/xac-thuc-hai-lop/", views.otp_enrol, name="otp_enrol"),
    path("ca-nhan/xac-thuc-hai-lop/tat/", views.otp_disable, name="otp_disable"),
]
