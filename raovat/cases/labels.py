"""Labels that name a unit of the chain ("{telecom} trả về") get the name from data."""

from raovat.units.models import Role
from raovat.units.process_cache import cached

DEFAULT_NAMES = {"telecom": "cơ quan quản lý viễn thông", "culture": "cơ quan văn hóa"}


def chain_names(where) -> dict[str, str]:
    """Short names of the telecom and culture units for a case or for a unit."""
    if where is None:
        return dict(DEFAULT_NAMES)
    if not hasattr(where, "telecom_unit_id"):
        return cached(("chain_names", where.pk), lambda: _chain_names(where))
    return _chain_names(where)


def _chain_names(where) -> dict[str, str]:
    names = dict(DEFAULT_NAMES)
    if hasattr(where, "telecom_unit_id"):  # a case: the units on its route
        base = where.reporting_unit
        telecom = where.telecom_unit if where.telecom_unit_id else base.authority(Role.TELECOM)
        culture = where.culture_unit if where.culture_unit_id else base.authority(Role.CULTURE)
    else:  # a unit: the authorities above it, or above the unit that handles for it
        base = where.handling_unit if where.handling_unit_id else where
        telecom = base.authority(Role.TELECOM)
        culture = base.authority(Role.CULTURE)
    if telecom is not None:
        names["telecom"] = telecom.short_name
    if culture is not None:
        names["culture"] = culture.short_name
    return names


def chain_label(text: str, where=None, names: dict[str, str] | None = None) -> str:
    if "{" not in text:
        return text
    names = names or chain_names(where)
    return text.replace("{telecom}", names["telecom"]).replace("{culture}", names["culture"])


def system_names() -> dict[str, str]:
    """Names for screens about the whole system (the administration): the active
    authorities' short names, as the officers of the chain read them."""
    from raovat.units.models import Unit

    names = dict(DEFAULT_NAMES)
    for role, key in ((Role.TELECOM, "telecom"), (Role.CULTURE, "culture")):
        unit = Unit.objects.filter(role=role, active=True).order_by("pk").first()
        if unit is not None:
            names[key] = unit.short_name
    return names
