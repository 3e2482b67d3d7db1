"""Thống kê: the figures of the user's scope for a period, with charts, their tables,
links to the list of each figure's cases, and the tables as Excel."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from raovat import xlsx
from raovat.cases.selectors.statistics import statistics_for, statistics_units
from raovat.web.forms import StatisticsForm
from raovat.web.statistics_tables import statistics_sheets, statistics_tables


def _read(request):
    user = request.user
    if user.unit_id is None or not user.unit.active:
        raise Http404("Tài khoản chưa thuộc đơn vị nào.")
    form = StatisticsForm(
        request.GET or None, units=statistics_units(user=user), today=timezone.localdate()
    )
    valid = form.is_valid() if form.is_bound else True
    stats = statistics_for(user=user, period=form.period(), filters=form.filters())
    return form, valid, stats, statistics_tables(stats)


def _scope(request, stats) -> str:
    unit = request.user.unit
    text = "Các hồ sơ của tỉnh/thành phố" if request.user.leader else f"Hồ sơ {unit.name} tham gia"
    if stats.filters.unit is not None:
        text += f" – {stats.filters.unit.name}"
    return text


@login_required
def statistics(request):
    form, valid, stats, tables = _read(request)
    return render(
        request,
        "statistics.html",
        {
            "form": form,
            "valid": valid,
            "stats": stats,
            "tables": tables,
            "scope": _scope(request, stats),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def statistics_export(request):
    _form, _valid, stats, tables = _read(request)
    wanted = request.GET.get("bang", "")
    if wanted:
        tables = [t for t in tables if t.slug == wanted]
        if not tables:
            raise Http404("Không có bảng này.")
    response = HttpResponse(content_type=xlsx.CONTENT_TYPE)
    name = f"thong-ke-{wanted or 'tat-ca'}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    xlsx.workbook_write(response, sheets=statistics_sheets(stats, tables, _scope(request, stats)))
    return response
