"""A province's chain from the official map of administrative units (since 1 July 2025).

The map is the `vietnam-provinces` package's: 34 provinces and their ~3,300 wards,
communes and special zones, each with the code of the national list of administrative
units. From it a province gets the two-level chain:

    UBND of the province ── Sở KH&CN (telecom authority), Sở VHTTDL (culture authority)
      └─ UBND of each ward / commune (reporting unit)
           └─ its Phòng Văn hóa – Xã hội (the ward's handling unit)

Every unit made here carries a stable `external_code` (the ward's code, "<code>-VHXH" for
its office, "<province>-SKHCN" …), so running it again finds what it made: nothing is
duplicated, names the map changed are updated, and what an administrator set since
(addresses, signers, a ward moved to another handling unit) is left alone. Cases and their
history keep the names as they were (`CaseEvent.unit_name`). A ward that left the map is
only reported: its open cases must first go to its successor through the guided change of
chain in the administration.
"""

from dataclasses import dataclass, field

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from raovat.units.models import Role, Unit

WARD_KINDS = {
    VietNamDivisionType.PHUONG: "Phường",
    VietNamDivisionType.XA: "Xã",
    VietNamDivisionType.DAC_KHU: "Đặc khu",
}
OFFICE_SUFFIX = "-VHXH"
TELECOM_SUFFIX, CULTURE_SUFFIX = "-SKHCN", "-SVHTTDL"
SIGNER = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"


class ProvinceNotFound(Exception):
    pass


@dataclass
class ProvinceSetup:
    province: Unit
    telecom: Unit
    culture: Unit
    wards: dict[str, Unit] = field(default_factory=dict)  # external code → ward UBND
    offices: dict[str, Unit] = field(default_factory=dict)  # ward's code → its office
    created: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    gone: list[Unit] = field(default_factory=list)


def _clean(name: str) -> str:
    return " ".join(name.split())  # the data has a few double spaces ("Phường  Rạch Dừa")


def province_find(query: str) -> Province:
    """A province by its code ("79") or its code name ("ho_chi_minh")."""
    query = query.strip()
    for province in Province.iter_all():
        if query == str(int(province.code)) or query.lower() == province.codename:
            return province
    raise ProvinceNotFound(query)


def province_place(province: Province) -> str:
    # Documents say "Thành phố Hồ Chí Minh, ngày …" but "An Giang, ngày …".
    name = _clean(province.name)
    return name.removeprefix("Tỉnh ") if name.startswith("Tỉnh ") else name


def _province_fields(province: Province) -> dict:
    name = _clean(province.name)
    city = province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
    short = name.replace("Thành phố ", "TP. ") if city else name
    return dict(
        name=f"Ủy ban nhân dân {name}",
        short_name=f"UBND {short}",
        kind="Thành phố" if city else "Tỉnh",
        place_name=province_place(province),
    )


def _ward_fields(ward: Ward) -> dict:
    name = _clean(ward.name)
    return dict(
        name=f"Ủy ban nhân dân {name}",
        short_name=name,
        kind=WARD_KINDS[ward.division_type],
        place_name=name,
    )


def _office_fields(ward: Ward) -> dict:
    name = _clean(ward.name)
    return dict(
        name=f"Phòng Văn hóa – Xã hội {name}",
        short_name=f"Phòng VH-XH {name}",
        kind="Phòng",
        place_name=name,
    )


NAME_FIELDS = ("name", "short_name", "kind", "place_name")


class _Existing:
    """The province's units by external code, and what setting them up changed."""

    def __init__(self, codes: list[str]):
        self.units = {
            u.external_code: u
            for u in Unit.objects.select_for_update().filter(external_code__in=codes)
        }
        self.created = 0
        self.renamed: list[tuple[str, str]] = []
        self.changed: list[Unit] = []

    def ensure(self, key: str, names: dict, **structure) -> Unit:
        """The unit of `key`, created if missing, its names as the map has them."""
        unit = self.units.get(key)
        if unit is None:
            unit = self.units[key] = Unit.objects.create(external_code=key, **names, **structure)
            self.created += 1
            return unit
        if any(getattr(unit, f) != v for f, v in names.items()):
            if unit.name != names["name"]:
                self.renamed.append((unit.name, names["name"]))
            for f, v in names.items():
                setattr(unit, f, v)
            self.changed.append(unit)
        return unit

    def bulk(self, new: list[Unit]) -> set[str]:
        """Create `new` in one query; their codes."""
        made = Unit.objects.bulk_create(new)
        for unit in made:
            self.units[unit.external_code] = unit
        self.created += len(made)
        return {u.external_code for u in made}


