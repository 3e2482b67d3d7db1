"""The column profiles of the carriers' workbooks, their limits, and the errors of a file."""

from dataclasses import dataclass

from raovat.cases.models import CarrierImport
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import State

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
PREVIEW_HOURS = 24
KEEP_DAYS = 7
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MATCHED, UNMATCHED, INVALID = "matched", "unmatched", "invalid"


class CarrierFileError(WorkflowError):
    """The file as a whole cannot be read; nothing was stored."""


class _NoHeader(CarrierFileError):
    pass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]  # folded header texts that mean this column
    width: int
    required: bool = False  # the import refuses a file without it
    exported: bool = True


@dataclass(frozen=True)
class Profile:
    key: str
    action: str
    state: State
    waiting_for: str  # "không chờ … " in the unmatched reason
    columns: tuple[Column, ...]
    file_prefix: str

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


PHONE = Column(
    "phone",
    "Số thuê bao",
    ("so thue bao", "so dien thoai", "thue bao", "dien thoai", "so may", "msisdn", "isdn"),
    16,
    required=True,
)
CASE_NUMBER = Column("case_number", "Số hồ sơ", ("so ho so", "ma ho so"), 18)

IDENTITY = Profile(
    key=CarrierImport.Profile.IDENTITY,
    action="provide_identity",
    state=State.AT_TELECOM,
    waiting_for="cung cấp thông tin thuê bao",
    file_prefix="de-nghi-cung-cap-thong-tin",
    columns=(
        PHONE,
        CASE_NUMBER,
        Column(
            "full_name",
            "Họ và tên",
            (
                "ho va ten",
                "ho ten",
                "ten chu thue bao",
                "chu thue bao",
                "ten thue bao",
                "ten khach hang",
            ),
            28,
            required=True,
        ),
        Column(
            "id_number",
            "Số CCCD/định danh",
            (
                "so cccd/dinh danh",
                "so dinh danh ca nhan/cccd",
                "so dinh danh ca nhan",
                "so dinh danh",
                "so cccd",
                "cccd",
                "cccd/cmnd",
                "so cmnd",
                "cmnd",
                "so giay to",
                "so giay to tuy than",
            ),
            20,
        ),
        Column("birth_date", "Ngày sinh", ("ngay sinh", "ngay thang nam sinh"), 13),
        Column(
            "address",
            "Địa chỉ",
            ("dia chi", "dia chi thuong tru", "dia chi lien he", "dia chi dang ky"),
            44,
            required=True,
        ),
        Column("kind", "Loại thuê bao", ("loai thue bao", "loai khach hang", "loai"), 15),
        Column("carrier", "Nhà mạng", ("nha mang", "mang"), 14, exported=False),
    ),
)

SUSPENSION = Profile(
    key=CarrierImport.Profile.SUSPENSION,
    action="suspend",
    state=State.SUSPENSION_REQUESTED,
    waiting_for="ngưng cung cấp dịch vụ",
    file_prefix="de-nghi-ngung-cung-cap-dich-vu",
    columns=(
        PHONE,
        CASE_NUMBER,
        Column(
            "suspended_on",
            "Ngày ngưng cung cấp dịch vụ",
            (
                "ngay ngung cung cap dich vu",
                "ngay ngung dich vu",
                "ngay ngung",
                "ngay chan",
                "ngay khoa",
            ),
            16,
            required=True,
        ),
        Column(
            "carrier_reference",
            "Số tham chiếu của nhà mạng",
            (
                "so tham chieu cua nha mang",
                "so tham chieu",
                "ma tham chieu",
                "so van ban",
                "so cong van",
            ),
            26,
            required=True,
        ),
    ),
)

PROFILES = {p.key: p for p in (IDENTITY, SUSPENSION)}
