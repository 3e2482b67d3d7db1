"""The whole workflow of a case on one screen: its states and the transition table.

`raovat.cases.services.transitions.case_transition` is the only code that applies it.
"""

from dataclasses import dataclass

from django.db import models

from raovat.units.models import Role


class State(models.TextChoices):
    DRAFT = "draft", "Đang lập"
    AWAITING_CONFIRMATION = "awaiting_confirmation", "Chờ xác nhận"
    RETURNED_TO_REPORTER = "returned_to_reporter", "Trả về bổ sung"
    CONFIRMED = "confirmed", "Đã xác nhận – chờ chuyển {telecom}"
    AT_TELECOM = "at_telecom", "Chờ cung cấp thông tin thuê bao"
    RETURNED_BY_TELECOM = "returned_by_telecom", "{telecom} trả về"
    TO_CONTACT = "to_contact", "Chờ liên hệ chủ thuê bao"
    AWAITING_SUBSCRIBER = "awaiting_subscriber", "Chờ xử lý"
    DECIDED = "decided", "Đã ra quyết định xử phạt – chờ nộp phạt"
    SUSPENSION_REQUESTED = "suspension_requested", "Đã yêu cầu ngưng cung cấp dịch vụ"
    SUSPENDED = "suspended", "Đã ngưng cung cấp dịch vụ"
    AT_CULTURE = "at_culture", "Đã chuyển {culture} xử lý"
    CLOSED = "closed", "Đã kết thúc"
    CANCELLED = "cancelled", "Đã hủy"


S = State
FINAL_STATES = frozenset({S.CLOSED, S.CANCELLED})
OPEN_STATES = frozenset(State) - FINAL_STATES
# The steps where the handling unit contacts the subscriber (letters, calls, texts).
CONTACT_STATES = frozenset({S.TO_CONTACT, S.AWAITING_SUBSCRIBER})

# Which role of the case's route must act while the case is in a state.
STATE_ACTOR = {
    S.DRAFT: Role.REPORTER,
    S.RETURNED_TO_REPORTER: Role.REPORTER,
    S.AWAITING_CONFIRMATION: Role.HANDLER,
    S.CONFIRMED: Role.HANDLER,
    S.RETURNED_BY_TELECOM: Role.HANDLER,
    S.TO_CONTACT: Role.HANDLER,
    S.AWAITING_SUBSCRIBER: Role.HANDLER,
    S.DECIDED: Role.HANDLER,
    S.AT_TELECOM: Role.TELECOM,
    S.SUSPENSION_REQUESTED: Role.TELECOM,
    S.SUSPENDED: Role.TELECOM,
    S.AT_CULTURE: Role.CULTURE,
}


class Need(models.TextChoices):
    """What a transition requires besides the right state and unit."""

    NOTE = "note", "ghi chú"
    SENDABLE = "sendable", "số thuê bao hợp lệ và ít nhất một hình ảnh"
    DISPATCH = "dispatch", "phiếu chuyển có tệp đã ký"
    IDENTITY = "identity", "thông tin chủ thuê bao"
    CONTACT = "contact", "ít nhất một lần liên hệ"
    SUSPENSION = "suspension", "ngày ngưng và số tham chiếu của nhà mạng"
    OUTCOME = "outcome", "kết quả và số quyết định"
    DECISION = "decision", "biên bản, quyết định xử phạt đã ký, mức phạt trong khung, còn thời hiệu"
    PAYMENT = "payment", "quyết định xử phạt và biên lai nộp phạt"
    OVERDUE = "overdue", "đã quá hạn nộp phạt mà chưa nộp (nếu đã có quyết định)"
    PAID = "paid", "đã nộp phạt, hoặc ghi chú quyết định của đơn vị xử lý"


class DispatchKind(models.TextChoices):
    """Kinds of dispatch ("phiếu chuyển"); a transition that needs one names its kind."""

    SUBSCRIBER_INFO = "subscriber_info", "Đề nghị cung cấp thông tin thuê bao"
    RESEND = "resend", "Chuyển lại hồ sơ bổ sung"
    SUSPENSION = "suspension", "Đề nghị ngưng cung cấp dịch vụ"
    CULTURE = "culture", "Chuyển xử lý vi phạm"


# Dispatches that ask the telecom authority for the subscriber's identity.
IDENTITY_KINDS = (DispatchKind.SUBSCRIBER_INFO, DispatchKind.RESEND)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: State
    actor: str  # a Role, or HOLDER: whichever unit the case waits for
    needs: frozenset = frozenset()
    dispatch_kind: str = ""


HOLDER = "holder"
N = Need


def _t(action, label, sources, target, actor, needs=(), dispatch_kind=""):
    return Transition(
        action, label, frozenset(sources), target, actor, frozenset(needs), dispatch_kind
    )


