"""The administration reads Vietnamese everywhere: Django's strings its catalogue lacks,
the fields' names, the job kinds and the states with the units' names."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.services import job_enqueue

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Select this object for an action",
    "Show counts",
    "Hide counts",
    "Toggle theme",
    "Skip to main content",
    "Claim",
    "Lease until",
    "LEASE UNTIL",
    "Breadcrumbs",
    "Model name",
    "Add link",
    "Select all objects on this page",
]


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _every_admin_page():
    yield reverse("admin:index")
    for model in admin.site._registry:
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        first = model.objects.order_by("pk").first()
        if first is not None:
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])


def test_no_english_and_no_placeholder_on_any_admin_page(client, cast, make_case):
    advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    job_enqueue(kind="notifications.dispatch_arrived", label="Báo phiếu chuyển")
    client.force_login(cast.admin)
    for url in _every_admin_page():
        response = client.get(url)
        assert response.status_code == 200, url
        text, html = _text(response), response.content.decode()
        for english in ENGLISH:
            assert english not in html, (url, english)
        assert "{telecom}" not in text and "{culture}" not in text, url


def test_states_show_the_units_names(client, cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    client.force_login(cast.admin)
    listing = _text(client.get(reverse("admin:cases_case_changelist")))
    assert "Sở TTTT trả về" in listing
    assert "Đã chuyển Sở VHTT-DL xử lý" in listing  # the state filter
    change = _text(client.get(reverse("admin:cases_case_change", args=[case.pk])))
    assert "Sở TTTT trả về" in change
    deadlines = _text(client.get(reverse("admin:cases_statedeadline_add")))
    assert "Đã xác nhận – chờ chuyển Sở TTTT" in deadlines


def test_job_kinds_show_by_their_vietnamese_label(client, cast):
    job_enqueue(kind="notifications.dispatch_arrived", label="Báo phiếu chuyển")
    client.force_login(cast.admin)
    listing = _text(client.get(reverse("admin:jobs_job_changelist")))
    assert "Báo phiếu chuyển mới đến đơn vị" in listing
    assert "notifications.dispatch_arrived" not in listing
    assert "Giữ việc đến" in listing


def test_every_field_the_admin_shows_has_a_vietnamese_name(rf, cast):
    """The columns and form fields of every admin page, by the label the admin prints."""
    request = rf.get("/")
    request.user = cast.admin
    unnamed = []
    for model, model_admin in admin.site._registry.items():
        obj = model.objects.order_by("pk").first()
        form = model_admin.get_form(request, obj)()
        shown = [*model_admin.get_list_display(request), *model_admin.get_fields(request, obj)]
        for name in dict.fromkeys(n for n in shown if isinstance(n, str)):
            if name in ("__str__", "id"):  # "ID" reads the same in Vietnamese
                continue
            if name in form.fields:
                label = str(form.fields[name].label)
            else:
                label = str(label_for_field(name, model, model_admin))
            if label.lower() == name.replace("_", " ").lower():
                unnamed.append(f"{model._meta.label}.{name}")
    assert unnamed == []


def _po_entries(name: str):
    """(msgid, msgstr) of the singular, context-free entries of one of our catalogues."""
    from pathlib import Path

    import raovat

    text = (Path(raovat.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / name).read_text()
    for block in text.split("\n\n")[1:]:
        if "msgctxt" in block or "msgid_plural" in block:
            continue
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr")[1]))
        yield msgid.replace('\\"', '"'), msgstr.replace('\\"', '"')


def test_the_compiled_catalogue_has_every_entry_of_the_po_file():
    """django.mo is committed: it must be compiled from the django.po beside it."""
    from django.utils import translation

    with translation.override("vi"):
        missing = [
            msgid
            for msgid, msgstr in _po_entries("django.po")
            if translation.gettext(msgid) != msgstr
        ]
    assert missing == []


def test_the_admin_scripts_speak_vietnamese(client, cast):
    client.force_login(cast.admin)
    import json

    catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    for msgid, msgstr in _po_entries("djangojs.po"):
        assert msgstr in catalogue or json.dumps(msgstr)[1:-1] in catalogue, msgid


def test_the_case_list_shows_numbers_as_officers_write_them(client, cast, make_case):
    make_case(cast.ward, phone="0912345678")
    client.force_login(cast.admin)
    listing = _text(client.get(reverse("admin:cases_case_changelist")))
    assert "0912 345 678" in listing
