from django.urls import path

from raovat.jobs import views

urlpatterns = [
    path("viec-nen/<int:pk>/", views.job_progress, name="job_progress"),
    path("viec-nen/<int:pk>/tep/", views.job_result, name="job_result"),
]
