"""Writing the log of who saw a subscriber's identity. The only writer of that log."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from raovat.audit.models import PersonalDataAccess
from raovat.cases.selectors.access import may_see_identity
from raovat.units.models import User

BATCH = 2000


def identity_shown(*, user: User, cases: Iterable, page: str, stored: bool = True) -> set:
    """The ids of `cases` whose subscriber `user` may see in full, logged as seen on `page`.

    Every page, preview and export that shows a name calls this and shows the full
    identity only for the ids it returns (decision 005). With `stored`, a case counts
    only if the identity is already recorded (`select_related("subscriber")` first);
    without, the page shows an identity from elsewhere (a carrier's workbook).
    """
    shown = [
        c
        for c in cases
        if may_see_identity(user, c) and (not stored or getattr(c, "subscriber", None) is not None)
    ]
    personal_data_viewed(user=user, cases=shown, page=page)
    return {c.pk for c in shown}


def personal_data_viewed(*, user: User, case=None, cases: Iterable = (), page: str) -> int:
    """Record that `user` was shown the full identity of `case` (or of each of `cases`).

    `cases` takes Case objects or ids, for exports: one row per case, written in a few
    multi-row inserts, so an export of 50,000 cases costs 25 statements, not 50,000.
    Returns the number of rows written.
    """
    ids = [case.pk] if case is not None else []
    ids += [c if isinstance(c, int) else c.pk for c in cases]
    if not ids:
        return 0
    unit = user.unit if user.unit_id else None
    now = timezone.now()
    rows = [
        PersonalDataAccess(
            user=user,
            user_name=user.display_name,
            unit=unit,
            unit_name=unit.name if unit else "",
            case_id=pk,
            page=page,
            at=now,
        )
        for pk in ids
    ]
    with transaction.atomic():
        PersonalDataAccess.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
