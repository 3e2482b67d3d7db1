"""What each kind of background job is called on screen (the administration's job list)."""

KIND_LABELS = {
    "carrier_import_apply": "Cập nhật thông tin thuê bao từ tệp Excel của nhà mạng",
    "notifications.digests": "Gửi thư điện tử tổng hợp việc cần làm",
    "notifications.dispatch_arrived": "Báo phiếu chuyển mới đến đơn vị",
    "messaging.sms_send": "Gửi tin nhắn SMS",
    "document_pdf": "Tạo tệp PDF văn bản",
    "cases.search_export": "Xuất Excel kết quả tra cứu hồ sơ",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
