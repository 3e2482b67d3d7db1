"""Preparing a dispatch ("phiếu chuyển"): its cases, number, note and signed scan.

Sending it is a transition (`case_transition` with the dispatch), not done here.

What is printed on the slip — its kind and receiver, its cases, its note — has a version.
Every change of that content makes a new version and takes a signed scan off the
dispatch (kept as a `DispatchScan`, never deleted): the paper that was signed no longer
says what would be sent. A scan can only be attached to a version that was printed, and
sending needs the scan of the current version (checked in `case_transition`).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from raovat.cases.limits import NOTE_MAX, text_problem
from raovat.cases.models import Case, Dispatch, DispatchItem, DispatchScan
from raovat.cases.selectors.access import waiting
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.numbering import (
    OFFICIAL_LETTER,
    TRANSFER_SLIP,
    document_number_next,
    document_symbol,
)
from raovat.cases.services.uploads import file_store, scan_check
from raovat.cases.workflow import STATE_ACTOR, TRANSITIONS
from raovat.units.models import User

# Document type per dispatch kind (Decree 30/2020 abbreviations), as in "15/PC-VHTTQ1";
# the suspension request is a công văn, "15/VHTTQ1". Kinds that share a type share one
# number sequence (the công văn's with the remediation requests).
SERIES = {
    "subscriber_info": TRANSFER_SLIP,
    "resend": TRANSFER_SLIP,
    "suspension": OFFICIAL_LETTER,
    "culture": TRANSFER_SLIP,
}


def reprint_message(dispatch: Dispatch) -> str:
    number = f" (vẫn giữ số {dispatch.number_label})" if dispatch.number_label else ""
    return (
        f"Nội dung phiếu chuyển đã thay đổi sau lần in trước: hãy in lại phiếu{number}, "
        "trình ký rồi đính kèm bản đã ký mới."
    )


def dispatch_create(*, actor: User, action: str, cases, note: str = "") -> Dispatch:
    """A draft dispatch of cases waiting for the actor's unit, for the given transition.

    Its kind and receiving unit are fixed here. The same selection posted again (a double
    click, a second tab) gets the draft that already holds exactly these cases.
    """
    transition = TRANSITIONS[action]
    if not transition.dispatch_kind:
        raise WorkflowError("Thao tác này không cần phiếu chuyển.")
    ids = sorted({c.pk if isinstance(c, Case) else int(c) for c in cases})
    if not ids:
        raise WorkflowError("Chưa chọn hồ sơ nào.")
    limit = settings.DISPATCH_MAX_CASES
    if len(ids) > limit:
        most, chosen = (f"{n:,}".replace(",", ".") for n in (limit, len(ids)))
        raise WorkflowError(
            f"Một phiếu chuyển có tối đa {most} hồ sơ; đã chọn {chosen} hồ sơ. "
            "Không hồ sơ nào thay đổi."
        )
    with transaction.atomic():
        # Locking the chosen cases makes simultaneous requests queue here: each one after
        # the first sees the draft the first one committed. Only cases that wait for the
        # actor's unit in a state the transition leaves from (the access layer's rule).
        found = list(
            waiting(actor, *transition.sources)
            .select_for_update(of=("self",))
            .filter(pk__any=ids)
            .order_by("pk")
        )
        if len(found) != len(ids):
            raise WorkflowError(
                "Có hồ sơ đã chọn không thuộc đơn vị bạn, không còn ở bước này "
                "hoặc không còn tồn tại."
            )
        target_role = STATE_ACTOR[transition.target]
        to_units = {c.route_unit_id(target_role) for c in found}
        if len(to_units) != 1 or None in to_units:
            raise WorkflowError("Các hồ sơ trong một phiếu chuyển phải chuyển đến cùng một đơn vị.")
        to_unit_id = to_units.pop()
        same = _draft_holding(actor, ids)
        if (
            same is not None
            and same.kind == transition.dispatch_kind
            and same.to_unit_id == to_unit_id
        ):
            return same
        # A case sits in one draft at a time: picking it again moves it out of its old
        # draft, whose printed content then changes.
        moved = DispatchItem.objects.filter(
            case__in=found, dispatch__sent_at__isnull=True, dispatch__from_unit=actor.unit
        )
        old_ids = set(moved.values_list("dispatch_id", flat=True))
        moved.delete()
        for old in Dispatch.objects.select_for_update().filter(pk__in=old_ids).order_by("pk"):
            _after_change(old, actor=actor, reason="Có hồ sơ được chọn sang phiếu chuyển khác")
        dispatch = _reuse_number(actor, transition.dispatch_kind)
        if dispatch is None:
            dispatch = Dispatch.objects.create(
                kind=transition.dispatch_kind,
                from_unit=actor.unit,
                to_unit_id=to_unit_id,
                year=timezone.localdate().year,
                note=note.strip(),
                created_by=actor,
            )
        else:
            dispatch.kind, dispatch.to_unit_id = transition.dispatch_kind, to_unit_id
            dispatch.note, dispatch.created_by = note.strip(), actor
            dispatch.created_at = timezone.now()
            dispatch.version += 1
            dispatch.printed_version = dispatch.scan_version = dispatch.printed_at = None
            dispatch.save(
                update_fields=[
                    "kind",
                    "to_unit",
                    "note",
                    "created_by",
                    "created_at",
                    "version",
                    "printed_version",
                    "scan_version",
                    "printed_at",
                ]
            )
        found.sort(key=lambda c: (c.first_found_on, c.pk))
        DispatchItem.objects.bulk_create(
            [DispatchItem(dispatch=dispatch, case=c, position=i) for i, c in enumerate(found)]
        )
    return dispatch


def _draft_holding(actor: User, ids: list[int]) -> Dispatch | None:
    """The unit's unsent draft that holds exactly these cases, if there is one."""
    draft = Dispatch.objects.filter(
        from_unit_id=actor.unit_id, sent_at__isnull=True, items__case_id=ids[0]
    ).first()
    if draft is None or sorted(draft.items.values_list("case_id", flat=True)) != ids:
        return None
    return draft