TRANSITIONS = {t.action: t for t in [
    # action             button label                  from                                   to                       who           requires
    _t("submit",         "Gửi xác nhận",               [S.DRAFT, S.RETURNED_TO_REPORTER],     S.AWAITING_CONFIRMATION, Role.REPORTER, [N.SENDABLE]),
    _t("confirm",        "Xác nhận",                   [S.AWAITING_CONFIRMATION],             S.CONFIRMED,             Role.HANDLER),
    _t("return_to_reporter", "Trả về bổ sung",         [S.AWAITING_CONFIRMATION, S.RETURNED_BY_TELECOM], S.RETURNED_TO_REPORTER, Role.HANDLER, [N.NOTE]),
    _t("send_to_telecom", "Chuyển {telecom}",          [S.CONFIRMED],                         S.AT_TELECOM,            Role.HANDLER,  [N.DISPATCH], DispatchKind.SUBSCRIBER_INFO),
    _t("provide_identity", "Cung cấp thông tin thuê bao", [S.AT_TELECOM],                    S.TO_CONTACT,            Role.TELECOM,  [N.IDENTITY]),
    _t("return_to_handler", "Trả về",                  [S.AT_TELECOM],                        S.RETURNED_BY_TELECOM,   Role.TELECOM,  [N.NOTE]),
    _t("resend_to_telecom", "Chuyển lại {telecom}",    [S.RETURNED_BY_TELECOM],               S.AT_TELECOM,            Role.HANDLER,  [N.DISPATCH], DispatchKind.RESEND),
    _t("contact_done",   "Hoàn tất liên hệ",           [S.TO_CONTACT],                        S.AWAITING_SUBSCRIBER,   Role.HANDLER,  [N.CONTACT]),
    _t("decide",         "Ra quyết định xử phạt",      [S.AWAITING_SUBSCRIBER],               S.DECIDED,               Role.HANDLER,  [N.DECISION]),
    _t("record_payment", "Ghi nhận nộp phạt",          [S.DECIDED],                           S.CLOSED,                Role.HANDLER,  [N.PAYMENT]),
    _t("record_payment_on_request", "Ghi nhận nộp phạt", [S.SUSPENSION_REQUESTED],           S.SUSPENSION_REQUESTED,  Role.HANDLER,  [N.PAYMENT]),
    _t("record_late_payment", "Ghi nhận nộp phạt",     [S.SUSPENDED],                         S.SUSPENDED,             Role.HANDLER,  [N.PAYMENT]),
    _t("request_suspension", "Yêu cầu {telecom} ngưng cung cấp dịch vụ", [S.AWAITING_SUBSCRIBER, S.DECIDED], S.SUSPENSION_REQUESTED, Role.HANDLER, [N.DISPATCH, N.OVERDUE], DispatchKind.SUSPENSION),
    _t("send_to_culture", "Gởi {culture} xử lý",       [S.AWAITING_SUBSCRIBER, S.DECIDED],    S.AT_CULTURE,            Role.HANDLER,  [N.DISPATCH, N.OVERDUE], DispatchKind.CULTURE),
    _t("suspend",        "Ngưng cung cấp dịch vụ",     [S.SUSPENSION_REQUESTED],              S.SUSPENDED,             Role.TELECOM,  [N.SUSPENSION]),
    _t("restore",        "Khôi phục dịch vụ",          [S.SUSPENDED],                         S.CLOSED,                Role.TELECOM,  [N.NOTE, N.PAID]),
    _t("close",          "Kết thúc hồ sơ",             [S.AT_CULTURE],                        S.CLOSED,                Role.CULTURE,  [N.OUTCOME]),
    _t("cancel",         "Hủy hồ sơ",                  OPEN_STATES,                           S.CANCELLED,             HOLDER,        [N.NOTE]),
]}  # fmt: skip

# "Ghi nhận nộp phạt" in each state it may be recorded in: a decided case closes; one
# whose suspension was requested or done stays with the telecom authority, which restores
# it (Need.PAID) once suspended.
PAYMENT_ACTION = {
    source: t.action
    for t in TRANSITIONS.values()
    if Need.PAYMENT in t.needs
    for source in t.sources
}

# The transition that sends each kind of dispatch.
DISPATCH_ACTION = {t.dispatch_kind: t.action for t in TRANSITIONS.values() if t.dispatch_kind}

# History events that are not transitions: the case keeps its state.
EVENT_LABELS = {
    "open": "Lập hồ sơ",
    "add_sighting": "Thêm lần phát hiện",
    "correct_sighting": "Sửa lần phát hiện",
    "correct_phone": "Sửa số thuê bao",
    "add_photos": "Bổ sung hình ảnh vi phạm",
    "rechain": "Chuyển đơn vị xử lý",
    "anonymise": "Ẩn danh thông tin chủ thuê bao",
    **{a: t.label for a, t in TRANSITIONS.items()},
}
