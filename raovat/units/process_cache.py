"""Facts about the unit tree that every page reads, kept in each process for a minute.

A page names the telecom and culture authorities above the user's unit, the kind of its
reporting units and the deadlines of the states: five to seven small queries walking up
the tree on every request. They change when an administrator edits the units or the
deadlines, which clears this process's copy at once (other processes follow within
`TTL_SECONDS`).
"""

import copy
import time

from django.db.models.signals import post_delete, post_save

TTL_SECONDS = 60.0
_store: dict = {}


def cached(key, compute):
    """`compute()` once per key and minute; callers get their own copy to change."""
    now = time.monotonic()
    hit = _store.get(key)
    if hit is None or hit[0] <= now:
        hit = (now + TTL_SECONDS, compute())
        _store[key] = hit
    return copy.copy(hit[1])


def cached_many(prefix: str, keys, compute) -> dict:
    """As `cached`, for many keys read at once: `compute(missing_keys)` gives
    {key: value} for the keys this process has no fresh copy of."""
    now = time.monotonic()
    found, missing = {}, []
    for key in keys:
        hit = _store.get((prefix, key))
        if hit is None or hit[0] <= now:
            missing.append(key)
        else:
            found[key] = copy.copy(hit[1])
    if missing:
        for key, value in compute(missing).items():
            _store[(prefix, key)] = (now + TTL_SECONDS, value)
            found[key] = copy.copy(value)
    return found


def clear(**_kwargs) -> None:
    _store.clear()


def clear_on_change(*models) -> None:
    for model in models:
        post_save.connect(clear, sender=model, dispatch_uid=f"process_cache_{model.__name__}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"process_cache_del_{model.__name__}")
