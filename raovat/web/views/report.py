"""Báo cáo: a unit's periodic report — pick a period and a unit, type the difficulties and
proposals, then print it (PDF) or download it to edit (DOCX). Decision 023."""

import calendar
import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from raovat.cases.limits import LONG_TEXT_MAX, TOO_LONG
from raovat.cases.selectors.access import active_unit_id
from raovat.cases.selectors.search import paginate
from raovat.cases.selectors.statistics import statistics_units
from raovat.documents import selectors
from raovat.documents.contexts.report import period_label, report_context
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.models import PeriodKind
from raovat.documents.reports import ReportPeriod, live_figures, report_create, report_render
from raovat.documents.views import not_printed
from raovat.units.models import Unit
from raovat.web.forms import DATE, RequestKeyForm, UnitChoiceField

# "Lập báo cáo" on the statistics screen sends that screen's own query (report/_link.html).
FROM_STATISTICS = {
    "nam": "year",
    "quy": "quarter",
    "thang": "month",
    "tu_ngay": "start",
    "den_ngay": "end",
    "don_vi": "of_unit",
}
STATISTICS_KINDS = {
    "nam": PeriodKind.YEAR,
    "quy": PeriodKind.QUARTER,
    "thang": PeriodKind.MONTH,
    "khac": PeriodKind.CUSTOM,
}
MAX_DAYS = 3 * 366  # as the statistics screen
FORMATS = {"": ("pdf", "inline"), "pdf": ("pdf", "attachment"), "docx": ("docx", "attachment")}
_SELECT = {"class": "form-select"}


def _text(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=LONG_TEXT_MAX,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
        help_text="Mỗi dòng là một đoạn của báo cáo; để trống sẽ in “Không có.”",
    )


class ReportForm(RequestKeyForm):
    kind = forms.ChoiceField(
        label="Kỳ báo cáo",
        choices=PeriodKind.choices,
        initial=PeriodKind.MONTH,
        widget=forms.Select(attrs=_SELECT),
    )
    year = forms.TypedChoiceField(
        label="Năm",
        coerce=int,
        widget=forms.Select(attrs=_SELECT),
        error_messages={"invalid_choice": "Năm không hợp lệ."},
    )
    month = forms.TypedChoiceField(
        label="Tháng",
        coerce=int,
        required=False,
        widget=forms.Select(attrs=_SELECT),
        choices=[(m, f"Tháng {m:02d}") for m in range(1, 13)],
        error_messages={"invalid_choice": "Tháng không hợp lệ."},
    )
    quarter = forms.TypedChoiceField(
        label="Quý",
        coerce=int,
        required=False,
        widget=forms.Select(attrs=_SELECT),
        choices=[(q, f"Quý {r}") for q, r in enumerate(("I", "II", "III", "IV"), 1)],
        error_messages={"invalid_choice": "Quý không hợp lệ."},
    )
    start = forms.DateField(
        label="Từ ngày",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )
    end = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )
    of_unit = UnitChoiceField(
        label="Số liệu của đơn vị",
        required=False,
        queryset=Unit.objects.none(),
        help_text="Để trống: toàn bộ số liệu của đơn vị bạn.",
    )
    difficulties = _text("Khó khăn, vướng mắc")
    proposals = _text("Kiến nghị, đề xuất")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        years = list(range(today.year, today.year - 6, -1))
        self.fields["year"].choices = [(y, str(y)) for y in years]
        last_month = today.replace(day=1) - datetime.timedelta(days=1)
        self.fields["year"].initial = last_month.year
        self.fields["month"].initial = last_month.month
        self.fields["quarter"].initial = (today.month - 1) // 3 or 4
        self.fields["of_unit"].queryset = statistics_units(user=user)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start, end = _period_days(data)
        if start is None or end is None:
            self.add_error(None, "Hãy chọn tháng, quý hoặc nhập đủ từ ngày, đến ngày.")
        elif end < start:
            self.add_error("end", "Ngày kết thúc của kỳ báo cáo không được trước ngày bắt đầu.")
        elif (end - start).days > MAX_DAYS:
            self.add_error("end", "Mỗi báo cáo tối đa 3 năm.")
        elif start > timezone.localdate():
            self.add_error(
                None, "Kỳ báo cáo chưa bắt đầu: hãy chọn một kỳ đã qua hoặc đang diễn ra."
            )
        else:
            data["period"] = ReportPeriod(data["kind"], start, end)
        return data


def _period_days(data) -> tuple[datetime.date | None, datetime.date | None]:
    kind, year = data["kind"], data["year"]
    if kind == PeriodKind.MONTH and data.get("month"):
        month = data["month"]
        return (
            datetime.date(year, month, 1),
            datetime.date(year, month, calendar.monthrange(year, month)[1]),
        )
    if kind == PeriodKind.QUARTER and data.get("quarter"):
        first = 3 * data["quarter"] - 2
        return (
            datetime.date(year, first, 1),
            datetime.date(year, first + 2, calendar.monthrange(year, first + 2)[1]),
        )
    if kind == PeriodKind.YEAR:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if kind == PeriodKind.CUSTOM:
        return data.get("start"), data.get("end")
    return None, None


def _from_statistics(query) -> dict:
    initial = {ours: query[theirs] for theirs, ours in FROM_STATISTICS.items() if query.get(theirs)}
    if query.get("ky") in STATISTICS_KINDS:
        initial["kind"] = STATISTICS_KINDS[query["ky"]]
    return initial


def _require_unit(user) -> None:
    if active_unit_id(user) is None:
        raise Http404("Trang không tồn tại.")


@login_required
def report_list(request):
    _require_unit(request.user)
    form = ReportForm(
        request.POST or None, user=request.user, initial=_from_statistics(request.GET)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        report = report_create(
            actor=request.user,
            of_unit=d["of_unit"],
            period=d["period"],
            difficulties=d["difficulties"],
            proposals=d["proposals"],
            request_key=d["request_key"],
        )
        return redirect("report_detail", pk=report.pk)
    reports = selectors.reports_of_unit(user=request.user).select_related("of_unit", "created_by")
    # Newest first, in the same keyset pages as every other list.
    page = paginate(
        reports,
        sort="ngay-lap",
        descending=True,
        after=request.GET.get("sau", ""),
        before=request.GET.get("truoc", ""),
        sorts={"ngay-lap": "created_at"},
    )
    rows = [(r, period_label(r.period_kind, r.start, r.end)) for r in page.rows]
    status = 400 if form.errors else 200
    return render(
        request, "report/list.html", {"form": form, "page": page, "rows": rows}, status=status
    )


@login_required
def report_detail(request, pk: int):
    report = selectors.report_for_print(user=request.user, pk=pk)
    figures = live_figures(report=report, user=request.user)
    context = report_context(report, figures)
    return render(request, "report/detail.html", {"report": report, "doc": context})


@login_required
def report_document(request, pk: int):
    report = selectors.report_for_print(user=request.user, pk=pk)
    try:
        fmt, disposition = FORMATS[request.GET.get("dinh-dang", "")]
    except KeyError:
        raise Http404("Không có định dạng này.") from None

    def make():
        document = report_render(report=report, user=request.user, fmt=fmt)
        response = HttpResponse(document.content, content_type=document.content_type)
        response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response

    return not_printed(request, K.PERIODIC_REPORT.label, make)
