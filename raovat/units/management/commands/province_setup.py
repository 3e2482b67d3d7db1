"""Set up (or bring up to date) a province's two-level chain from the official map."""

from django.core.management.base import BaseCommand, CommandError
from vietnam_provinces import Province, Ward
from vietnam_provinces import __data_version__ as DATA_VERSION

from raovat.units.provinces import ProvinceNotFound, province_chain_setup, province_find


class Command(BaseCommand):
    help = (
        "Create every ward and commune of a province (units after 1 July 2025, from the "
        "vietnam-provinces package) as a reporting unit with its own Phòng Văn hóa – Xã "
        "hội, and the province's Sở KH&CN and Sở VHTTDL. Run again at any time: nothing "
        "is duplicated, changed names are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "province",
            nargs="?",
            default="",
            help="The province's code (79) or code name (ho_chi_minh).",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="show_list",
            help="List the provinces and their number of wards and communes.",
        )

    def handle(self, *args, province, show_list, **options):
        if show_list or not province:
            counts: dict[int, int] = {}
            for ward in Ward.iter_all():
                counts[int(ward.province_code)] = counts.get(int(ward.province_code), 0) + 1
            for item in Province.iter_all():
                self.stdout.write(
                    f"{int(item.code):>3}  {item.codename:<16} {item.name} "
                    f"({counts.get(int(item.code), 0)} phường, xã)"
                )
            if not show_list:
                raise CommandError("Hãy ghi mã tỉnh/thành phố, ví dụ: province_setup 79")
            return
        try:
            found = province_find(province)
        except ProvinceNotFound:
            raise CommandError(
                f"Không có tỉnh/thành phố “{province}” trong danh mục: xem "
                "danh sách bằng province_setup --list."
            ) from None
        result = province_chain_setup(province=found)
        self.stdout.write(
            f"{found.name} (danh mục ngày {DATA_VERSION}): {len(result.wards)} "
            f"phường, xã, đặc khu; tạo mới {result.created} đơn vị, đổi tên "
            f"{len(result.renamed)} đơn vị."
        )
        for old, new in result.renamed:
            self.stdout.write(f"  Đổi tên: {old} → {new}")
        if result.gone:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.gone)} đơn vị không còn trong danh mục (vẫn hoạt động; hãy "
                    "chuyển hồ sơ sang đơn vị mới bằng thao tác “Chuyển các đơn vị phát hiện đã "
                    "chọn sang đơn vị xử lý khác” rồi ngừng hoạt động):"
                )
            )
            for unit in result.gone:
                self.stdout.write(f"  {unit.name} (mã {unit.external_code})")
        self.stdout.write(self.style.SUCCESS("Xong."))
