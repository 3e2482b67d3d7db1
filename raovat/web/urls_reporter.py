from django.urls import path

from raovat.web.views import reporter

app_name = "reporter"

urlpatterns = [
    path("", reporter.record, name="record"),
    path("doc-so/", reporter.ocr, name="ocr"),
    path("doc-so/<int:pk>/", reporter.ocr_result, name="ocr_result"),
    path("anh-cho-luu/<uuid:token>/", reporter.pending_photo, name="pending_photo"),
    path("kiem-tra-so/", reporter.number_check, name="number_check"),
    path("dang-lap/", reporter.drafts, name="drafts"),
    path("tra-ve/", reporter.returned, name="returned"),
    path("gui/", reporter.submit, name="submit"),
    path("huy/", reporter.cancel, name="cancel"),
    path("ho-so/<str:number>/", reporter.complete, name="complete"),
    path("ho-so/<str:number>/them/", reporter.add_sighting, name="add_sighting"),
    path("ho-so/<str:number>/sua/<int:pk>/", reporter.correct_sighting, name="correct_sighting"),
]
