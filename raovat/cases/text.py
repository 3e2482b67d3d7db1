"""Folding Vietnamese text for searches that ignore accents ("nguyen van a")."""

import unicodedata


def fold(text: str) -> str:
    """Lower case, without diacritics; "đ" becomes "d". "Nguyễn Văn Ánh" -> "nguyen van anh"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" -> "Nguyễn V. A.": enough to recognise, not to identify."""
    parts = (name or "").split()
    if len(parts) <= 1:
        return name
    return " ".join([parts[0], *(p[0] + "." for p in parts[1:])])
