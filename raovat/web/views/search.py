"""§5 Tra cứu hồ sơ: search every case the unit may see, sort, page, export to Excel."""


from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from raovat import xlsx
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.selectors.identity import may_see_identity
from raovat.cases.selectors.search import (
    SORTS,
    Criteria,
    case_search,
    count_capped,
    paginate,
)
from raovat.cases.services import search_export as exports
from raovat.cases.workflow import State
from raovat.jobs.models import Job
from raovat.units.models import Role, Unit, User
from raovat.units.selectors import reporting_units_for
from raovat.web.forms import DATE, UnitChoiceField


def _date(label):
    return forms.DateField(label=label, required=False, widget=DATE)


def _text(label, placeholder=""):
    return forms.CharField(label=label, required=False, max_length=200,
                           widget=forms.TextInput(attrs={"class": "form-control",
                                                         "placeholder": placeholder}))


class SearchForm(forms.Form):
    phone = _text("Số thuê bao", "0912 345 hoặc 345.678")
    number = _text("Số hồ sơ", "HS-2026-")
    reporting_unit = UnitChoiceField(
        label="Đơn vị phát hiện", required=False, queryset=Unit.objects.none())
    state = forms.ChoiceField(label="Trạng thái", required=False,
                              widget=forms.Select(attrs={"class": "form-select"}))
    found_from = _date("Ngày phát hiện từ")
    found_to = _date("đến ngày")
    received_from = _date("Ngày tiếp nhận từ")
    received_to = _date("đến ngày")
    carrier = forms.ChoiceField(label="Nhà mạng", required=False,
                                choices=[("", "Tất cả"), *CARRIER_CHOICES],
                                widget=forms.Select(attrs={"class": "form-select"}))
    subscriber_name = _text("Tên chủ thuê bao", "không cần dấu: nguyen van a")
    address = _text("Địa chỉ / địa điểm")
    ad_text = _text("Nội dung quảng cáo")
    officer = forms.ModelChoiceField(
        label="Cán bộ xử lý", required=False, queryset=User.objects.none(),
        empty_label="Tất cả", widget=forms.Select(attrs={"class": "form-select"}))
    sap_xep = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS])
    chieu = forms.ChoiceField(required=False, choices=[("giam", "giam"), ("tang", "tang")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        names = chain_names(user.unit)
        self.fields["state"].choices = [("", "Tất cả")] + [
            (s.value, chain_label(s.label, names=names)) for s in State]
        self.fields["reporting_unit"].queryset = reporting_units_for(user=user)
        self.fields["officer"].queryset = User.objects.filter(
            unit_id=user.unit_id, is_active=True).order_by("full_name")
        self.fields["officer"].label_from_instance = lambda u: u.display_name
        if not _may_see_names(user):
            # A unit that may not see identities may not probe them by name either.
            del self.fields["subscriber_name"]

    def criteria(self) -> Criteria:
        d = self.cleaned_data
        return Criteria(
            phone=d["phone"], number=d["number"],
            reporting_unit=d["reporting_unit"].pk if d["reporting_unit"] else None,
            state=d["state"], found_from=d["found_from"], found_to=d["found_to"],
            received_from=d["received_from"], received_to=d["received_to"],
            carrier=d["carrier"], subscriber_name=d.get("subscriber_name", ""),
            address=d["address"],
            ad_text=d["ad_text"], officer=d["officer"].pk if d["officer"] else None,
            sort=d["sap_xep"] or "so-ho-so", descending=d["chieu"] != "tang",
        )


def _may_see_names(user) -> bool:
    return user.role in (Role.HANDLER, Role.TELECOM, Role.CULTURE)


@login_required
def search(request):
    user = request.user
    if user.unit_id is None:
        raise Http404("Tài khoản chưa thuộc đơn vị nào.")
    form = SearchForm(request.GET or None, user=user)
    criteria = form.criteria() if form.is_valid() else Criteria()
    qs = case_search(user=user, criteria=criteria if form.is_bound else Criteria()) \
        .select_related("reporting_unit", "current_unit", "telecom_unit", "culture_unit")
    if _may_see_names(user):
        qs = qs.select_related("subscriber")
    page = paginate(qs, sort=criteria.sort, descending=criteria.descending,
                    after=request.GET.get("sau", ""), before=request.GET.get("truoc", ""))
    total, capped = count_capped(qs)
    params = request.GET.copy()
    for key in ("sau", "truoc"):
        params.pop(key, None)
    names = chain_names(user.unit)
    rows = [(case, chain_label(State(case.state).label, names=names),
             may_see_identity(user, case)) for case in page.rows]
    return render(request, "search.html", {
        "form": form, "page": page, "rows": rows, "total": total, "capped": capped,
        "query": params.urlencode(), "show_names": _may_see_names(user),
        "sort": criteria.sort, "descending": criteria.descending, "errors": form.errors,
        "sort_query": _without(params, ("sap_xep", "chieu")),
    })


def _without(params, keys) -> str:
    copy = params.copy()
    for key in keys:
        copy.pop(key, None)
    return copy.urlencode()


@login_required
def search_export(request):
    """The current result as .xlsx; a big one is written by the worker (see the service)."""
    user = request.user
    if user.unit_id is None:
        raise Http404("Tài khoản chưa thuộc đơn vị nào.")
    form = SearchForm(request.GET or None, user=user)
    criteria = form.criteria() if form.is_valid() else Criteria()
    size = exports.export_size(user=user, criteria=criteria)
    if size > exports.INLINE_ROWS:
        job = exports.search_export_enqueue(user=user, criteria=criteria, size=size)
        return redirect("search_export_job", pk=job.pk)
    response = HttpResponse(content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{exports.export_file_name()}"'
    response["Cache-Control"] = "private, no-store"
    exports.search_export_write(user=user, criteria=criteria, out=response)
    return response


@login_required
def search_export_job(request, pk: int):
    job = get_object_or_404(Job, pk=pk, kind=exports.EXPORT_KIND, created_by=request.user)
    return render(request, "search_export.html", {
        "job": job, "capped": job.total >= exports.EXPORT_LIMIT,
        "limit": f"{exports.EXPORT_LIMIT:,}".replace(",", ".")})
