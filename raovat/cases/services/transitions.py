"""The one place that changes a case's state.

`case_transition` locks the cases, checks the transition table, the actor's unit and
the requirements, writes the new state and an append-only history row per case, and
queues the jobs the transition starts (`effects`) in the same transaction. A batch is
all-or-nothing.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from raovat.cases import effects
from raovat.cases.clocks import state_days, state_due_on
from raovat.cases.labels import chain_label
from raovat.cases.limits import NOTE_MAX, text_problem
from raovat.cases.models import (
    Call,
    Case,
    CaseEvent,
    CaseUnit,
    CultureOutcome,
    Dispatch,
    Invitation,
    Photo,
    Subscriber,
    Suspension,
    TextMessage,
)
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.services.dispatches import dispatch_number, reprint_message
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.sanction import SanctionNeeds
from raovat.cases.services.uploads import storage_save
from raovat.cases.text import fold
from raovat.cases.workflow import HOLDER, STATE_ACTOR, TRANSITIONS, Need, State, Transition
from raovat.units.models import Role, RoutingError, Unit, User

INITIAL_STATE = State.DRAFT
NOT_FOUND = "Một số hồ sơ đã chọn không tồn tại hoặc không thuộc phạm vi của đơn vị bạn."


def case_open(*, actor: User, phone, found_on: datetime.date) -> Case:
    """Create a case in its initial state, with its first history row."""
    from raovat.cases.services.numbering import case_number_next

    unit = acting_unit(actor)
    now = timezone.now()
    case = Case.objects.create(
        number=case_number_next(year=timezone.localdate(now).year),
        phone_e164=phone.e164,
        phone_national=phone.national,
        phone_written=phone.written,
        carrier_hint=phone.carrier,
        state=INITIAL_STATE,
        state_since=now,
        due_on=state_due_on(state=INITIAL_STATE, entered_on=timezone.localdate(now)),
        current_unit=unit,
        reporting_unit=unit,
        first_found_on=found_on,
        created_by=actor,
    )
    CaseUnit.objects.create(case=case, unit=unit, role=Role.REPORTER)
    history_event(case, "open", "", INITIAL_STATE, actor, unit, now).save()
    return case


def case_transition(
    *,
    actor: User,
    action: str,
    cases: Iterable[Case | int],
    note: str = "",
    dispatch: Dispatch | None = None,
    attachment: UploadedFile | None = None,
    details: Mapping | None = None,
    per_case: Mapping[int, Mapping] | None = None,
) -> list[CaseEvent]:
    """Apply one transition to one or many cases, or to none of them.

    `details` carries what the transition requires (identity, suspension, outcome);
    `per_case` overrides it per case id, for batches such as an Excel import.
    Raises WorkflowError listing every case that cannot move and why.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError(f"Thao tác “{action}” không tồn tại.")
    note = (note or "").strip()
    if problem := text_problem("Ghi chú", note, NOTE_MAX):
        raise WorkflowError(problem)
    ids = sorted({c.pk if isinstance(c, Case) else int(c) for c in cases})
    if not ids:
        raise WorkflowError("Chưa chọn hồ sơ nào.")
    unit = acting_unit(actor)

    with transaction.atomic():
        # Only cases the unit may read are locked and named: any other id gets the answer
        # a missing one gets, so a refusal never tells what another unit's case is.
        locked = list(
            Case.objects.visible_to(actor).select_for_update(of=("self",))
            .filter(pk__in=ids).order_by("pk")
        )
        if len(locked) != len(ids):
            raise WorkflowError(NOT_FOUND)
        ctx = _Context(transition, actor, unit, locked, note, dispatch, details, per_case)
        ctx.has_attachment = bool(attachment)
        problems = ctx.check()
        if problems:
            raise WorkflowError(problems)
        stored_attachment = _store(attachment)
        try:
            events = ctx.apply(stored_attachment)
        except BaseException:
            if stored_attachment:
                CaseEvent._meta.get_field("attachment").storage.delete(stored_attachment)
            raise
        effects.transition_effects(transition=transition, actor=actor, dispatch=ctx.dispatch,
                                   events=events)
    return events


def acting_unit(actor: User) -> Unit:
    if not actor.is_authenticated or actor.unit_id is None:
        raise WorkflowError("Tài khoản của bạn chưa thuộc đơn vị nào.")
    unit = actor.unit
    if not unit.active:
        raise WorkflowError(f"Đơn vị {unit.name} đã ngừng hoạt động.")
    return unit