def _reuse_number(actor: User, kind: str) -> Dispatch | None:
    """A numbered draft of the same series left with no case, to give its number again.

    Numbers stay gap-free: a slip whose last case was dropped gives its number to the
    unit's next slip of the same series and year instead of leaving a hole.
    """
    series = SERIES[kind]
    kinds = [k for k, s in SERIES.items() if s == series]
    return (
        Dispatch.objects.select_for_update()
        .filter(
            from_unit_id=actor.unit_id,
            sent_at__isnull=True,
            number__isnull=False,
            kind__in=kinds,
            year=timezone.localdate().year,
        )
        .filter(~Exists(DispatchItem.objects.filter(dispatch=OuterRef("pk"))))
        .order_by("number")
        .first()
    )


def _after_change(dispatch: Dispatch, *, actor: User, reason: str) -> None:
    """The content of a (locked) draft changed: new version, a stale scan comes off.

    A draft left with no case is deleted unless it has a number, which it keeps for the
    unit's next slip (`_reuse_number`).
    """
    if dispatch.number is None and not dispatch.items.exists():
        dispatch.delete()
        return
    dispatch.version += 1
    fields = ["version", "note"]
    if dispatch.signed_scan:
        DispatchScan.objects.create(
            dispatch=dispatch,
            file=dispatch.signed_scan.name,
            version=dispatch.scan_version,
            reason=reason,
            detached_by=actor,
        )
        dispatch.signed_scan = ""
        dispatch.scan_version = None
        fields += ["signed_scan", "scan_version"]
    dispatch.save(update_fields=fields)


def _locked_draft(actor: User, dispatch: Dispatch) -> Dispatch:
    locked = (
        Dispatch.objects.select_for_update()
        .select_related("from_unit")
        .filter(pk=dispatch.pk)
        .first()
    )
    if locked is None or locked.from_unit_id != actor.unit_id:
        raise WorkflowError("Phiếu chuyển không phải của đơn vị bạn.")
    if locked.sent_at is not None:
        raise WorkflowError(f"Phiếu chuyển {locked} đã được chuyển, không thể sửa.")
    return locked


def _refresh(dispatch: Dispatch, locked: Dispatch) -> None:
    for field in (
        "version",
        "printed_version",
        "printed_at",
        "scan_version",
        "signed_scan",
        "note",
        "number",
        "number_label",
    ):
        setattr(dispatch, field, getattr(locked, field))


