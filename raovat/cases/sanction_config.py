"""CONFIGURATION of the sanction's wording (unverified against the gazette).

A deployment overrides any entry with the setting SANCTION, a dict with the same keys.
The periods of the law (limitation, payment, repeat offence, the decision's deadline)
are not here: they are the `LegalClock` rows an administrator edits, each with its
provision ("Thời hạn theo luật"), read through `raovat.cases.clocks`.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    "aggravating_repeat": (
        "Tái phạm (điểm b khoản 1 Điều 10 Luật Xử lý vi phạm hành chính): đã bị xử phạt "
        "theo Quyết định số {number} ngày {day}."
    ),
    "decision_series": "QĐ-XPHC",
}

# Keys an earlier version read here; their values now live in "Thời hạn theo luật".
MOVED_TO_LEGAL_CLOCKS = {
    "limitation_years": "Thời hiệu xử phạt",
    "repeat_months": "Thời hạn tính tái phạm",
    "payment_days": "Hạn nộp phạt",
}


def value(key: str):
    overrides = getattr(settings, "SANCTION", {})
    moved = sorted(set(overrides) & set(MOVED_TO_LEGAL_CLOCKS))
    if moved:
        # Silently ignoring them would apply another period than the deployment set.
        raise ImproperlyConfigured(
            "SANCTION: " + ", ".join(moved) + " are edited in the administration as "
            "“Thời hạn theo luật” ("
            + ", ".join(MOVED_TO_LEGAL_CLOCKS[k] for k in moved)
            + "), not in the settings."
        )
    return overrides.get(key, DEFAULTS[key])