def _store(upload: UploadedFile | None) -> str:
    if not upload:
        return ""
    field = CaseEvent._meta.get_field("attachment")
    return storage_save(field.storage, field.generate_filename(None, upload.name), upload)


def history_event(case, action, from_state, to_state, actor, unit, at, **extra) -> CaseEvent:
    return CaseEvent(
        case=case, action=action, from_state=from_state, to_state=to_state, actor=actor,
        actor_name=actor.display_name, unit=unit, unit_name=unit.name, at=at, **extra,
    )


class _Context:
    def __init__(self, transition: Transition, actor, unit, cases, note, dispatch, details,
                 per_case):
        self.t = transition
        self.actor = actor
        self.unit = unit
        self.cases = cases
        self.note = note
        self.dispatch = dispatch
        self.details = details or {}
        self.per_case = per_case or {}
        self.now = timezone.now()
        self.routes: dict[int, tuple[Unit, Unit, Unit]] = {}
        self.unit_routes: dict[int, tuple[Unit, Unit, Unit] | str] = {}
        self.has_attachment = False
        self.sanction = SanctionNeeds(transition.needs, cases)

    def data(self, case) -> Mapping:
        return {**self.details, **self.per_case.get(case.pk, {})}

    # -- checks ------------------------------------------------------------------------

    def check(self) -> list[str]:
        t = self.t
        problems = []
        if t.actor != HOLDER and self.unit.role != t.actor:
            return [f"Đơn vị {self.unit.name} không có quyền “{self.label}”."]
        if Need.DISPATCH in t.needs:
            problems += self.check_dispatch()
        with_photos = (
            set(Photo.objects.filter(sighting__case__in=self.cases)
                .values_list("sighting__case_id", flat=True))
            if Need.SENDABLE in t.needs else set()
        )
        contacted = self.contacted_ids() if Need.CONTACT in t.needs else set()
        for case in self.cases:
            reason = self.check_case(case, with_photos, contacted)
            if reason:
                problems.append(f"Hồ sơ {case.number}: {reason}")
        return problems

    @property
    def label(self) -> str:
        return chain_label(self.t.label, self.unit)

    def check_case(self, case, with_photos, contacted) -> str:
        t = self.t
        # The unit before the state: a case the unit does not answer for is not described.
        responsible = case.current_unit_id if t.actor == HOLDER else case.route_unit_id(t.actor)
        if responsible != self.unit.pk:
            return f"đơn vị {self.unit.name} không phụ trách hồ sơ này."
        if case.state not in t.sources:
            return (f"đang ở trạng thái “{chain_label(State(case.state).label, case)}”, "
                    f"không thể “{self.label}”.")
        if Need.NOTE in t.needs and not self.note:
            return "cần nhập ghi chú (lý do)."
        if Need.SENDABLE in t.needs:
            if case.pk not in with_photos:
                return "cần ít nhất một hình ảnh vi phạm."
            if case.reporting_unit_id not in self.unit_routes:
                try:
                    self.unit_routes[case.reporting_unit_id] = route_for(case.reporting_unit)
                except RoutingError as exc:
                    self.unit_routes[case.reporting_unit_id] = str(exc)
            route = self.unit_routes[case.reporting_unit_id]
            if isinstance(route, str):
                return route
            self.routes[case.pk] = route
        if Need.CONTACT in t.needs and case.pk not in contacted:
            return "chưa có lần liên hệ nào với chủ thuê bao (thư mời, cuộc gọi hoặc tin nhắn)."
        data = self.data(case)
        if Need.IDENTITY in t.needs:
            missing = [label for key, label in (("full_name", "họ và tên"),
                                                ("address", "địa chỉ")) if not data.get(key)]
            if data.get("kind", SubscriberKind.INDIVIDUAL) not in SubscriberKind.values:
                missing.append("loại thuê bao")
            if missing:
                return "thiếu thông tin chủ thuê bao: " + ", ".join(missing) + "."
        if Need.SUSPENSION in t.needs and not (
            data.get("suspended_on") and data.get("carrier_reference")
        ):
            return "cần ngày ngưng cung cấp dịch vụ và số tham chiếu của nhà mạng."
        if Need.SUSPENSION in t.needs:
            requested = timezone.localdate(case.state_since)
            if data["suspended_on"] < requested:
                return (f"ngày ngưng cung cấp dịch vụ {data['suspended_on']:%d/%m/%Y} trước ngày "
                        f"nhận yêu cầu ngưng {requested:%d/%m/%Y}.")
        if Need.OUTCOME in t.needs and not (
            data.get("decision_number") and data.get("decided_on") and data.get("result")
        ):
            return "cần số quyết định, ngày quyết định và kết quả xử lý."
        return self.sanction.check(case, data, self.note, self.has_attachment)

    def check_dispatch(self) -> list[str]:
        if self.dispatch is None:
            return ["Cần lập phiếu chuyển cho các hồ sơ này."]
        # Read the dispatch again under its lock: a case dropped or a note changed in
        # another request since the caller loaded it must be seen here.
        d = self.dispatch = (Dispatch.objects.select_for_update().select_related("to_unit")
                             .get(pk=self.dispatch.pk))
        problems = []
        if d.from_unit_id != self.unit.pk:
            problems.append("Phiếu chuyển không phải của đơn vị bạn.")
        if d.kind != self.t.dispatch_kind:
            problems.append("Loại phiếu chuyển không đúng với thao tác.")
        if d.sent_at is not None:
            problems.append(f"Phiếu chuyển {d} đã được chuyển trước đó.")
        if not d.signed_scan:
            problems.append(reprint_message(d) if d.needs_reprint
                            else "Cần đính kèm tệp phiếu chuyển đã ký trước khi chuyển.")
        elif not d.scan_is_current:
            # The signed paper lists other content than the dispatch holds now.
            problems.append(reprint_message(d))
        in_dispatch = set(d.items.values_list("case_id", flat=True))
        if in_dispatch != {c.pk for c in self.cases}:
            problems.append("Danh sách hồ sơ không khớp với phiếu chuyển.")
        target_role = STATE_ACTOR[self.t.target]
        for case in self.cases:
            if case.route_unit_id(target_role) != d.to_unit_id:
                problems.append(f"Hồ sơ {case.number}: phiếu chuyển gửi sai đơn vị nhận.")
        return problems

    def contacted_ids(self) -> set[int]:
        ids = [c.pk for c in self.cases]
        found = set(Call.objects.filter(case__in=ids).values_list("case_id", flat=True))
        found |= set(TextMessage.objects.filter(case__in=ids).values_list("case_id", flat=True))
        found |= set(
            Invitation.objects.filter(case__in=ids).exclude(signed_scan="")
            .values_list("case_id", flat=True)
        )
        return found

    # -- writes ------------------------------------------------------------------------

    def apply(self, attachment_name: str) -> list[CaseEvent]:
        t = self.t
        if self.dispatch is not None and Need.DISPATCH in t.needs:
            if self.dispatch.number is None:
                dispatch_number(dispatch=self.dispatch)
            self.dispatch.sent_at = self.now
            self.dispatch.sent_by = self.actor
            self.dispatch.from_unit_name = self.unit.name
            self.dispatch.to_unit_name = self.dispatch.to_unit.name
            self.dispatch.save(update_fields=["sent_at", "sent_by", "from_unit_name",
                                              "to_unit_name"])
        next_role = STATE_ACTOR.get(t.target)
        units = {}
        events, participants = [], []
        groups: dict[tuple, list[int]] = {}
        # The due date of the new state (raovat.cases.clocks), unless the caller states it.
        days, today = state_days(), timezone.localdate(self.now)
        for case in self.cases:
            if case.pk in self.routes:
                case.handling_unit, case.telecom_unit, case.culture_unit = self.routes[case.pk]
                case.received_at = self.now
            from_state = case.state
            next_unit_id = case.route_unit_id(next_role) if next_role else None
            case.state = t.target
            case.state_since = self.now
            case.current_unit_id = next_unit_id
            case.due_on = self.data(case).get("due_on") or state_due_on(
                state=t.target, entered_on=today, days=days)
            key = (next_unit_id, case.handling_unit_id, case.telecom_unit_id,
                   case.culture_unit_id, case.received_at, case.due_on)
            groups.setdefault(key, []).append(case.pk)
            if next_unit_id:
                participants.append(CaseUnit(case=case, unit_id=next_unit_id, role=next_role))
                if next_unit_id not in units:
                    units[next_unit_id] = Unit.objects.get(pk=next_unit_id)
            next_unit = units.get(next_unit_id)
            events.append(history_event(
                case, t.action, from_state, t.target, self.actor, self.unit, self.now,
                note=self.note, attachment=attachment_name,
                dispatch=self.dispatch if Need.DISPATCH in t.needs else None,
                next_unit=next_unit if next_unit_id != self.unit.pk else None,
                next_unit_name=next_unit.name if next_unit and next_unit_id != self.unit.pk
                else "",
            ))
        self.write_details()
        self.sanction.write(self.cases, self.data, self.note, self.actor, self.unit,
                            attachment_name, self.now)
        # A batch shares its target and, mostly, its route: one UPDATE per group of equal
        # values instead of a CASE expression per row.
        for (current, handling, telecom, culture, received, due), ids in groups.items():
            Case.objects.filter(pk__in=ids).update(
                state=t.target, state_since=self.now, current_unit_id=current,
                handling_unit_id=handling, telecom_unit_id=telecom, culture_unit_id=culture,
                received_at=received, due_on=due,
            )
        CaseUnit.objects.bulk_create(participants, ignore_conflicts=True, batch_size=500)
        return CaseEvent.objects.bulk_create(events, batch_size=500)

    def write_details(self) -> None:
        """The records a transition requires, written for the whole batch at once."""
        t = self.t
        if Need.IDENTITY in t.needs:
            self.write_identities()
        elif Need.SUSPENSION in t.needs:
            Suspension.objects.bulk_create([
                Suspension(case=case, suspended_on=self.data(case)["suspended_on"],
                           carrier_reference=self.data(case)["carrier_reference"].strip(),
                           recorded_by=self.actor)
                for case in self.cases
            ])
        elif Need.OUTCOME in t.needs:
            for case in self.cases:
                data = self.data(case)
                CultureOutcome.objects.update_or_create(case=case, defaults={
                    "decision_number": data["decision_number"].strip(),
                    "decided_on": data["decided_on"],
                    "amount": int(data.get("amount") or 0),
                    "result": data["result"].strip(),
                    "recorded_by": self.actor,
                })

    def write_identities(self) -> None:
        existing = {s.case_id: s for s in Subscriber.objects.filter(case__in=self.cases)}
        fields = ["full_name", "name_folded", "address_folded", "kind", "id_number",
                  "birth_date", "address", "carrier", "provided_by", "provided_by_user",
                  "provided_at"]
        new, changed = [], []
        for case in self.cases:
            data = self.data(case)
            values = {
                "full_name": data["full_name"].strip(),
                "name_folded": fold(data["full_name"]),
                "address_folded": fold(data["address"]),
                "kind": data.get("kind") or SubscriberKind.INDIVIDUAL,
                "id_number": "".join((data.get("id_number") or "").split()).upper(),
                "birth_date": data.get("birth_date"),
                "address": data["address"].strip(),
                "carrier": data.get("carrier") or case.carrier_hint,
                "provided_by": self.unit,
                "provided_by_user": self.actor,
                "provided_at": self.now,
            }
            if case.pk in existing:  # a case the telecom authority answers a second time
                subscriber = existing[case.pk]
                for name, value in values.items():
                    setattr(subscriber, name, value)
                changed.append(subscriber)
            else:
                new.append(Subscriber(case=case, **values))
        Subscriber.objects.bulk_create(new, batch_size=500)
        if changed:
            Subscriber.objects.bulk_update(changed, fields, batch_size=500)


def route_for(reporting_unit: Unit) -> tuple[Unit, Unit, Unit]:
    """The handling, telecom and culture units for a reporting unit, from the unit tree."""
    handler = reporting_unit.handling_unit
    if handler is None or not handler.active:
        raise RoutingError(f"{reporting_unit.name} chưa được gán đơn vị xử lý đang hoạt động.")
    telecom = handler.authority(Role.TELECOM) or reporting_unit.authority(Role.TELECOM)
    culture = handler.authority(Role.CULTURE) or reporting_unit.authority(Role.CULTURE)
    if telecom is None or culture is None:
        raise RoutingError(
            f"Chưa khai báo cơ quan quản lý viễn thông và cơ quan văn hóa cho {handler.name}."
        )
    return handler, telecom, culture
