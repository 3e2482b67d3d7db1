"""§6 Hồ sơ trả về từ Sở TTTT: the page where the handling unit completes a returned case.

It corrects the number, the sightings or the photos, then resends the case, sends it
back to the ward, or cancels it. Every write is a service; this module only parses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from raovat.cases.selectors import access
from raovat.cases.selectors.cases import events_since, sightings_shown
from raovat.cases.selectors.latest import last_event
from raovat.cases.services.corrections import case_phone_correct, case_photos_add
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.sightings import sighting_correct
from raovat.cases.workflow import State
from raovat.web.forms import AdForm
from raovat.web.views.actions import desk_page, refusal_shown, transition

RETURNED = [State.RETURNED_BY_TELECOM]


def _case(request, number):
    return access.case_to_act(user=request.user, number=number, states=RETURNED)


@login_required
def returned_case(request, number: str):
    case = _case(request, number)
    sightings = sightings_shown(case)
    last_return = last_event(case, "return_to_handler")
    corrections = events_since(case, last_return)
    return desk_page(
        request,
        "handler/returned_case.html",
        case=case,
        sightings=[
            (
                s,
                AdForm(
                    initial={"place": s.place, "ad_type": s.ad_type, "ad_text": s.ad_text},
                    prefix=f"s{s.pk}",
                ),
            )
            for s in sightings
        ],
        last_return=last_return,
        corrections=corrections,
    )


def _done(request, number):
    return redirect("handler:returned_case", number=number)


@login_required
@require_POST
def phone_correct(request, number: str):
    case = _case(request, number)
    try:
        case = case_phone_correct(
            actor=request.user, case=case, phone=request.POST.get("phone", "")
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(request, f"Đã sửa số thuê bao của hồ sơ {case.number}.")
    return _done(request, number)


@login_required
@require_POST
def sighting_edit(request, number: str, pk: int):
    case = _case(request, number)
    sighting = get_object_or_404(case.sightings, pk=pk)
    form = AdForm(request.POST, prefix=f"s{pk}")
    if not form.is_valid():
        messages.error(
            request,
            "Lần phát hiện chưa hợp lệ: "
            + " ".join(e for errs in form.errors.values() for e in errs),
        )
        return _done(request, number)
    try:
        sighting_correct(actor=request.user, sighting=sighting, **form.cleaned_data)
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(request, f"Đã lưu lần phát hiện ngày {sighting.found_on:%d/%m/%Y}.")
    return _done(request, number)


@login_required
@require_POST
def photos_add(request, number: str, pk: int):
    case = _case(request, number)
    sighting = get_object_or_404(case.sightings, pk=pk)
    try:
        count = case_photos_add(
            actor=request.user, case=case, sighting=sighting, photos=request.FILES.getlist("photos")
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(request, f"Đã thêm {count} hình ảnh vào hồ sơ {case.number}.")
    return _done(request, number)


@login_required
@require_POST
def send_back(request, number: str):
    """Back to the ward that found it, with the reason ("Trả về bổ sung")."""
    case = _case(request, number)
    if transition(
        request,
        action="return_to_reporter",
        ids=[case.pk],
        note=request.POST.get("note", ""),
        done="Đã trả về bổ sung",
    ):
        return redirect("handler:returned_list")
    return _done(request, number)


@login_required
@require_POST
def cancel(request, number: str):
    case = _case(request, number)
    if transition(
        request, action="cancel", ids=[case.pk], note=request.POST.get("note", ""), done="Đã hủy"
    ):
        return redirect("handler:returned_list")
    return _done(request, number)