def _departments(existing: _Existing, code: str, top: Unit, place: str) -> tuple[Unit, Unit]:
    # The departments' names are not in the map: set once, then the administrator's.
    telecom = existing.units.get(f"{code}{TELECOM_SUFFIX}") or existing.ensure(
        f"{code}{TELECOM_SUFFIX}",
        dict(name="Sở Khoa học và Công nghệ", short_name="Sở KH&CN", kind="Sở", place_name=place),
        code="SKHCN",
        parent=top,
        role=Role.TELECOM,
        signer_title=SIGNER,
    )
    culture = existing.units.get(f"{code}{CULTURE_SUFFIX}") or existing.ensure(
        f"{code}{CULTURE_SUFFIX}",
        dict(
            name="Sở Văn hóa, Thể thao và Du lịch",
            short_name="Sở VHTTDL",
            kind="Sở",
            place_name=place,
        ),
        code="SVHTTDL",
        parent=top,
        role=Role.CULTURE,
        signer_title=SIGNER,
    )
    if top.telecom_authority_id is None or top.culture_authority_id is None:
        top.telecom_authority_id = top.telecom_authority_id or telecom.pk
        top.culture_authority_id = top.culture_authority_id or culture.pk
        top.save(update_fields=["telecom_authority", "culture_authority"])
    return telecom, culture


def _wards_and_offices(existing: _Existing, top: Unit, wards: list) -> None:
    """Each ward's UBND and its office, the office handling the ward's cases."""
    # New wards in bulk (a province has up to ~170): the UBND, then its office, then the
    # link between them, which the check constraint allows only on the reporting unit.
    made = existing.bulk(
        [
            Unit(
                external_code=str(int(w.code)),
                **_ward_fields(w),
                code="UBND",
                parent=top,
                role=Role.REPORTER,
                signer_title="CHỦ TỊCH",
            )
            for w in wards
            if str(int(w.code)) not in existing.units
        ]
    )
    for w in wards:
        if str(int(w.code)) not in made:
            existing.ensure(str(int(w.code)), _ward_fields(w))
    fresh = existing.bulk(
        [
            # Each office's own code (the ward's number on the national list), so that two
            # offices' documents never carry the same symbol at the department; the
            # administrator may shorten it.
            Unit(
                external_code=f"{int(w.code)}{OFFICE_SUFFIX}",
                **_office_fields(w),
                code=f"VHXH{int(w.code)}",
                parent=existing.units[str(int(w.code))],
                role=Role.HANDLER,
                signer_title="TRƯỞNG PHÒNG",
            )
            for w in wards
            if f"{int(w.code)}{OFFICE_SUFFIX}" not in existing.units
        ]
    )
    for w in wards:
        key = f"{int(w.code)}{OFFICE_SUFFIX}"
        if key not in fresh:
            existing.ensure(key, _office_fields(w))
    linked = []
    for w in wards:
        ubnd = existing.units[str(int(w.code))]
        if ubnd.handling_unit_id is None:
            ubnd.handling_unit = existing.units[f"{int(w.code)}{OFFICE_SUFFIX}"]
            linked.append(ubnd)
    Unit.objects.bulk_update(linked, ["handling_unit"], batch_size=500)


@transaction.atomic
def province_chain_setup(*, province: Province) -> ProvinceSetup:
    code = str(int(province.code))
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))
    ward_codes = [str(int(w.code)) for w in wards]
    existing = _Existing(
        [
            code,
            f"{code}{TELECOM_SUFFIX}",
            f"{code}{CULTURE_SUFFIX}",
            *ward_codes,
            *(f"{c}{OFFICE_SUFFIX}" for c in ward_codes),
        ]
    )
    top = existing.ensure(code, _province_fields(province), code="UBND")
    telecom, culture = _departments(existing, code, top, province_place(province))
    _wards_and_offices(existing, top, wards)
    Unit.objects.bulk_update([u for u in existing.changed if u.pk], NAME_FIELDS, batch_size=500)
    gone = list(
        Unit.objects.filter(parent=top, role=Role.REPORTER, active=True)
        .exclude(external_code="")
        .exclude(external_code__in=ward_codes)
        .order_by("name")
    )
    return ProvinceSetup(
        province=top,
        telecom=telecom,
        culture=culture,
        wards={c: existing.units[c] for c in ward_codes},
        offices={c: existing.units[f"{c}{OFFICE_SUFFIX}"] for c in ward_codes},
        created=existing.created,
        renamed=existing.renamed,
        gone=gone,
    )
