"""A work list screen's filter, sort and page, read from the query string.

The same parameters come back in a batch form's POST when the officer acts on "every case
matching this filter", so the batch takes exactly the cases the screen counted.
"""

from django.http import QueryDict

from raovat.cases.selectors.listing import all_matching_ids, dispatch_max, list_filter, list_page
from raovat.cases.selectors.search import SORTS
from raovat.cases.services.errors import WorkflowError
from raovat.web.forms import ListFilterForm

FILTER_KEYS = ("reporting_unit", "found_from", "found_to", "carrier", "sap_xep", "chieu")
ALL_MATCHING = "tat_ca"


def _form(data: QueryDict, user, by_unit: bool, sorts: dict | None = None) -> ListFilterForm:
    bound = {k: v for k, v in data.items() if k in FILTER_KEYS}
    return ListFilterForm(bound or None, user=user, by_unit=by_unit, sorts=sorts)


def worklist(request, qs, *, by_unit: bool = True, sorts: dict | None = None) -> dict:
    """The context of a paged work list: `cases` (this page), `page`, the filter form.

    `sorts`: the list's own sorts, {code: (label, column)}, the first its default; the
    column is a date (`*_on`) or moment the queryset has (annotate a joined one).
    """
    form = _form(request.GET, request.user, by_unit, sorts)
    criteria = form.criteria()
    qs = list_filter(qs, criteria=criteria)
    columns = {**SORTS, **{code: column for code, (_, column) in (sorts or {}).items()}}
    page = list_page(
        qs,
        criteria=criteria,
        after=request.GET.get("sau", ""),
        before=request.GET.get("truoc", ""),
        sorts=columns,
    )
    query = QueryDict(mutable=True)
    for key in FILTER_KEYS:
        if request.GET.get(key):
            query[key] = request.GET[key]
    return {
        "cases": page.rows,
        "page": page,
        "filter_form": form,
        "filter_active": criteria.active,
        "query": query.urlencode(),
        "filter_items": list(query.items()),
        "batch_max": dispatch_max(),
        "all_fits": not page.total_capped and page.total <= dispatch_max(),
    }


def batch_ids(request, qs, *, by_unit: bool = True) -> list[int] | None:
    """The cases a batch form acts on: those ticked, or every case matching its filter.

    Beyond the maximum, or with a filter that does not read, it puts the Vietnamese
    reason on the page and returns None: nothing is changed.
    """
    from django.contrib import messages

    from raovat.web.access import selected_ids

    if request.POST.get(ALL_MATCHING) != "1":
        return selected_ids(request)
    form = _form(request.POST, request.user, by_unit)
    if form.is_bound and not form.is_valid():
        messages.error(
            request,
            "Bộ lọc không hợp lệ, không hồ sơ nào thay đổi. "
            "Hãy lọc lại danh sách rồi thực hiện lại.",
        )
        return None
    try:
        return all_matching_ids(list_filter(qs, criteria=form.criteria()))
    except WorkflowError as exc:
        messages.error(request, " ".join(exc.problems))
        return None
