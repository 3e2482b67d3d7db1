"""§5 Tra cứu hồ sơ: search every case the unit may see, sort, page, export to Excel."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from raovat import xlsx
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.selectors import access
from raovat.cases.selectors.access import may_see_identity, may_see_names
from raovat.cases.selectors.search import Criteria, case_search, count_capped, paginate
from raovat.cases.services import search_export as exports
from raovat.cases.workflow import State
from raovat.jobs.models import Job
from raovat.web.forms import SearchForm


def _asked(request) -> tuple[SearchForm, Criteria]:
    """The search the page and its export both run: the form's criteria, or none."""
    if request.user.unit_id is None:
        raise Http404("Tài khoản chưa thuộc đơn vị nào.")
    form = SearchForm(request.GET or None, user=request.user)
    return form, form.criteria() if form.is_valid() else Criteria()


@login_required
def search(request):
    user = request.user
    form, criteria = _asked(request)
    qs = case_search(user=user, criteria=criteria)
    if may_see_names(user):
        qs = qs.select_related("subscriber")
    page = paginate(
        qs,
        sort=criteria.sort,
        descending=criteria.descending,
        after=request.GET.get("sau", ""),
        before=request.GET.get("truoc", ""),
    )
    # The rows' units from the process's copy of the unit tree: four joins of the unit
    # table cost the page query more to plan than to run.
    access.with_route_units(page.rows)
    total, capped = count_capped(qs)
    params = request.GET.copy()
    for key in ("sau", "truoc"):
        params.pop(key, None)
    names = chain_names(user.unit)
    rows = [
        (case, chain_label(State(case.state).label, names=names), may_see_identity(user, case))
        for case in page.rows
    ]
    return render(
        request,
        "search.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "total": total,
            "capped": capped,
            "query": params.urlencode(),
            "show_names": may_see_names(user),
            "sort": criteria.sort,
            "descending": criteria.descending,
            "errors": form.errors,
            "sort_query": _without(params, ("sap_xep", "chieu")),
            "statistics_text": form.statistics_text() if form.is_bound and form.is_valid() else "",
        },
    )


def _without(params, keys) -> str:
    copy = params.copy()
    for key in keys:
        copy.pop(key, None)
    return copy.urlencode()


@login_required
def search_export(request):
    """The current result as .xlsx; a big one is written by the worker (see the service)."""
    user = request.user
    _, criteria = _asked(request)
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
    return render(
        request,
        "search_export.html",
        {
            "job": job,
            "capped": job.total >= exports.EXPORT_LIMIT,
            "limit": f"{exports.EXPORT_LIMIT:,}".replace(",", "."),
        },
    )
