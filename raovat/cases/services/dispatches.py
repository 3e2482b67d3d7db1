"""Preparing a dispatch ("phiếu chuyển"): its cases, number and signed scan.

Sending it is a transition (`case_transition` with the dispatch), not done here.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from raovat.cases.models import Case, Dispatch, DispatchItem
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.numbering import counter_next
from raovat.cases.services.uploads import scan_check
from raovat.cases.workflow import STATE_ACTOR, TRANSITIONS
from raovat.units.models import User

# Document series per dispatch kind, as in "15/PC-VHTT".
SERIES = {"subscriber_info": "PC", "resend": "PC", "suspension": "ĐN", "culture": "PC"}


def dispatch_create(*, actor: User, action: str, cases, note: str = "") -> Dispatch:
    """A draft dispatch of cases waiting for the actor's unit, for the given transition."""
    transition = TRANSITIONS[action]
    if not transition.dispatch_kind:
        raise WorkflowError("Thao tác này không cần phiếu chuyển.")
    ids = sorted({c.pk if isinstance(c, Case) else int(c) for c in cases})
    limit = settings.DISPATCH_MAX_CASES
    if len(ids) > limit:
        most, chosen = (f"{n:,}".replace(",", ".") for n in (limit, len(ids)))
        raise WorkflowError(f"Một phiếu chuyển có tối đa {most} hồ sơ; đã chọn {chosen} hồ sơ. "
                            "Không hồ sơ nào thay đổi.")
    found = list(Case.objects.filter(pk__in=ids, current_unit_id=actor.unit_id)
                 .order_by("first_found_on", "id"))
    if not found or len(found) != len(ids):
        raise WorkflowError("Có hồ sơ đã chọn không thuộc đơn vị bạn hoặc không còn tồn tại.")
    target_role = STATE_ACTOR[transition.target]
    to_units = {c.route_unit_id(target_role) for c in found}
    if len(to_units) != 1 or None in to_units:
        raise WorkflowError("Các hồ sơ trong một phiếu chuyển phải chuyển đến cùng một đơn vị.")
    with transaction.atomic():
        # A case sits in one draft at a time: picking it again moves it to the new draft.
        DispatchItem.objects.filter(case__in=found, dispatch__sent_at__isnull=True,
                                    dispatch__from_unit=actor.unit).delete()
        dispatch = Dispatch.objects.create(
            kind=transition.dispatch_kind, from_unit=actor.unit, to_unit_id=to_units.pop(),
            year=timezone.localdate().year, note=note.strip(), created_by=actor,
        )
        DispatchItem.objects.bulk_create(
            [DispatchItem(dispatch=dispatch, case=c, position=i) for i, c in enumerate(found)]
        )
    return dispatch


def dispatch_number(*, dispatch: Dispatch) -> str:
    """Give the dispatch its document number once; printing again keeps it."""
    with transaction.atomic():
        locked = Dispatch.objects.select_for_update().select_related("from_unit").get(
            pk=dispatch.pk
        )
        if locked.number is None:
            series = SERIES[locked.kind]
            locked.number = counter_next(
                key=f"doc/{locked.from_unit_id}/{series}/{locked.year}"
            )
            locked.number_label = f"{locked.number}/{series}-{locked.from_unit.code}"
            locked.save(update_fields=["number", "number_label"])
    dispatch.number, dispatch.number_label = locked.number, locked.number_label
    return locked.number_label


def dispatch_attach_scan(*, actor: User, dispatch: Dispatch, upload) -> Dispatch:
    if dispatch.from_unit_id != actor.unit_id:
        raise WorkflowError("Phiếu chuyển không phải của đơn vị bạn.")
    if dispatch.sent_at is not None:
        raise WorkflowError(f"Phiếu chuyển {dispatch} đã được chuyển, không thể thay tệp.")
    kind = scan_check(upload)
    old = dispatch.signed_scan.name if dispatch.signed_scan else ""
    dispatch.signed_scan.save(f"phieu-chuyen.{kind}", upload, save=False)
    try:
        dispatch.save(update_fields=["signed_scan"])
    except BaseException:
        dispatch.signed_scan.storage.delete(dispatch.signed_scan.name)
        raise
    if old:
        dispatch.signed_scan.storage.delete(old)
    return dispatch


def _draft_of(actor: User, dispatch: Dispatch) -> Dispatch:
    if dispatch.from_unit_id != actor.unit_id:
        raise WorkflowError("Phiếu chuyển không phải của đơn vị bạn.")
    if dispatch.sent_at is not None:
        raise WorkflowError(f"Phiếu chuyển {dispatch} đã được chuyển, không thể sửa.")
    return dispatch


def dispatch_remove_case(*, actor: User, dispatch: Dispatch, case: Case) -> int:
    """Drop a case from a draft ("Bỏ qua"); returns how many cases remain."""
    _draft_of(actor, dispatch)
    dispatch.items.filter(case=case).delete()
    return dispatch.items.count()


def dispatch_set_note(*, actor: User, dispatch: Dispatch, note: str) -> Dispatch:
    _draft_of(actor, dispatch)
    dispatch.note = note.strip()
    dispatch.save(update_fields=["note"])
    return dispatch


def dispatch_change_action(*, actor: User, dispatch: Dispatch, action: str) -> Dispatch:
    """Switch a not yet numbered draft between the transitions that share its cases."""
    _draft_of(actor, dispatch)
    transition = TRANSITIONS[action]
    if not transition.dispatch_kind:
        raise WorkflowError("Thao tác này không cần phiếu chuyển.")
    if dispatch.kind == transition.dispatch_kind:
        return dispatch
    if dispatch.number is not None:
        raise WorkflowError(f"Phiếu {dispatch} đã in số; hãy lập phiếu mới để đổi nơi chuyển.")
    cases = list(dispatch.cases.all())
    to_units = {c.route_unit_id(STATE_ACTOR[transition.target]) for c in cases}
    if len(to_units) != 1 or None in to_units:
        raise WorkflowError("Các hồ sơ trong một phiếu chuyển phải chuyển đến cùng một đơn vị.")
    dispatch.kind = transition.dispatch_kind
    dispatch.to_unit_id = to_units.pop()
    dispatch.save(update_fields=["kind", "to_unit"])
    return dispatch
