"""What each kind of background job is called on screen (the administration's job list)."""

KIND_LABELS = {
    "carrier_import_apply": "Cập nhật thông tin thuê bao từ tệp Excel của nhà mạng",
    "notifications.digests": "Gửi thư điện tử tổng hợp việc cần làm",
    "notifications.dispatch_arrived": "Báo phiếu chuyển mới đến đơn vị",
    "messaging.sms_send": "Gửi tin nhắn SMS",
    "document_pdf": "Tạo tệp PDF văn bản",
    "cases.due_dates_refresh": "Cập nhật hạn xử lý của hồ sơ theo lịch ngày làm việc",
    "cases.search_export": "Xuất Excel kết quả tra cứu hồ sơ",
    "cases.photo_numbers_read": "Đọc số thuê bao trên ảnh vi phạm",
    "api.webhook_deliver": "Gửi sự kiện đến ứng dụng kết nối (webhook)",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)
