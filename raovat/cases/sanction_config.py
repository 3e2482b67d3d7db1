"""CONFIGURATION of the sanction: periods and wording with their legal source (unverified).

A deployment overrides any entry with the setting SANCTION, a dict with the same keys.
"""

from django.conf import settings

DEFAULTS = {
    # Limitation for advertising violations: 1 year from the violation (art. 6 of the Law
    # on Handling Administrative Violations, as commonly cited; not checked against the
    # gazette).
    "limitation_years": 1,
    # A repeat offence: a penalty decision on the same subscriber or number within the
    # previous N months (art. 10 of the same Law, as the issue states it).
    "repeat_months": 12,
    # The payment deadline offered on the decision form: 10 days from receipt (art. 73).
    "payment_days": 10,
    "aggravating_repeat": (
        "Tái phạm (điểm b khoản 1 Điều 10 Luật Xử lý vi phạm hành chính): đã bị xử phạt "
        "theo Quyết định số {number} ngày {day}."
    ),
    "decision_series": "QĐ-XPHC",
}


def value(key: str):
    return getattr(settings, "SANCTION", {}).get(key, DEFAULTS[key])
