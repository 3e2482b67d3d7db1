"""The reporting unit's desk: record a violation, send drafts, complete returned cases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from raovat.cases.phones import display
from raovat.cases.selectors import access
from raovat.cases.selectors import reporter as selectors
from raovat.cases.selectors.latest import last_event
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.intake import sighting_record
from raovat.cases.services.ocr import UNAVAILABLE, ocr_available
from raovat.cases.services.pending_photos import (
    pending_discard,
    pending_keep,
    pending_of,
    pending_prepared,
)
from raovat.cases.services.photo_reading import (
    Reading,
    reading_of,
    reading_start,
    reading_state,
)
from raovat.cases.services.sightings import (
    MAX_NUMBERS_PER_AD,
    sighting_correct,
    sightings_record,
)
from raovat.cases.workflow import State
from raovat.units.models import Role
from raovat.web.access import require_role, selected_ids
from raovat.web.forms import AdForm, SightingForm
from raovat.web.listing import worklist
from raovat.web.views.actions import back, desk_page, refusal_shown, transition


def _page(request, template: str, **context):
    handler = request.user.unit.handling_unit
    send_label = f"Gửi {handler.short_name}" if handler else "Chuyển xác nhận"
    return desk_page(request, template, send_label=send_label, **context)


def _own_case(user, number: str):
    return access.case_to_act(user=user, number=number, states=selectors.COMPLETABLE)


# Ghi nhận vi phạm ---------------------------------------------------------------------


def _phone_rows(post) -> list[dict]:
    """The number rows of the form: each has its text and whether the officer confirmed it."""
    confirmed = set(post.getlist("confirmed"))
    rows = []
    for key in post:
        if key.startswith("phone_"):
            name = key.removeprefix("phone_")
            # Rows "o1", "o2"… came from the photo reader (see _ocr.html).
            rows.append(
                {
                    "key": name,
                    "written": post.get(key, "").strip(),
                    "confirmed": name in confirmed,
                    "proposed": name.startswith("o"),
                }
            )
    return rows


@login_required
def record(request):
    require_role(request.user, Role.REPORTER)
    today = timezone.localdate()
    user = request.user
    if request.method == "POST":
        form = SightingForm(request.POST, request.FILES)
        rows = _phone_rows(request.POST)
        kept = pending_of(user=user, tokens=request.POST.getlist("pending"))
        if form.is_valid():
            phones = [r["written"] for r in rows if r["confirmed"] and r["written"]]
            photos = [*map(pending_prepared, kept), *form.cleaned_data["photos"]]
            try:
                results = sightings_record(
                    actor=user, phones=phones, **{**form.cleaned_data, "photos": photos}
                )
            except WorkflowError as exc:
                refusal_shown(request, exc)
            else:
                pending_discard(user=user, photos=kept)
                for result in results:
                    _say_recorded(request, result)
                return redirect("reporter:record")
        kept = _keep_photos(request, form, kept, button="Lưu hồ sơ")
    else:
        # A fresh capture page: photos kept from an abandoned form are forgotten.
        pending_discard(user=user)
        kept = []
        form = SightingForm(initial={"found_on": today})
        rows = [{"key": "m1", "written": "", "confirmed": False}]
    rows = rows[: MAX_NUMBERS_PER_AD + 2]  # a forged form with hundreds of rows
    for row in rows:
        row["check"] = (
            selectors.number_check(row["written"], user=request.user) if row["written"] else None
        )
    return _page(
        request,
        "reporter/record.html",
        form=form,
        rows=rows,
        kept=kept,
        ocr_ready=ocr_available(),
        ocr_unavailable=UNAVAILABLE,
    )


def _keep_photos(request, form, kept: list, *, button: str) -> list:
    """Nothing was saved: keep the new photos for the next try, with the ones kept before.
    A bad file was reported by the service, or is reported here."""
    added, problems = pending_keep(user=request.user, uploads=request.FILES.getlist("photos"))
    if problems and not form.is_valid():
        refusal_shown(request, WorkflowError(problems))
    kept = [*kept, *added]
    if kept:
        messages.warning(
            request,
            f"Chưa lưu. Đã giữ lại {len(kept)} hình ảnh đã chọn: sửa "
            f"các mục báo lỗi rồi bấm “{button}”, không cần chọn lại ảnh.",
        )
    return kept


@login_required
@require_GET
def pending_photo(request, token):
    """The thumbnail of a photo kept for the officer's next try; only its owner sees it."""
    require_role(request.user, Role.REPORTER)
    kept = pending_of(user=request.user, tokens=[str(token)])
    if not kept:
        raise Http404("Không tìm thấy ảnh.")
    response = HttpResponse(bytes(kept[0].thumbnail), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def _say_recorded(request, result) -> None:
    case = result.sighting.case
    phone = display(case.phone_e164)
    if result.joined_existing:
        check = selectors.number_check(result.sighting.phone_written, user=request.user)
        if check.elsewhere:
            messages.success(
                request,
                f"Số {phone} đã có hồ sơ đang được xử lý: đã thêm lần "
                f"phát hiện vào hồ sơ {case.number}. Đơn vị bạn xem được lần "
                "phát hiện của mình và trạng thái của hồ sơ.",
            )
            return
        holder = f", {check.holder} đang xử lý" if check.holder else ""
        messages.success(
            request,
            f"Số {phone} đã có hồ sơ {case.number} "
            f"({check.state_label}{holder}): đã thêm lần phát hiện vào hồ sơ này.",
        )
    else:
        messages.success(
            request,
            f"Đã lập hồ sơ {case.number} cho số {phone}. "
            "Hồ sơ nằm trong danh sách “Hồ sơ đang lập, chưa gửi”.",
        )


@login_required
@require_POST
def ocr(request):
    """HTMX: queue the reading of the numbers on the chosen photos; the answer polls
    `ocr_result` (Tesseract runs in the job worker, never in a request)."""
    require_role(request.user, Role.REPORTER)
    photos = request.FILES.getlist("photos")
    if not photos:
        return render(request, "reporter/_ocr.html", {"empty": True})
    if not ocr_available():
        return render(request, "reporter/_ocr.html", {"problems": [UNAVAILABLE]})
    started = reading_start(user=request.user, uploads=photos)
    return render(request, "reporter/_ocr.html", {"problems": started.problems, "job": started.job})


@login_required
@require_GET
def ocr_result(request, pk: int):
    """HTMX: the numbers read on the photos once the job is done; until then, the same
    question again in two seconds. Only the officer who chose the photos gets an answer."""
    require_role(request.user, Role.REPORTER)
    job = reading_of(user=request.user, pk=pk)
    if job is None:
        raise Http404("Không tìm thấy việc đọc số.")
    state = reading_state(job)
    if state.status == Reading.WAITING:
        return render(request, "reporter/_ocr_poll.html", {"job": job})
    proposals = []
    if state.status == Reading.DONE:
        proposals = [
            (f"o{i}", p, selectors.number_check(p.written, user=request.user))
            for i, p in enumerate(state.result.proposals, 1)
        ]
    response = render(
        request,
        "reporter/_ocr_reading.html",
        {"job": job, "state": state, "result": state.result, "proposals": proposals},
    )
    response["HX-Retarget"] = "#ocr-reading"
    response["HX-Reswap"] = "outerHTML"
    return response


@login_required
@require_GET
def number_check(request):
    """HTMX: what saving this number would do (a new case, or join which open case)."""
    require_role(request.user, Role.REPORTER)
    written = request.GET.get(f"phone_{request.GET.get('key', '')}", "").strip()
    check = selectors.number_check(written, user=request.user) if written else None
    return render(request, "reporter/_number_check.html", {"check": check})


# Hồ sơ đang lập, chưa gửi --------------------------------------------------------------


@login_required
def drafts(request):
    require_role(request.user, Role.REPORTER)
    return _page(
        request,
        "reporter/drafts.html",
        **worklist(request, selectors.drafts(user=request.user), by_unit=False),
        reminder_state=State.DRAFT,
    )


@login_required
@require_POST
def submit(request):
    require_role(request.user, Role.REPORTER)
    transition(request, action="submit", ids=selected_ids(request), done="Đã gửi")
    return back(request, reverse("reporter:drafts"))


@login_required
@require_POST
def cancel(request):
    require_role(request.user, Role.REPORTER)
    transition(
        request,
        action="cancel",
        ids=selected_ids(request),
        note=request.POST.get("note", ""),
        done="Đã hủy",
    )
    return back(request, reverse("reporter:drafts"))


# Hồ sơ bị trả về bổ sung ---------------------------------------------------------------


@login_required
def returned(request):
    require_role(request.user, Role.REPORTER)
    return _page(
        request,
        "reporter/returned.html",
        **worklist(request, selectors.returned(user=request.user), by_unit=False),
        reminder_state=State.RETURNED_TO_REPORTER,
    )


@login_required
def complete(request, number: str, add_form=None, correct_forms=None, kept=None):
    """Bổ sung hồ sơ: the District's note, the unit's sightings to correct, a new sighting."""
    case = _own_case(request.user, number)
    if request.method == "GET":
        pending_discard(user=request.user)  # photos kept from an abandoned form
    sightings = list(selectors.own_sightings(case=case, user=request.user))
    correct_forms = correct_forms or {}
    rows = [
        (
            s,
            correct_forms.get(s.pk)
            or AdForm(
                initial={"place": s.place, "ad_type": s.ad_type, "ad_text": s.ad_text},
                prefix=f"s{s.pk}",
            ),
        )
        for s in sightings
    ]
    latest = sightings[-1] if sightings else None
    add_form = add_form or SightingForm(
        initial={
            "found_on": timezone.localdate(),
            "place": latest.place if latest else "",
            "ad_type": latest.ad_type if latest else None,
            "ad_text": latest.ad_text if latest else "",
        }
    )
    return _page(
        request,
        "reporter/complete.html",
        case=case,
        rows=rows,
        add_form=add_form,
        kept=kept or [],
        returned_event=last_event(case, "return_to_reporter"),
        other_sightings=selectors.others_sighting_count(case=case, user=request.user),
        state_label=State(case.state).label,
        back_url=reverse(
            "reporter:returned" if case.state == State.RETURNED_TO_REPORTER else "reporter:drafts"
        ),
    )


@login_required
@require_POST
def add_sighting(request, number: str):
    case = _own_case(request.user, number)
    user = request.user
    form = SightingForm(request.POST, request.FILES)
    kept = pending_of(user=user, tokens=request.POST.getlist("pending"))
    if form.is_valid():
        photos = [*map(pending_prepared, kept), *form.cleaned_data["photos"]]
        try:
            if not photos:
                raise WorkflowError("Cần chọn ít nhất một hình ảnh vi phạm.")
            sighting_record(
                actor=user, phone=case.phone_national, **{**form.cleaned_data, "photos": photos}
            )
        except WorkflowError as exc:
            refusal_shown(request, exc)
        else:
            pending_discard(user=user, photos=kept)
            messages.success(
                request, f"Đã thêm lần phát hiện và {len(photos)} hình ảnh vào hồ sơ {case.number}."
            )
            return redirect("reporter:complete", number=case.number)
    kept = _keep_photos(request, form, kept, button="Thêm vào hồ sơ")
    return complete(request, number, add_form=form, kept=kept)


@login_required
@require_POST
def correct_sighting(request, number: str, pk: int):
    case = _own_case(request.user, number)
    sighting = selectors.own_sighting(case=case, user=request.user, pk=pk)
    if sighting is None:
        raise Http404("Không tìm thấy lần phát hiện.")
    form = AdForm(request.POST, prefix=f"s{pk}")
    if not form.is_valid():
        return complete(request, number, correct_forms={pk: form})
    try:
        sighting_correct(actor=request.user, sighting=sighting, **form.cleaned_data)
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(
            request, f"Đã lưu sửa đổi lần phát hiện ngày {sighting.found_on:%d/%m/%Y}."
        )
    return redirect("reporter:complete", number=case.number)
