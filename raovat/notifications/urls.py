from django.urls import path

from raovat.notifications import views

urlpatterns = [
    path("ca-nhan/", views.profile, name="profile"),
]
