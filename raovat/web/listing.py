"""A work list screen's filter, sort and page, read from the query string.

The same parameters come back in a batch form's POST when the officer acts on "every case
matching this filter", so the batch takes exactly the cases the screen counted.
"""

from django import forms
from django.http import QueryDict

from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.selectors.listing import (
    ListFilter,
    all_matching_ids,
    dispatch_max,
    list_filter,
    list_page,
)
from raovat.cases.selectors.search import SORTS
from raovat.cases.services.errors import WorkflowError
from raovat.units.process_cache import cached
from raovat.units.selectors import reporting_units_for
from raovat.web.forms import DATE

SORT_LABELS = {"cap-nhat": "Ngày chuyển đến", "ngay-phat-hien": "Ngày phát hiện",
               "so-ho-so": "Số hồ sơ"}
FILTER_KEYS = ("reporting_unit", "found_from", "found_to", "carrier", "sap_xep", "chieu")
ALL_MATCHING = "tat_ca"


class ListFilterForm(forms.Form):
    reporting_unit = forms.TypedChoiceField(
        label="Đơn vị phát hiện", required=False, coerce=int, empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    found_from = forms.DateField(label="Phát hiện từ ngày", required=False, widget=DATE)
    found_to = forms.DateField(label="đến ngày", required=False, widget=DATE)
    carrier = forms.ChoiceField(label="Nhà mạng", required=False,
                                choices=[("", "Tất cả"), *CARRIER_CHOICES],
                                widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    sap_xep = forms.ChoiceField(label="Sắp xếp theo", required=False,
                                choices=list(SORT_LABELS.items()),
                                widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    chieu = forms.ChoiceField(label="Thứ tự", required=False,
                              choices=[("tang", "Cũ trước"), ("giam", "Mới trước")],
                              widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, user, by_unit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("found_from", "found_to"):
            self.fields[name].widget.attrs = {**self.fields[name].widget.attrs,
                                              "class": "form-control form-control-sm"}
        if not by_unit:
            del self.fields["reporting_unit"]
            return
        self.fields["reporting_unit"].choices = [("", "Tất cả"), *_reporting_units(user)]

    def criteria(self) -> ListFilter:
        if not self.is_valid():
            return ListFilter()
        d = self.cleaned_data
        sort = d["sap_xep"] if d["sap_xep"] in SORTS else "cap-nhat"
        return ListFilter(reporting_unit=d.get("reporting_unit"),
                          found_from=d["found_from"], found_to=d["found_to"],
                          carrier=d["carrier"], sort=sort, descending=d["chieu"] == "giam")


def _reporting_units(user) -> list[tuple[int, str]]:
    """The wards whose cases reach the user's unit (a handling unit's own; a department's
    province), not every ward of the country."""
    return cached(("list_wards", user.unit_id), lambda: list(
        reporting_units_for(user=user).filter(active=True).order_by("name")
        .values_list("pk", "short_name")))


def _form(data: QueryDict, user, by_unit: bool) -> ListFilterForm:
    bound = {k: v for k, v in data.items() if k in FILTER_KEYS}
    return ListFilterForm(bound or None, user=user, by_unit=by_unit)


def worklist(request, qs, *, by_unit: bool = True) -> dict:
    """The context of a paged work list: `cases` (this page), `page`, the filter form."""
    form = _form(request.GET, request.user, by_unit)
    criteria = form.criteria()
    qs = list_filter(qs, criteria=criteria)
    page = list_page(qs, criteria=criteria, after=request.GET.get("sau", ""),
                     before=request.GET.get("truoc", ""))
    query = QueryDict(mutable=True)
    for key in FILTER_KEYS:
        if request.GET.get(key):
            query[key] = request.GET[key]
    return {
        "cases": page.rows, "page": page, "filter_form": form,
        "filter_active": criteria.active, "query": query.urlencode(),
        "filter_items": list(query.items()), "batch_max": dispatch_max(),
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
        messages.error(request, "Bộ lọc không hợp lệ, không hồ sơ nào thay đổi. "
                       "Hãy lọc lại danh sách rồi thực hiện lại.")
        return None
    try:
        return all_matching_ids(list_filter(qs, criteria=form.criteria()))
    except WorkflowError as exc:
        messages.error(request, " ".join(exc.problems))
        return None
