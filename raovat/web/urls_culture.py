from django.urls import path

from raovat.web.views import culture

app_name = "culture"

urlpatterns = [
    path("ho-so-den/", culture.case_list, name="case_list"),
    path("ket-qua/<str:number>/", culture.outcome, name="outcome"),
]
