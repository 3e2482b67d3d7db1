"""Ready-made unit trees: the manual's chain (ward → district → departments) and the
2025 two-level chain (ward → its own office → departments). Used by the demo and tests.
"""

from dataclasses import dataclass, field

from django.db import transaction

from raovat.units.models import Role, Unit, User
from raovat.units.provinces import province_chain_setup, province_find

DEMO_PASSWORD = "Demo@2026hcm"


@dataclass
class Chain:
    name: str
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def user(self, username: str) -> User:
        return self.users[username]


# The vice-chairmen who sign the districts' penalty decisions (made-up names).
DEPUTIES = {"quan1": "Lê Văn Khải", "quan3": "Nguyễn Thị Thu Trang"}


def _unit(chain: Chain, key: str, **fields) -> Unit:
    unit = Unit.objects.create(**fields)
    chain.units[key] = unit
    return unit


def _user(
    chain: Chain,
    username: str,
    unit: Unit | None,
    full_name: str,
    position: str,
    phone: str = "",
    **extra,
) -> User:
    user = User(
        username=username,
        unit=unit,
        full_name=full_name,
        position=position,
        phone=phone,
        email=f"{username}@example.gov.vn",
        **extra,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    chain.users[username] = user
    return user


def _city(chain: Chain, telecom: dict, culture: dict) -> Unit:
    city = _unit(
        chain,
        "city",
        name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        short_name="UBND TP.HCM",
        code="UBND",
        kind="Thành phố",
        place_name="Thành phố Hồ Chí Minh",
    )
    tele = _unit(
        chain,
        "telecom",
        parent=city,
        role=Role.TELECOM,
        place_name="Thành phố Hồ Chí Minh",
        **telecom,
    )
    cult = _unit(
        chain,
        "culture",
        parent=city,
        role=Role.CULTURE,
        place_name="Thành phố Hồ Chí Minh",
        **culture,
    )
    city.telecom_authority, city.culture_authority = tele, cult
    city.save(update_fields=["telecom_authority", "culture_authority"])
    return city


@transaction.atomic
def build_manual_chain() -> Chain:
    """TP. Hồ Chí Minh as the manual shows it: wards, district culture offices, departments."""
    chain = Chain("manual")
    city = _city(
        chain,
        telecom=dict(
            name="Sở Thông tin và Truyền thông",
            short_name="Sở TTTT",
            code="STTTT",
            kind="Sở",
            address="59 Lý Tự Trọng, phường Bến Nghé, Quận 1",
            phone="028 3520 2727",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Ngọc Hồi",
        ),
        culture=dict(
            name="Sở Văn hóa, Thể thao và Du lịch",
            short_name="Sở VHTT-DL",
            code="SVHTTDL",
            kind="Sở",
            address="164 Đồng Khởi, phường Bến Nghé, Quận 1",
            phone="028 3829 5586",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            signer_name="Trần Thế Thuận",
        ),
    )
    districts = [
        (
            "quan1",
            "Quận 1",
            "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
            "Lê Thị Thanh Hương",
            "Nguyễn Minh Tuấn",
            [("bennghe", "Bến Nghé", "Trần Văn Hùng"), ("benthanh", "Bến Thành", "Lê Thị Mai")],
        ),
        (
            "quan3",
            "Quận 3",
            "99 Trần Quốc Thảo, phường Võ Thị Sáu, Quận 3",
            "Phạm Văn Sơn",
            "Đỗ Thị Lan Anh",
            [("vothisau", "Võ Thị Sáu", "Võ Quốc Bảo"), ("p9q3", "9", "Huỳnh Thị Ngọc")],
        ),
    ]
    for key, district, address, head, officer, wards in districts:
        ubnd = _unit(
            chain,
            f"ubnd_{key}",
            parent=city,
            name=f"Ủy ban nhân dân {district}",
            short_name=f"UBND {district}",
            code="UBND",
            kind="Quận",
            place_name=district,
        )
        office = _unit(
            chain,
            f"vhtt_{key}",
            parent=ubnd,
            role=Role.HANDLER,
            name=f"Phòng Văn hóa và Thông tin {district}",
            short_name=f"Phòng VHTT {district}",
            code=f"VHTTQ{district.split()[-1]}",
            kind="Phòng",
            place_name=district,
            address=address,
            phone="028 3829 8765",
            signer_title="TRƯỞNG PHÒNG",
            signer_name=head,
            # The decision is the chairman's (Điều 38 of the Law), signed by a deputy under
            # a delegation; the treasury account is made up for the demo.
            penalty_signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            penalty_signer_name=DEPUTIES[key],
            penalty_delegation=(
                f"Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chủ tịch Ủy ban nhân dân {district}"
            ),
            treasury_name="Kho bạc Nhà nước khu vực II",
            treasury_account="7111.0.1055421",
        )
        _user(chain, f"vhtt.{key}", office, officer, "Chuyên viên", "0908 112 233")
        for ward_key, ward, ward_officer in wards:
            ward_name = f"Phường {ward}"
            unit = _unit(
                chain,
                f"ward_{ward_key}",
                parent=ubnd,
                role=Role.REPORTER,
                handling_unit=office,
                name=f"Ủy ban nhân dân {ward_name}",
                short_name=ward_name,
                code="UBND",
                kind="Phường",
                place_name=district,
                signer_title="CHỦ TỊCH",
            )
            _user(
                chain,
                f"phuong.{ward_key}",
                unit,
                ward_officer,
                "Cán bộ văn hóa – xã hội",
                "0903 445 566",
            )
    _user(
        chain, "sotttt", chain.units["telecom"], "Phan Thị Thu Hà", "Chuyên viên", "028 3520 2727"
    )
    _culture_inspector_and_admin(chain)
    return chain


def _culture_inspector_and_admin(chain: Chain) -> None:
    """The two accounts every demo chain has alike."""
    _user(
        chain,
        "sovhttdl",
        chain.units["culture"],
        "Bùi Đức Thịnh",
        "Thanh tra viên",
        "028 3829 5586",
    )
    _user(
        chain,
        "admin",
        None,
        "Quản trị hệ thống",
        "Quản trị hệ thống",
        is_staff=True,
        is_superuser=True,
    )


# The demo's two wards among the 168 of TP. Hồ Chí Minh (codes of the national list).
TWO_LEVEL_WARDS = [
    ("saigon", "26740", "Ngô Thanh Tùng", "Lý Thị Kim Chi"),
    ("banco", "27160", "Đặng Hữu Phước", "Trương Mỹ Linh"),
]


@transaction.atomic
def build_two_level_chain() -> Chain:
    """TP. Hồ Chí Minh after 1 July 2025, from the official map: each of its 168 wards and
    communes reports to its own office, which handles its cases."""
    chain = Chain("two-level")
    setup = province_chain_setup(province=province_find("79"))
    chain.units.update(city=setup.province, telecom=setup.telecom, culture=setup.culture)
    for unit, fields in (
        (
            setup.telecom,
            dict(
                address="244 Điện Biên Phủ, phường Xuân Hòa",
                phone="028 3932 7831",
                signer_name="Lâm Đình Thắng",
            ),
        ),
        (
            setup.culture,
            dict(
                name="Sở Văn hóa và Thể thao",
                code="SVHTT",
                phone="028 3829 5586",
                address="164 Đồng Khởi, phường Sài Gòn",
                signer_name="Nguyễn Thị Ánh Hoa",
            ),
        ),
    ):
        for name, value in fields.items():
            setattr(unit, name, value)
        unit.save(update_fields=list(fields))
    for key, code, reporter_name, officer_name in TWO_LEVEL_WARDS:
        ubnd, office = setup.wards[code], setup.offices[code]
        office.signer_name = officer_name
        office.save(update_fields=["signer_name"])
        chain.units[f"ward_{key}"], chain.units[f"vhxh_{key}"] = ubnd, office
        _user(
            chain, f"phuong.{key}", ubnd, reporter_name, "Cán bộ văn hóa – xã hội", "0903 445 566"
        )
        _user(chain, f"vhxh.{key}", office, officer_name, "Chuyên viên", "0908 112 233")
    _user(
        chain, "sokhcn", chain.units["telecom"], "Phan Thị Thu Hà", "Chuyên viên", "028 3932 7831"
    )
    _culture_inspector_and_admin(chain)
    return chain


CHAINS = {"manual": build_manual_chain, "two-level": build_two_level_chain}
