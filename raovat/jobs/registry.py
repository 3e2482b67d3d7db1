"""Job kinds and the functions that run them."""

import datetime
from collections.abc import Callable

_HANDLERS: dict[str, Callable] = {}


class RetryLater(Exception):
    """Raised by a handler that has more to do later (e.g. an SMS waiting to be retried)."""

    def __init__(self, at: datetime.datetime):
        self.at = at
        super().__init__(f"retry at {at.isoformat()}")


def handler(kind: str):
    def register(func: Callable) -> Callable:
        if kind in _HANDLERS and _HANDLERS[kind] is not func:
            raise RuntimeError(f"job kind {kind!r} registered twice")
        _HANDLERS[kind] = func
        return func

    return register


def handler_for(kind: str) -> Callable:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no handler for job kind {kind!r}") from None


def known(kind: str) -> bool:
    return kind in _HANDLERS
