"""Work that follows a committed change of state and may wait or fail on its own."""

import logging

log = logging.getLogger("raovat.workflow")


def after_transition(action: str, event_ids: list[int]) -> None:
    log.debug("transition %s committed for %d case(s)", action, len(event_ids))
