"""The fields an SMS template may use, and filling them in for one case.

A template is filled only when every field it uses has a value (`raovat.cases.required`):
"…đến làm việc lúc  tại …" is never sent.
"""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from raovat.cases.required import Slot, missing_sentence, missing_slots, require_values

_UNIT = "thông tin đơn vị xử lý"
_INVITATION = "thư mời"
# name: (what the administrator reads, where the value comes from)
PLACEHOLDERS = {
    "so_thue_bao": ("số thuê bao", Slot("hồ sơ", "số thuê bao")),
    "so_ho_so": ("số hồ sơ", Slot("hồ sơ", "số hồ sơ")),
    "don_vi": ("tên đơn vị xử lý", Slot(_UNIT, "tên đơn vị")),
    "dia_chi": ("địa chỉ đơn vị xử lý", Slot(_UNIT, "địa chỉ")),
    "thoi_gian": ("thời gian mời đến làm việc (thư mời mới nhất)", Slot(_INVITATION, "thời gian")),
    "dia_diem": ("địa điểm mời đến làm việc (thư mời mới nhất)", Slot(_INVITATION, "địa điểm")),
    "dien_thoai": (
        "điện thoại liên hệ của cán bộ hoặc đơn vị",
        Slot("điện thoại liên hệ", "số điện thoại của cán bộ hoặc đơn vị"),
    ),
}
FIELD = re.compile(r"\{([^{}]*)\}")

HELP = (
    "Các trường được dùng: "
    + "; ".join(f"{{{name}}} – {label}" for name, (label, _) in PLACEHOLDERS.items())
    + "."
)


def used_fields(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in FIELD.finditer(text)))


def unknown_fields(text: str) -> list[str]:
    return sorted({name for name in used_fields(text) if name not in PLACEHOLDERS})


def validate_template_text(text: str) -> None:
    unknown = unknown_fields(text)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise ValidationError(
            f"Mẫu tin nhắn có trường không hợp lệ: {names}. {HELP}", code="unknown_placeholder"
        )


def case_values(case, actor) -> dict[str, str]:
    unit = case.handling_unit
    invitation = case.invitations.order_by("-meeting_at", "-id").first()
    meeting = place = ""
    if invitation is not None:
        meeting = timezone.localtime(invitation.meeting_at).strftime("%H:%M ngày %d/%m/%Y")
        place = invitation.meeting_place
    return {
        "so_thue_bao": case.phone_display,
        "so_ho_so": case.number,
        "don_vi": unit.name if unit else "",
        "dia_chi": unit.address if unit else "",
        "thoi_gian": meeting,
        "dia_diem": place,
        "dien_thoai": getattr(actor, "phone", "") or (unit.phone if unit else ""),
    }


def _needed(text: str) -> dict[str, Slot]:
    return {name: PLACEHOLDERS[name][1] for name in used_fields(text) if name in PLACEHOLDERS}


def missing(text: str, values: dict[str, str]) -> str:
    """The sentence naming what the template lacks for these values, or ""."""
    slots = missing_slots(values, _needed(text))
    return missing_sentence(slots) if slots else ""


def fill(text: str, values: dict[str, str]) -> str:
    """The template with its fields filled; refuses (MissingValues) if one would be blank."""
    require_values(values, _needed(text))
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)
