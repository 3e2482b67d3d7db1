"""Every screen of every role, with the data that makes each one show its content.

Used by the accessibility and the phone-size tests: one case in each state a screen
lists, a draft dispatch, a contacted subscriber, and every admin list and change page.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Dispatch, LegalBasis, LegalPurpose
from raovat.cases.services import contacts
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.documents.models import PeriodicReport
from raovat.documents.reports import ReportPeriod, report_create

PHONES = {
    State.DRAFT: "0912 345 678",
    State.RETURNED_TO_REPORTER: "0903 123 456",
    State.AWAITING_CONFIRMATION: "0987 654 321",
    State.CONFIRMED: "0978 111 222",
    State.AT_TELECOM: "0345 678 912",
    State.RETURNED_BY_TELECOM: "0868 172 805",
    State.TO_CONTACT: "0918 222 333",
    State.AWAITING_SUBSCRIBER: "0909 444 555",
    State.SUSPENSION_REQUESTED: "0934 666 777",
    State.SUSPENDED: "0977 888 999",
    State.AT_CULTURE: "0966 101 202",
    State.DECIDED: "0916 303 404",
}


def build(cast, make_case) -> dict:
    """One case per state; returns the case of each state by state."""
    # The provision a decision cites (seeded by a migration; transactional tests flush it).
    LegalBasis.objects.get_or_create(
        purpose=LegalPurpose.VIOLATION,
        article=34,
        clause=1,
        document="Nghị định số 38/2021/NĐ-CP",
        short_document="Nghị định số 38/2021/NĐ-CP",
    )
    cases = {
        state: advance(make_case(cast.ward, phone=phone), state) for state, phone in PHONES.items()
    }
    contacts.call_record(
        actor=cast.district,
        case=cases[State.TO_CONTACT],
        outcome="answered",
        duration_seconds=120,
        note="Hẹn đến làm việc",
    )
    dispatch_create(
        actor=cast.district, action="send_to_telecom", cases=[cases[State.CONFIRMED].pk]
    )
    today = timezone.localdate()
    report_create(
        actor=cast.district,
        of_unit=None,
        period=ReportPeriod("year", today.replace(month=1, day=1), today),
    )
    return cases


def pages(cast, cases) -> dict[str, list[str]]:
    """The URLs each user of the cast opens in a day's work, by username."""
    c = {state: case.number for state, case in cases.items()}
    draft_dispatch = Dispatch.objects.filter(sent_at__isnull=True).first()
    incoming = Dispatch.objects.filter(to_unit=cast.telecom.unit, sent_at__isnull=False).first()
    common = [
        reverse("home"),
        reverse("search"),
        reverse("statistics"),
        reverse("map"),
        reverse("profile"),
        reverse("report_list"),
    ]
    return {
        cast.ward.username: [
            *common,
            reverse("reporter:record"),
            reverse("reporter:drafts"),
            reverse("reporter:returned"),
            reverse("reporter:complete", args=[c[State.DRAFT]]),
            reverse("reporter:complete", args=[c[State.RETURNED_TO_REPORTER]]),
            reverse("case_detail", args=[c[State.DRAFT]]),
        ],
        cast.district.username: [
            *common,
            reverse("handler:confirm_list"),
            reverse("handler:confirm_case", args=[c[State.AWAITING_CONFIRMATION]]),
            reverse("handler:send_list"),
            reverse("handler:dispatch", args=[draft_dispatch.pk]),
            reverse("handler:returned_list"),
            reverse("handler:returned_case", args=[c[State.RETURNED_BY_TELECOM]]),
            reverse("handler:contact_list"),
            reverse("handler:contact", args=[c[State.TO_CONTACT]]),
            reverse("handler:process_list"),
            reverse("handler:process_choose") + f"?hs={cases[State.AWAITING_SUBSCRIBER].pk}",
            reverse("handler:penalty", args=[c[State.AWAITING_SUBSCRIBER]]),
            reverse("handler:decision", args=[c[State.AWAITING_SUBSCRIBER]]),
            reverse("handler:decided_list"),
            reverse("handler:payment", args=[c[State.DECIDED]]),
            reverse("case_detail", args=[c[State.DECIDED]]),
            reverse("subscriber", args=[cases[State.DECIDED].subscriber.id_number]),
            reverse("case_detail", args=[c[State.TO_CONTACT]]),
            reverse("case_detail", args=[c[State.AT_CULTURE]]) + "?tab=qua-trinh",
            reverse("worklist", args=[State.CONFIRMED]),
            reverse("report_detail", args=[PeriodicReport.objects.get().pk]),
        ],
        cast.telecom.username: [
            *common,
            reverse("telecom:dispatch_list"),
            reverse("telecom:dispatch", args=[incoming.pk]),
            reverse("telecom:identity", args=[c[State.AT_TELECOM]]),
            reverse("telecom:import_identity"),
            reverse("telecom:suspension_list"),
            reverse("telecom:suspended_list"),
        ],
        cast.culture.username: [
            *common,
            reverse("culture:case_list"),
            reverse("culture:outcome", args=[c[State.AT_CULTURE]]),
        ],
    }


def admin_pages() -> list[str]:
    """Every list of the administration, and the change page of its first row."""
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model_admin.get_queryset(_request()).order_by("pk").first()
        if first is not None:
            urls.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    return urls


def _request():
    from django.test import RequestFactory

    from raovat.units.models import User

    request = RequestFactory().get("/")
    request.user = User.objects.filter(is_superuser=True).first()
    return request
