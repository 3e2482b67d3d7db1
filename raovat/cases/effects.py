"""The work a change of state starts, queued inside the transition's own transaction.

The job table is in the same database as the cases: writing the job rows in the
transition's transaction makes "the job exists" and "the transition happened" one fact.
A job that cannot be queued rolls the transition back; a transition rolled back leaves
no job. The work itself (an e-mail, later an SMS or a document) is done by the worker,
by a handler registered under the job's kind by the app that owns it: `cases` names
the kind and never imports that app.

Apps above `cases` that must act on every transition in its transaction (the API's
webhooks queue their deliveries) register a listener here; a listener that raises rolls
the transition back, as a job that cannot be queued does.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from raovat.cases.models import Case, CaseEvent, Dispatch, Sighting
from raovat.cases.workflow import Need, Transition
from raovat.jobs.services import job_enqueue
from raovat.units.models import User

# Registered by raovat/notifications/tasks.py.
DISPATCH_ARRIVED = "notifications.dispatch_arrived"


@dataclass(frozen=True)
class TransitionDone:
    """What a listener learns: the transition, who did it, and one history row per case
    (each row's `case` carries the case as it now is)."""

    transition: Transition
    actor: User
    events: Sequence[CaseEvent]
    dispatch: Dispatch | None


@dataclass(frozen=True)
class CaseOpened:
    """What an opening listener learns: the new case and the sighting that opened it."""

    case: Case
    sighting: Sighting
    actor: User


_LISTENERS: list[Callable[[TransitionDone], None]] = []
_OPEN_LISTENERS: list[Callable[[CaseOpened], None]] = []


def transition_listener(func: Callable[[TransitionDone], None]):
    """Register `func` to run inside every transition's transaction, after its writes."""
    if func not in _LISTENERS:
        _LISTENERS.append(func)
    return func


def opening_listener(func: Callable[[CaseOpened], None]):
    """Register `func` to run inside the transaction that opens a case from a sighting,
    after the sighting and its photos are written."""
    if func not in _OPEN_LISTENERS:
        _OPEN_LISTENERS.append(func)
    return func


def opening_effects(*, case: Case, sighting: Sighting, actor: User) -> None:
    """Called by the intake inside its atomic block when a sighting opened a new case."""
    for listener in _OPEN_LISTENERS:
        listener(CaseOpened(case=case, sighting=sighting, actor=actor))


def transition_effects(
    *,
    transition: Transition,
    actor: User,
    dispatch: Dispatch | None,
    events: Sequence[CaseEvent] = (),
) -> None:
    """Queue the jobs of a transition; called by `case_transition` inside its atomic block."""
    if Need.DISPATCH in transition.needs and dispatch is not None:
        # The receiving unit's officers get an e-mail.
        job_enqueue(
            kind=DISPATCH_ARRIVED,
            label="Báo phiếu chuyển đến đơn vị nhận",
            payload={"dispatch_ids": [dispatch.pk]},
            total=1,
            actor=actor,
        )
    if _LISTENERS and events:
        done = TransitionDone(
            transition=transition,
            actor=actor,
            events=events,
            dispatch=dispatch if Need.DISPATCH in transition.needs else None,
        )
        for listener in _LISTENERS:
            listener(done)
