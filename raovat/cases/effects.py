"""The work a change of state starts, queued inside the transition's own transaction.

The job table is in the same database as the cases: writing the job rows in the
transition's transaction makes "the job exists" and "the transition happened" one fact.
A job that cannot be queued rolls the transition back; a transition rolled back leaves
no job. The work itself (an e-mail, later an SMS or a document) is done by the worker,
by a handler registered under the job's kind by the app that owns it: `cases` names
the kind and never imports that app.
"""

from raovat.cases.models import Dispatch
from raovat.cases.workflow import Need, Transition
from raovat.jobs.services import job_enqueue
from raovat.units.models import User

# Registered by raovat/notifications/tasks.py.
DISPATCH_ARRIVED = "notifications.dispatch_arrived"


def transition_effects(*, transition: Transition, actor: User,
                       dispatch: Dispatch | None) -> None:
    """Queue the jobs of a transition; called by `case_transition` inside its atomic block."""
    if Need.DISPATCH in transition.needs and dispatch is not None:
        # The receiving unit's officers get an e-mail.
        job_enqueue(kind=DISPATCH_ARRIVED, label="Báo phiếu chuyển đến đơn vị nhận",
                    payload={"dispatch_ids": [dispatch.pk]}, total=1, actor=actor)
