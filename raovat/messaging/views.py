from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from raovat.cases.services.errors import WorkflowError
from raovat.messaging import delivery, services
from raovat.messaging.forms import SmsForm
from raovat.messaging.models import SmsDelivery
from raovat.messaging.selectors import case_for_texting
from raovat.params import int_or_none


def _list(request, case, *, error: str = "", sent: bool = False):
    return render(
        request, "messaging/_sms_list.html", {"case": case, "sms_error": error, "sms_sent": sent}
    )


@login_required
@require_GET
def sms_list(request, number: str):
    return _list(request, case_for_texting(user=request.user, number=number))


@login_required
@require_POST
def sms_send(request, number: str):
    case = case_for_texting(user=request.user, number=number)
    form = SmsForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.sms_send(
                actor=request.user,
                case=case,
                text=form.cleaned_data["text"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                template_id=form.cleaned_data["template"],
            )
        except WorkflowError as refused:
            error = str(refused)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if request.headers.get("HX-Request"):
        return _list(request, case, error=error, sent=not error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Đã đưa tin nhắn vào hàng chờ gửi.")
    return redirect(f"{reverse('case_detail', args=[case.number])}?tab=lien-he")


@require_GET
def sms_report(request, message_id: int, attempt: int, token: str):
    """Called by the SMS gateway, not by a person: the token in the URL, made from the
    secret key for this message and attempt, stands in for a sign-in."""
    if not delivery.token_valid(message_id, attempt, token):
        raise Http404
    report_type = int_or_none(request.GET.get("type", ""))
    if report_type is None:
        return HttpResponseBadRequest("type")
    try:
        delivery.sms_report(
            message_id=message_id,
            attempt=attempt,
            report_type=report_type,
            reply=request.GET.get("reply", "").replace("\x00", ""),
        )
    except SmsDelivery.DoesNotExist:
        raise Http404 from None
    return HttpResponse("OK", content_type="text/plain")
