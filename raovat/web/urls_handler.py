from django.urls import path

from raovat.web.views import dispatch, handler, returned, sanction

app_name = "handler"

urlpatterns = [
    path("xac-nhan/", handler.confirm_list, name="confirm_list"),
    path("xac-nhan/thuc-hien/", handler.confirm, name="confirm"),
    path("xac-nhan/tra-ve/", handler.return_to_reporter, name="return_to_reporter"),
    path("xac-nhan/<str:number>/", handler.confirm_case, name="confirm_case"),
    path("chuyen-so/", handler.send_list, name="send_list"),
    path("lap-phieu/<str:action>/", handler.dispatch_start, name="dispatch_start"),
    path("phieu/<int:pk>/", dispatch.dispatch_page, name="dispatch"),
    path("phieu/<int:pk>/dinh-kem/", dispatch.dispatch_attach, name="dispatch_attach"),
    path("phieu/<int:pk>/ghi-chu/", dispatch.dispatch_note, name="dispatch_note"),
    path("phieu/<int:pk>/bo-qua/<int:case_pk>/", dispatch.dispatch_drop, name="dispatch_drop"),
    path("phieu/<int:pk>/chon/", dispatch.dispatch_choose, name="dispatch_choose"),
    path("phieu/<int:pk>/chuyen/", dispatch.dispatch_send, name="dispatch_send"),
    path("phieu/<int:pk>/in/", dispatch.dispatch_print, name="dispatch_print"),
    path("lien-he/", handler.contact_list, name="contact_list"),
    path("lien-he/<str:number>/", handler.contact, name="contact"),
    path("lien-he/<str:number>/thu-moi/", handler.invitation_create, name="invitation_create"),
    path(
        "lien-he/<str:number>/thu-moi/<int:pk>/tai-len/",
        handler.invitation_upload,
        name="invitation_upload",
    ),
    path("lien-he/<str:number>/goi-dien/", handler.call_create, name="call_create"),
    path("lien-he/<str:number>/hoan-tat/", handler.contact_done, name="contact_done"),
    path("xu-ly-vi-pham/", handler.process_list, name="process_list"),
    path("xu-ly-vi-pham/chon/", dispatch.process_choose, name="process_choose"),
    path("xu-ly-vi-pham/lap-phieu/", dispatch.process_start, name="process_start"),
    path("bien-ban/<str:number>/", handler.penalty, name="penalty"),
    path("cho-nop-phat/", sanction.decided_list, name="decided_list"),
    path("quyet-dinh/<str:number>/", sanction.decision, name="decision"),
    path("nop-phat/<str:number>/", sanction.payment, name="payment"),
    path("tra-ve-tu-so/", handler.returned_list, name="returned_list"),
    path("tra-ve-tu-so/<str:number>/", returned.returned_case, name="returned_case"),
    path("tra-ve-tu-so/<str:number>/so-thue-bao/", returned.phone_correct, name="returned_phone"),
    path(
        "tra-ve-tu-so/<str:number>/lan-phat-hien/<int:pk>/",
        returned.sighting_edit,
        name="returned_sighting",
    ),
    path(
        "tra-ve-tu-so/<str:number>/hinh-anh/<int:pk>/", returned.photos_add, name="returned_photos"
    ),
    path("tra-ve-tu-so/<str:number>/tra-phuong/", returned.send_back, name="returned_send_back"),
    path("tra-ve-tu-so/<str:number>/huy/", returned.cancel, name="returned_cancel"),
]
