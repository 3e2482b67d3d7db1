"""End of retention: remove the subscriber's identity from cases finished long ago.

Run daily (cron or a systemd timer). See docs/decisions/005-personal-data.md.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, Subscriber
from raovat.cases.tallies import restating
from raovat.cases.workflow import FINAL_STATES
from raovat.units.models import User

ANONYMISED = "***"
CHUNK = 500


class Command(BaseCommand):
    help = (
        "Replace the subscriber identity (name, ID number, birth date, address) of cases "
        "closed or cancelled more than N days ago, and record it in each case's history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=settings.RETENTION_DAYS,
            help="Days since the case was closed or cancelled "
            "(default: RETENTION_DAYS = %(default)s).",
        )
        parser.add_argument(
            "--user",
            default="",
            help="Username recorded as the actor (default: the first active superuser).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the cases that would be anonymised."
        )

    def handle(self, *args, older_than_days, user, dry_run, **options):
        if older_than_days < 1:
            raise CommandError("--older-than-days phải lớn hơn hoặc bằng 1.")
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        ids = list(
            Case.objects.filter(
                state__in=FINAL_STATES, state_since__lt=cutoff, subscriber__isnull=False
            )
            .exclude(subscriber__full_name=ANONYMISED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if dry_run:
            self.stdout.write(f"{len(ids)} hồ sơ sẽ được ẩn danh.")
            return
        actor = self._actor(user)
        note = (
            f"Ẩn danh thông tin chủ thuê bao: hồ sơ đã kết thúc quá {older_than_days} "
            "ngày (hết thời hạn lưu trữ)."
        )
        done = 0
        for start in range(0, len(ids), CHUNK):
            done += _anonymise(ids[start : start + CHUNK], actor, note)
        self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {done} hồ sơ."))

    def _actor(self, username: str) -> User:
        users = User.objects.filter(is_active=True)
        actor = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                "Không tìm thấy tài khoản để ghi vào quá trình xử lý hồ sơ: "
                "dùng --user với tên đăng nhập của quản trị hệ thống."
            )
        return actor


def _anonymise(ids: list[int], actor: User, note: str) -> int:
    now = timezone.now()
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("handling_unit", "reporting_unit")
        )
        subscribers = list(Subscriber.objects.filter(case__in=cases).exclude(full_name=ANONYMISED))
        by_case = {s.case_id: s for s in subscribers}
        events, changed = [], []
        for case in cases:
            if case.pk not in by_case or case.state not in FINAL_STATES:
                continue
            sub = by_case[case.pk]
            changed.append(sub)
            sub.full_name = sub.address = ANONYMISED
            sub.id_number, sub.birth_date, sub.name_folded, sub.address_folded = "", None, "", ""
            # The actor is an administrator without a unit: the row names the unit that
            # held the data.
            unit = case.handling_unit or case.reporting_unit
            events.append(
                CaseEvent(
                    case=case,
                    action="anonymise",
                    from_state=case.state,
                    to_state=case.state,
                    actor=actor,
                    actor_name=actor.display_name,
                    unit=unit,
                    unit_name=unit.name,
                    at=now,
                    note=note,
                )
            )
        with restating([s.case_id for s in changed]):  # repeat subscribers are counted
            Subscriber.objects.bulk_update(
                changed,
                [
                    "full_name",
                    "address",
                    "id_number",
                    "birth_date",
                    "name_folded",
                    "address_folded",
                ],
                batch_size=CHUNK,
            )
            CaseEvent.objects.bulk_create(events, batch_size=CHUNK)
    return len(events)
