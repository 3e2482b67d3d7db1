"""Every work list bounded: filters, a sort, keyset pages and a capped count.

A work list (a selector of `worklists`, `telecom`, `culture`, `reporter`) is a queryset of
the cases waiting for a unit. Whatever its length, a screen reads one page of it (the
same keyset pages as "Tra cứu hồ sơ", decision 006) and counts it up to a cap. A batch
action may take every case matching the filter, up to the dispatch maximum.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from raovat.cases.selectors.search import SORTS, Page, count_capped, paginate
from raovat.cases.services.errors import WorkflowError

# Work lists show the longest waiting first.
DEFAULT_SORT = "cap-nhat"
# A work list counts up to here ("hơn 1.000 hồ sơ"): more than a batch may take anyway.
COUNT_CAP = 1_000


@dataclass
class ListFilter:
    reporting_unit: int | None = None
    found_from: datetime.date | None = None
    found_to: datetime.date | None = None
    carrier: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = False

    @property
    def active(self) -> bool:
        return bool(self.reporting_unit or self.found_from or self.found_to or self.carrier)


def list_filter(qs, *, criteria: ListFilter):
    """The cases of a work list that match the officer's filter.

    The carrier is the one the telecom authority recorded for the subscriber, or the one
    guessed from the number before that.
    """
    c = criteria
    if c.reporting_unit:
        qs = qs.filter(reporting_unit_id=c.reporting_unit)
    if c.found_from:
        qs = qs.filter(first_found_on__gte=c.found_from)
    if c.found_to:
        qs = qs.filter(first_found_on__lte=c.found_to)
    if c.carrier:
        qs = qs.filter(Q(carrier_hint=c.carrier) | Q(subscriber__carrier=c.carrier))
    return qs


def list_page(
    qs, *, criteria: ListFilter, after: str = "", before: str = "", sorts: dict[str, str] = SORTS
) -> Page:
    """One page of a filtered work list, with its total counted up to the cap.

    `sorts` maps a sort's code to its column, for a list with a sort of its own."""
    page = paginate(
        qs,
        sort=criteria.sort,
        descending=criteria.descending,
        after=after,
        before=before,
        sorts=sorts,
    )
    # Counted without the columns of the rows (first place, photo…): those are read for
    # the page only.
    page.total, page.total_capped = count_capped(
        qs.values("pk"), cap=max(COUNT_CAP, dispatch_max())
    )
    return page


def dispatch_max() -> int:
    return settings.DISPATCH_MAX_CASES


def all_matching_ids(qs) -> list[int]:
    """The ids of every case of a filtered list, for one all-or-nothing batch.

    More than the dispatch maximum is refused before anything is read or changed.
    """
    limit = dispatch_max()
    ids = list(qs.order_by("state_since", "id").values_list("pk", flat=True)[: limit + 1])
    if len(ids) > limit:
        shown = f"{limit:,}".replace(",", ".")
        raise WorkflowError(
            f"Có hơn {shown} hồ sơ khớp bộ lọc; mỗi lần chỉ xử lý được tối đa {shown} hồ sơ. "
            "Hãy lọc hẹp hơn (theo đơn vị phát hiện, ngày phát hiện hoặc nhà mạng) rồi "
            "thực hiện lại. Không hồ sơ nào thay đổi."
        )
    return ids
