"""How long the officers' free texts may be, the same in the models and the forms.

Generous for what each field is for, small enough that a pasted file is refused: a note
without a limit was once 5 MB, stored and shown on every page of the case.
"""

NOTE_MAX = 2000  # notes of a transition, a call, a restore, a transfer
AD_TEXT_MAX = 2000  # the text printed on an ad
SHORT_TEXT_MAX = 1000  # what to bring to a meeting
LONG_TEXT_MAX = 4000  # a violator's statement, the remediation, the culture authority's result

TOO_LONG = "Tối đa %(limit_value)d ký tự (đang có %(show_value)d ký tự)."


def text_problem(label: str, value: str, limit: int) -> str | None:
    """The refusal for a text over its limit or holding a NUL character (PostgreSQL cannot
    store one; forms refuse it, text that bypasses a form must too), or None."""
    if "\x00" in (value or ""):
        return f"{label} có ký tự không hợp lệ."
    if len(value or "") > limit:
        return f"{label}: tối đa {limit} ký tự (đang có {len(value)} ký tự)."
    return None
