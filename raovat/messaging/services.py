"""Texting the subscriber: one click puts one message on the queue; a worker sends it."""

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction

from raovat.cases.models import Case, TextMessage
from raovat.cases.required import MissingValues
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import CONTACT_STATES
from raovat.jobs.models import Job
from raovat.jobs.services import job_enqueue
from raovat.messaging.encoding import sms_count
from raovat.messaging.models import SmsDelivery, SmsTemplate
from raovat.messaging.placeholders import PLACEHOLDERS, case_values, fill, used_fields
from raovat.units.models import User

SEND_KIND = "messaging.sms_send"


def _problems(actor: User, case: Case, text: str) -> list[str]:
    if case.handling_unit_id != actor.unit_id:
        return [f"Hồ sơ {case.number}: đơn vị bạn không phụ trách hồ sơ này."]
    if case.state not in CONTACT_STATES:
        return [f"Hồ sơ {case.number}: chưa đến bước liên hệ chủ thuê bao."]
    if not text:
        return ["Nội dung tin nhắn không được để trống."]
    left = [f"{{{name}}}" for name in used_fields(text) if name in PLACEHOLDERS]
    if left:
        return [f"Nội dung tin nhắn còn trường chưa điền: {', '.join(left)}."]
    count = sms_count(text)
    if count.segments > settings.SMS_MAX_SEGMENTS:
        return [
            f"Tin nhắn dài {count.segments} phần, quá {settings.SMS_MAX_SEGMENTS} phần "
            "cho phép; hãy rút gọn nội dung."
        ]
    return []


def _record(actor: User, case: Case, text: str, key: str, job: Job) -> TextMessage:
    count = sms_count(text)
    message = TextMessage.objects.create(
        case=case, to_e164=case.phone_e164, text=text, created_by=actor
    )
    SmsDelivery.objects.create(
        message=message,
        idempotency_key=key,
        encoding=count.encoding,
        segments=count.segments,
        backend=settings.SMS_BACKEND,
        job=job,
    )
    return message


def sms_send(
    *, actor: User, case: Case, text: str, idempotency_key: str = "", template_id: int | None = None
) -> TextMessage:
    """Queue a text to the case's subscriber. The same key (one per rendered form) always
    gives back the same message, so a double click or a resent form sends once.

    With the template the text was filled from, a template that lacks a value for this
    case is refused, naming what is missing."""
    key = idempotency_key or uuid.uuid4().hex
    existing = _existing(key, case)
    if existing is not None:
        return existing
    text = text.strip()
    problems = _problems(actor, case, text)
    template = SmsTemplate.objects.filter(pk=template_id).first() if template_id else None
    if template is not None and not problems:
        try:
            fill(template.text, case_values(case, actor))
        except MissingValues as missing:
            problems = [f"Chưa gửi được tin nhắn “{template.name}”. {missing}"]
    if problems:
        raise WorkflowError(problems)
    try:
        with transaction.atomic():
            # The job row commits with the message or not at all: no message without its
            # job, no job without its message.
            job = job_enqueue(
                kind=SEND_KIND,
                label=f"Gửi tin nhắn đến {case.phone_display}",
                payload={"message_ids": []},
                total=1,
                actor=actor,
            )
            message = _record(actor, case, text, key, job)
            job.payload = {"message_ids": [message.pk]}
            job.save(update_fields=["payload"])
    except IntegrityError:
        # Two clicks raced past the lookup above; the first one's message stands.
        existing = _existing(key, case)
        if existing is None:
            raise
        return existing
    return message


def _existing(key: str, case: Case) -> TextMessage | None:
    found = SmsDelivery.objects.filter(idempotency_key=key).select_related("message").first()
    if found is None:
        return None
    if found.message.case_id != case.pk:
        raise WorkflowError("Mã yêu cầu gửi tin nhắn không hợp lệ, hãy tải lại trang.")
    return found.message


def sms_send_batch(
    *, actor: User, cases: Sequence[Case], template: SmsTemplate, idempotency_key: str = ""
) -> Job:
    """Queue one message from a template to each case's subscriber, as one job whose
    progress the officer can follow. All or nothing, like a batch transition."""
    key = idempotency_key or uuid.uuid4().hex
    if cases:
        found = SmsDelivery.objects.filter(idempotency_key=f"{key}/{cases[0].pk}").first()
        if found is not None and found.job_id:
            return found.job
    texts, problems = {}, []
    for case in cases:
        try:
            texts[case.pk] = fill(template.text, case_values(case, actor)).strip()
        except MissingValues as missing:
            problems.append(f"Hồ sơ {case.number}: {missing}")
    problems += [
        p for case in cases if case.pk in texts for p in _problems(actor, case, texts[case.pk])
    ]
    if problems:
        raise WorkflowError(problems)
    with transaction.atomic():
        job = job_enqueue(
            kind=SEND_KIND,
            label=f"Gửi {len(cases)} tin nhắn “{template.name}”",
            total=len(cases),
            actor=actor,
        )
        ids = [_record(actor, case, texts[case.pk], f"{key}/{case.pk}", job).pk for case in cases]
        job.payload = {"message_ids": ids}
        job.save(update_fields=["payload"])
    return job
