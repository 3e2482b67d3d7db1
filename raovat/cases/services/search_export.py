"""§5 Xuất Excel: the search result as a workbook, in the order shown on screen.

A result of up to INLINE_ROWS cases is written inside the request (about a second);
a bigger one, up to EXPORT_LIMIT, is written by the worker, which reports its progress
and keeps the file for the officer who asked (docs/decisions/017-excel-exports.md).
Either way the cases are the ones `case_search` gives this user, and every identity
written to the file is logged.
"""

import dataclasses
import datetime
import logging
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from raovat import xlsx
from raovat.audit.models import Page
from raovat.audit.services import personal_data_viewed
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.selectors.access import may_see_identity, may_see_names
from raovat.cases.selectors.search import SORTS, Criteria, case_search
from raovat.cases.workflow import State
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.services import job_enqueue, job_progress, job_result_store, job_results_prune
from raovat.units.models import User

log = logging.getLogger("raovat.exports")

EXPORT_KIND = "cases.search_export"
INLINE_ROWS = 2_000
EXPORT_LIMIT = 50_000
PROGRESS_EVERY = 500

_DATES = ("found_from", "found_to", "received_from", "received_to", "event_from", "event_to")


def _columns(user: User) -> list[xlsx.Column]:
    columns = [
        xlsx.Column("STT", 7, "number"),
        xlsx.Column("Số hồ sơ", 16),
        xlsx.Column("Số thuê bao", 15),
        xlsx.Column("Ghi trên quảng cáo", 18),
        xlsx.Column("Nhà mạng", 12),
        xlsx.Column("Đơn vị phát hiện", 24),
        xlsx.Column("Ngày phát hiện", 13, "date"),
        xlsx.Column("Ngày tiếp nhận", 13, "date"),
        xlsx.Column("Trạng thái", 30),
        xlsx.Column("Đơn vị đang xử lý", 30),
    ]
    if may_see_names(user):
        columns += [xlsx.Column("Chủ thuê bao", 26), xlsx.Column("Địa chỉ chủ thuê bao", 40)]
    return columns


def _ordered(user: User, criteria: Criteria):
    qs = case_search(user=user, criteria=criteria).select_related(
        "reporting_unit", "current_unit", "telecom_unit", "culture_unit"
    )
    if may_see_names(user):
        qs = qs.select_related("subscriber")
    column = SORTS.get(criteria.sort, "id")
    order = [column, "id"] if column != "id" else ["id"]
    if criteria.descending:
        order = [f"-{name}" for name in order]
    return qs.order_by(*order)


def export_size(*, user: User, criteria: Criteria) -> int:
    """How many rows the export will have, counting no further than needed."""
    return case_search(user=user, criteria=criteria).order_by()[:EXPORT_LIMIT].count()


def search_export_write(*, user: User, criteria: Criteria, out, job: Job | None = None) -> int:
    """Write the export into `out`; log the identities it holds. Returns the row count."""
    names = chain_names(user.unit)
    show_names = may_see_names(user)
    shown: list[int] = []
    written = 0
    total = export_size(user=user, criteria=criteria) if job is not None else 0

    def rows():
        nonlocal written
        cases = _ordered(user, criteria)[:EXPORT_LIMIT].iterator(chunk_size=2000)
        for i, case in enumerate(cases, 1):
            received = timezone.localtime(case.received_at).date() if case.received_at else None
            row = [
                i,
                case.number,
                case.phone_display,
                case.phone_written,
                case.get_carrier_hint_display(),
                case.reporting_unit.short_name,
                case.first_found_on,
                received,
                chain_label(State(case.state).label, names=names),
                case.current_unit.name if case.current_unit_id else "",
            ]
            if show_names:
                sub = getattr(case, "subscriber", None) if may_see_identity(user, case) else None
                row += [sub.full_name, sub.address] if sub else ["", ""]
                if sub:
                    shown.append(case.pk)
            if job is not None and i % PROGRESS_EVERY == 0:
                job_progress(job, done=i, total=total)
            written = i
            yield row

    xlsx.workbook_write(out, sheets=[xlsx.Sheet("Hồ sơ", _columns(user), rows())])
    personal_data_viewed(user=user, cases=shown, page=Page.SEARCH_EXPORT)
    return written


def export_file_name() -> str:
    return f"tra-cuu-ho-so-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def criteria_payload(criteria: Criteria) -> dict:
    data = dataclasses.asdict(criteria)
    for key in _DATES:
        if data[key] is not None:
            data[key] = data[key].isoformat()
    return data


def criteria_from_payload(data: dict) -> Criteria:
    fields = {f.name for f in dataclasses.fields(Criteria)}
    values = {k: v for k, v in data.items() if k in fields}
    for key in _DATES:
        if values.get(key):
            values[key] = datetime.date.fromisoformat(values[key])
    return Criteria(**values)


def search_export_enqueue(*, user: User, criteria: Criteria, size: int) -> Job:
    """Queue a big export for the worker; the same request again finds the same job."""
    payload = {"criteria": criteria_payload(criteria)}
    with transaction.atomic():
        # Two clicks on "Xuất Excel" queue one behind the other on the user's row.
        User.objects.select_for_update().filter(pk=user.pk).first()
        job = (
            Job.objects.filter(
                kind=EXPORT_KIND,
                created_by=user,
                payload=payload,
                status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            )
            .order_by("id")
            .first()
        )
        if job is None:
            count = f"{size:,}".replace(",", ".")
            job = job_enqueue(
                kind=EXPORT_KIND,
                label=f"Xuất Excel {count} hồ sơ tra cứu",
                payload=payload,
                total=size,
                actor=user,
            )
    return job


def search_export_run(*, job: Job) -> None:
    """The worker's side: write the file and keep it for the officer who asked."""
    job_results_prune()
    user = (
        User.objects.select_related("unit")
        .filter(pk=job.created_by_id, is_active=True, unit__isnull=False)
        .first()
    )
    if user is None:
        log.info("job %s: the officer who asked for the export is gone", job.pk)
        return
    criteria = criteria_from_payload(job.payload["criteria"])
    with tempfile.TemporaryFile() as out:
        search_export_write(user=user, criteria=criteria, out=out, job=job)
        out.seek(0)
        job_result_store(job, name=export_file_name(), content=File(out))
