from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from raovat.cases.models import Case
from raovat.demo.chains import CHAINS, DEMO_PASSWORD
from raovat.demo.loader import load
from raovat.units.models import Role, Unit, User


class Command(BaseCommand):
    help = "Load the demo chain of units, officers and cases, then print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--chain",
            choices=sorted(CHAINS),
            default="manual",
            help="manual: Ward → District → departments (default); "
            "two-level: the 2025 chain, Ward → its own office.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing but print the logins if units already exist.",
        )

    def handle(self, *args, chain, if_empty, **options):
        if Unit.objects.exists():
            if not if_empty:
                raise CommandError("The database already has units; use a fresh database.")
            self.stdout.write("Demo data already loaded.")
        else:
            self.stdout.write(f"Loading the {chain} chain and its demo cases…")
            with transaction.atomic():
                load(chain, log=lambda line: self.stdout.write(line))
            self.stdout.write(self.style.SUCCESS(f"{Case.objects.count()} cases loaded."))
        self.print_logins()

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(
            f"Demo accounts (tài khoản dùng thử) – password / mật khẩu: {DEMO_PASSWORD}"
        )
        order = {Role.REPORTER: 0, Role.HANDLER: 1, Role.TELECOM: 2, Role.CULTURE: 3}
        users = sorted(
            User.objects.select_related("unit"),
            key=lambda u: (order.get(u.role, 9), u.unit.name if u.unit else "", u.username),
        )
        for user in users:
            where = user.unit.name if user.unit else "Quản trị hệ thống"
            self.stdout.write(f"  {user.username:<18} {where}")
        self.stdout.write("")
