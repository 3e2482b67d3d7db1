"""Work that follows a committed change of state and may wait or fail on its own."""

import logging

from raovat.cases.workflow import TRANSITIONS, Need

log = logging.getLogger("raovat.workflow")


def after_transition(action: str, event_ids: list[int]) -> None:
    log.debug("transition %s committed for %d case(s)", action, len(event_ids))
    transition = TRANSITIONS.get(action)
    if transition is not None and Need.DISPATCH in transition.needs:
        # The receiving unit's officers get an e-mail; a worker sends it, not the request.
        # The transition is committed already: a queue failure must not turn it into an
        # error page, so it is logged instead.
        from raovat.notifications.services import dispatch_notice_enqueue

        try:
            dispatch_notice_enqueue(event_ids=event_ids)
        except Exception:
            log.exception("could not queue the dispatch notice for events %s", event_ids)
