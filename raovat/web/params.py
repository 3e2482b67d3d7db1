"""Reading ids and numbers from query strings and form posts.

`str.isdigit()` is true for "²" and `int()` accepts "٣" and "1_000": request data is
matched against ASCII digits only, and bounded to what the database's bigint column
holds, so a hostile value is ignored instead of failing deep in a query.
"""

import re

_ID = re.compile(r"[0-9]{1,18}")


def int_or_none(raw) -> int | None:
    """A positive whole number written in ASCII digits, or None."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not _ID.fullmatch(raw):
        return None
    value = int(raw)
    return value if value > 0 else None


def ids(values) -> list[int]:
    """The valid ids among the given strings, in order, without repeats."""
    seen: dict[int, None] = {}
    for raw in values:
        value = int_or_none(raw)
        if value is not None:
            seen.setdefault(value, None)
    return list(seen)