def dispatch_number(*, dispatch: Dispatch) -> str:
    """Printing: the number is given once and kept; the current version is the printed one.

    The first print of a version fixes its moment (`printed_at`): the document cites the
    facts known then, so every reprint of that version is the paper that was signed.
    """
    with transaction.atomic():
        locked = (
            Dispatch.objects.select_for_update().select_related("from_unit").get(pk=dispatch.pk)
        )
        fields = []
        if locked.number is None:
            series = SERIES[locked.kind]
            locked.number = document_number_next(
                unit_id=locked.from_unit_id, type_code=series, year=locked.year
            )
            locked.number_label = document_symbol(
                number=locked.number, type_code=series, unit=locked.from_unit
            )
            fields += ["number", "number_label"]
        if locked.sent_at is None and locked.printed_version != locked.version:
            locked.printed_version = locked.version
            locked.printed_at = timezone.now()
            fields += ["printed_version", "printed_at"]
        if fields:
            locked.save(update_fields=fields)
    _refresh(dispatch, locked)
    return locked.number_label


def dispatch_attach_scan(*, actor: User, dispatch: Dispatch, upload) -> Dispatch:
    """Attach the signed scan of the printed slip; it belongs to the printed version."""
    kind = scan_check(upload)
    with transaction.atomic():
        locked = _locked_draft(actor, dispatch)
        if locked.printed_version is None:
            raise WorkflowError(
                "Phiếu chuyển chưa được in: hãy in phiếu, trình ký rồi tải bản đã ký lên."
            )
        if locked.printed_version != locked.version:
            raise WorkflowError(reprint_message(locked))
        if locked.signed_scan:
            DispatchScan.objects.create(
                dispatch=locked,
                file=locked.signed_scan.name,
                version=locked.scan_version,
                reason="Thay bằng tệp đã ký khác",
                detached_by=actor,
            )
        file_store(locked.signed_scan, f"phieu-chuyen.{kind}", upload)
        locked.scan_version = locked.version
        try:
            locked.save(update_fields=["signed_scan", "scan_version"])
        except BaseException:
            locked.signed_scan.storage.delete(locked.signed_scan.name)
            raise
    _refresh(dispatch, locked)
    return dispatch


def dispatch_remove_case(
    *, actor: User, dispatch: Dispatch, case: Case, note: str | None = None
) -> int:
    """Drop a case from a draft ("Bỏ qua"), saving the note typed with it; cases left."""
    if note is not None and (problem := text_problem("Ghi chú", note, NOTE_MAX)):
        raise WorkflowError(problem)
    with transaction.atomic():
        locked = _locked_draft(actor, dispatch)
        if note is not None:
            locked.note = note.strip()
        locked.items.filter(case=case).delete()
        remaining = locked.items.count()
        _after_change(locked, actor=actor, reason=f"Bỏ hồ sơ {case.number} khỏi phiếu chuyển")
    if locked.pk is not None:
        _refresh(dispatch, locked)
    return remaining


def dispatch_set_note(*, actor: User, dispatch: Dispatch, note: str) -> bool:
    """Keep the note; the note is printed on the slip, so a changed note is new content.

    Returns whether the note changed.
    """
    if problem := text_problem("Ghi chú", note, NOTE_MAX):
        raise WorkflowError(problem)
    with transaction.atomic():
        locked = _locked_draft(actor, dispatch)
        if locked.note == note.strip():
            return False
        locked.note = note.strip()
        _after_change(locked, actor=actor, reason="Sửa ghi chú nội dung xử lý")
    _refresh(dispatch, locked)
    return True


def dispatch_check_action(*, dispatch: Dispatch, action: str) -> None:
    """A draft's kind and receiver are fixed when it is made: another choice is refused."""
    transition = TRANSITIONS.get(action)
    if transition is None or not transition.dispatch_kind:
        raise WorkflowError("Thao tác này không cần phiếu chuyển.")
    if dispatch.kind != transition.dispatch_kind:
        raise WorkflowError(
            f"Phiếu chuyển {dispatch} đã lập để “{dispatch.get_kind_display()}” gửi "
            f"{dispatch.to_unit.name}; không thể đổi loại phiếu và nơi nhận. Muốn chọn khác, "
            "hãy chọn lại các hồ sơ từ danh sách để lập phiếu mới."
        )
