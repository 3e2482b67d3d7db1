"""The documents the product prints, and which dispatch prints which document."""

from django.db import models

from raovat.cases.workflow import DispatchKind


class DocumentKind(models.TextChoices):
    TRANSFER_SLIP = "transfer_slip", "Phiếu chuyển đề nghị cung cấp thông tin thuê bao"
    RESEND_SLIP = "resend_slip", "Phiếu chuyển lại hồ sơ bổ sung"
    INVITATION = "invitation", "Thư mời"
    VIOLATION_RECORD = "violation_record", "Biên bản vi phạm hành chính"
    REMEDIATION_REQUEST = "remediation_request", "Yêu cầu khắc phục hậu quả"
    SUSPENSION_REQUEST = "suspension_request", "Đề nghị ngưng cung cấp dịch vụ"
    CULTURE_SLIP = "culture_slip", "Phiếu chuyển xử lý vi phạm"
    PENALTY_DECISION = "penalty_decision", "Quyết định xử phạt vi phạm hành chính"
    PERIODIC_REPORT = "periodic_report", "Báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt"


K = DocumentKind

DISPATCH_DOCUMENT = {
    DispatchKind.SUBSCRIBER_INFO: K.TRANSFER_SLIP,
    DispatchKind.RESEND: K.RESEND_SLIP,
    DispatchKind.SUSPENSION: K.SUSPENSION_REQUEST,
    DispatchKind.CULTURE: K.CULTURE_SLIP,
}

# Start of the downloaded file name, e.g. "phieu-chuyen-15-PC-VHTT.pdf".
FILE_SLUGS = {
    K.TRANSFER_SLIP: "phieu-chuyen",
    K.RESEND_SLIP: "phieu-chuyen-bo-sung",
    K.INVITATION: "giay-moi",
    K.VIOLATION_RECORD: "bien-ban",
    K.REMEDIATION_REQUEST: "yeu-cau-khac-phuc",
    K.SUSPENSION_REQUEST: "de-nghi-ngung-dich-vu",
    K.CULTURE_SLIP: "phieu-chuyen-xu-ly",
    K.PENALTY_DECISION: "quyet-dinh-xu-phat",
    K.PERIODIC_REPORT: "bao-cao",
}
