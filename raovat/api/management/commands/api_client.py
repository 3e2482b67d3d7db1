"""Register an API client from the command line and print its token once: for scripts
that provision a system, and to try the API against the demo in three lines."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from raovat.api.models import Scope, client_create
from raovat.units.models import Unit, User


class Command(BaseCommand):
    help = "Cấp mã truy cập cho một ứng dụng kết nối; mã in ra một lần (chỉ mã, trên stdout)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên ứng dụng kết nối.")
        unit = parser.add_mutually_exclusive_group(required=True)
        unit.add_argument("--unit", type=int, help="Mã (id) đơn vị của ứng dụng.")
        unit.add_argument(
            "--unit-of", metavar="USERNAME", help="Đơn vị của cán bộ có tên đăng nhập này."
        )
        parser.add_argument("--read-only", action="store_true", help="Chỉ đọc.")
        parser.add_argument("--days", type=int, default=365, help="Số ngày hiệu lực (1–3650).")

    def handle(self, *args, name, unit, unit_of, read_only, days, **options):
        if not 1 <= days <= 3650:
            raise CommandError("Số ngày hiệu lực phải từ 1 đến 3650.")
        if unit_of:
            user = User.objects.filter(username=unit_of).select_related("unit").first()
            if user is None or user.unit is None:
                raise CommandError(f"Không có cán bộ “{unit_of}” thuộc một đơn vị.")
            found = user.unit
        else:
            found = Unit.objects.filter(pk=unit).first()
            if found is None:
                raise CommandError(f"Không có đơn vị mã {unit}.")
        if not found.active:
            raise CommandError(f"{found.name} không còn hoạt động.")
        client, token = client_create(
            name=name.strip()[:120] or "Ứng dụng",
            unit=found,
            scope=Scope.READ if read_only else Scope.READ_WRITE,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        self.stderr.write(
            f"Đã cấp mã cho “{client.name}” ({found.name}), hết hạn "
            f"{timezone.localtime(client.expires_at):%d/%m/%Y}. Mã chỉ hiện một lần:"
        )
        self.stdout.write(token)
