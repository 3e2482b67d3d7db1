"""The fields an SMS template may use, and filling them in for one case."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

PLACEHOLDERS = {
    "so_thue_bao": "số thuê bao",
    "so_ho_so": "số hồ sơ",
    "don_vi": "tên đơn vị xử lý",
    "dia_chi": "địa chỉ đơn vị xử lý",
    "thoi_gian": "thời gian mời đến làm việc (thư mời mới nhất)",
    "dien_thoai": "điện thoại liên hệ của cán bộ hoặc đơn vị",
}
FIELD = re.compile(r"\{([^{}]*)\}")

HELP = "Các trường được dùng: " + "; ".join(
    f"{{{name}}} – {label}" for name, label in PLACEHOLDERS.items()) + "."


def unknown_fields(text: str) -> list[str]:
    return sorted({m.group(1) for m in FIELD.finditer(text) if m.group(1) not in PLACEHOLDERS})


def validate_template_text(text: str) -> None:
    unknown = unknown_fields(text)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise ValidationError(f"Mẫu tin nhắn có trường không hợp lệ: {names}. {HELP}",
                              code="unknown_placeholder")


def case_values(case, actor) -> dict[str, str]:
    unit = case.handling_unit
    invitation = case.invitations.order_by("-meeting_at", "-id").first()
    meeting = ""
    if invitation is not None:
        meeting = timezone.localtime(invitation.meeting_at).strftime("%H:%M ngày %d/%m/%Y")
    return {
        "so_thue_bao": case.phone_display,
        "so_ho_so": case.number,
        "don_vi": unit.name if unit else "",
        "dia_chi": unit.address if unit else "",
        "thoi_gian": meeting,
        "dien_thoai": getattr(actor, "phone", "") or (unit.phone if unit else ""),
    }


def fill(text: str, values: dict[str, str]) -> str:
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)
