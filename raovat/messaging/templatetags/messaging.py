import uuid

from django import template

from raovat.cases.models.contact import SmsStatus
from raovat.messaging.placeholders import case_values, fill, missing
from raovat.messaging.selectors import case_messages, sms_templates

register = template.Library()


@register.simple_tag
def new_request_key() -> str:
    """A fresh key per rendered form: one click, one message."""
    return uuid.uuid4().hex


@register.simple_tag(takes_context=True)
def sms_template_options(context, case, templates):
    if templates is None or templates == "":
        templates = sms_templates()
    values = case_values(case, context["request"].user)
    options = []
    for t in templates:
        problem = missing(t.text, values)
        # A template that would go out with a hole is offered with the reason, not filled.
        options.append((t, "" if problem else fill(t.text, values), problem))
    return options


@register.simple_tag
def sms_messages(case):
    return case_messages(case)


@register.filter
def sms_waiting(messages) -> bool:
    return any(m.status == SmsStatus.QUEUED for m in messages)
