"""Forms for the officers' screens. They parse and validate input; services decide."""

import datetime
import uuid
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.limits import (
    AD_TEXT_MAX,
    LONG_TEXT_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    TOO_LONG,
)
from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.models.contact import CallOutcome
from raovat.cases.models.evidence import AdType
from raovat.cases.models.legal import LegalBasis, LegalPurpose
from raovat.cases.models.outcome import GENDERS
from raovat.cases.phones import CARRIER_LABELS
from raovat.cases.selectors.access import may_see_names
from raovat.cases.selectors.events import EVENT_KINDS
from raovat.cases.selectors.listing import ListFilter
from raovat.cases.selectors.search import REPEATS, SORTS, Criteria
from raovat.cases.text import fold
from raovat.cases.workflow import State
from raovat.units.models import Unit, User
from raovat.units.selectors import reporting_units_for
from raovat.web.fields import MoneyField, MoneyInput

# Text inputs, not the browser's date pickers: these follow the browser's language, and
# many office computers run English Windows, which would show mm/dd/yyyy.
DATE = forms.DateInput(
    format="%d/%m/%Y",
    attrs={
        "class": "form-control",
        "placeholder": "dd/mm/yyyy",
        "inputmode": "numeric",
        "autocomplete": "off",
    },
)
DATETIME = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M",
    attrs={"class": "form-control", "placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off"},
)


# Far above any fine for an advertisement; keeps absurd input away from the database.
MAX_FINE = 1_000_000_000


# A meeting is set from today to this many days ahead.
MEETING_WINDOW_DAYS = 90
# A sighting older than the limitation period for advertising violations cannot be fined.
SIGHTING_MAX_AGE_DAYS = 365


def _text(label, limit, rows=2, required=False, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
        **kwargs,
    )


def _moment_problem(
    value: datetime.datetime, *, earliest: datetime.datetime | None, what: str
) -> str | None:
    """A fact that happened: not in the future (five minutes' slack for clocks), not on a
    day before `earliest`."""
    now = timezone.now()
    if value > now + datetime.timedelta(minutes=5):
        return f"{what} ở tương lai."
    if earliest is not None and timezone.localdate(value) < timezone.localdate(earliest):
        return f"{what} trước ngày lập hồ sơ ({timezone.localdate(earliest):%d/%m/%Y})."
    return None


class RequestKeyForm(forms.Form):
    """A form that makes a document: its key, fresh for every rendered form, makes a double
    click or a resent form give back the document the first click made."""

    request_key = forms.RegexField(
        regex=r"^[0-9a-f]{32}$",
        widget=forms.HiddenInput,
        error_messages={
            "required": "Thiếu mã yêu cầu của biểu mẫu, hãy tải lại trang.",
            "invalid": "Mã yêu cầu của biểu mẫu không hợp lệ, hãy tải lại trang.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_key"].initial = uuid.uuid4().hex


class NoteForm(forms.Form):
    note = _text("Ghi chú nội dung xử lý", NOTE_MAX, rows=3)


class InvitationForm(RequestKeyForm):
    meeting_at = forms.DateTimeField(label="Thời gian mời đến", widget=DATETIME)
    meeting_place = forms.CharField(
        label="Địa điểm", max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    bring = _text(
        "Mang theo", SHORT_TEXT_MAX, initial="Căn cước công dân; giấy tờ liên quan đến số thuê bao."
    )

    field_order = ["meeting_at", "meeting_place", "bring"]

    def clean_meeting_at(self):
        value = self.cleaned_data["meeting_at"]
        today = timezone.localdate()
        last = today + datetime.timedelta(days=MEETING_WINDOW_DAYS)
        if not today <= timezone.localdate(value) <= last:
            raise forms.ValidationError(
                f"Thời gian mời đến phải từ hôm nay ({today:%d/%m/%Y}) đến {last:%d/%m/%Y} "
                f"(trong vòng {MEETING_WINDOW_DAYS} ngày)."
            )
        return value


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả cuộc gọi",
        choices=CallOutcome.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    duration_minutes = forms.IntegerField(
        label="Thời lượng (phút)",
        min_value=0,
        max_value=600,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    note = _text("Ghi chú", NOTE_MAX)


def _line(label: str, length: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=length,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PenaltyForm(RequestKeyForm):
    made_at = forms.DateTimeField(label="Thời gian lập biên bản", widget=DATETIME)
    place = forms.CharField(
        label="Địa điểm lập biên bản",
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    violation_basis = forms.ModelChoiceField(
        label="Quy định về hành vi vi phạm",
        required=False,
        queryset=LegalBasis.objects.filter(purpose=LegalPurpose.VIOLATION, active=True),
        empty_label="— Không có trong danh sách: nhập ở ô dưới —",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    legal_basis = forms.CharField(
        label="Điều khoản vi phạm (nhập tay, khi không chọn ở trên)",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    amount = MoneyField(
        label="Mức phạt dự kiến (đồng, ghi trong quyết định xử phạt, không in trên biên bản)",
        initial=1_500_000,
        max_value=MAX_FINE,
        widget=MoneyInput(attrs={"class": "form-control"}),
    )
    violator_nationality = forms.CharField(
        label="Quốc tịch",
        max_length=60,
        required=False,
        initial="Việt Nam",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    violator_occupation = forms.CharField(
        label="Nghề nghiệp",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    id_issued_on = forms.DateField(label="Ngày cấp giấy tờ tùy thân", required=False, widget=DATE)
    id_issued_place = forms.CharField(
        label="Nơi cấp giấy tờ tùy thân",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    violator_gender = forms.ChoiceField(
        label="Giới tính",
        choices=[("", "—"), *GENDERS],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    representative_name = _line("Người đại diện theo pháp luật (tổ chức vi phạm)", 120)
    representative_gender = forms.ChoiceField(
        label="Giới tính người đại diện",
        choices=[("", "—"), *GENDERS],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    representative_title = _line("Chức danh người đại diện", 120)
    off_site_reason = _line(
        "Lý do lập biên bản tại trụ sở hoặc nơi khác (khi không lập tại nơi vi phạm)", 255
    )
    witness = _line("Người chứng kiến (họ tên)", 255)
    witness_occupation = _line("Nghề nghiệp người chứng kiến", 120)
    witness_address = _line("Địa chỉ người chứng kiến", 255)
    interpreter_name = _line("Người phiên dịch (họ tên, nếu có)", 120)
    interpreter_occupation = _line("Nghề nghiệp người phiên dịch", 120)
    interpreter_address = _line("Địa chỉ người phiên dịch", 255)
    injured_party = _line("Cá nhân, tổ chức bị thiệt hại (nếu có)", 255)
    injured_statement = _text("Ý kiến trình bày của cá nhân, tổ chức bị thiệt hại", LONG_TEXT_MAX)
    witness_refusal_reason = _line("Lý do người chứng kiến không ký xác nhận (nếu có)", 255)
    seized_items = forms.CharField(
        label="Tang vật, phương tiện, giấy tờ bị tạm giữ",
        required=False,
        max_length=SHORT_TEXT_MAX,
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    summons_at = forms.DateTimeField(label="Yêu cầu có mặt lúc", required=False, widget=DATETIME)
    summons_place = forms.CharField(
        label="Yêu cầu có mặt tại",
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    violator_statement = _text("Ý kiến trình bày của người vi phạm", LONG_TEXT_MAX)
    remediation = _text(
        "Biện pháp khắc phục hậu quả",
        LONG_TEXT_MAX,
        initial="Tháo gỡ, xóa bỏ toàn bộ quảng cáo rao vặt đã dán, treo, vẽ trái phép.",
    )
    remediation_deadline = forms.DateField(label="Hạn khắc phục", required=False, widget=DATE)
    aggravating = forms.CharField(
        label="Tình tiết tăng nặng",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        first = self.fields["violation_basis"].queryset.first()
        if first is not None and not self.is_bound:
            self.initial.setdefault("violation_basis", first.pk)

    def clean_made_at(self):
        value = self.cleaned_data["made_at"]
        earliest = self.case.created_at if self.case is not None else None
        if problem := _moment_problem(value, earliest=earliest, what="Thời gian lập biên bản"):
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        data = super().clean()
        if not data.get("violation_basis") and not (data.get("legal_basis") or "").strip():
            self.add_error(
                "legal_basis", "Cần chọn quy định về hành vi vi phạm hoặc nhập điều khoản vi phạm."
            )
        made_at, deadline = data.get("made_at"), data.get("remediation_deadline")
        if made_at and deadline and deadline < timezone.localdate(made_at):
            self.add_error("remediation_deadline", "Hạn khắc phục trước ngày lập biên bản.")
        return data


class DecisionForm(forms.Form):
    """ "Ra quyết định xử phạt": the service checks the range, the record and the clocks."""

    decided_on = forms.DateField(label="Ngày quyết định", widget=DATE, input_formats=["%d/%m/%Y"])
    signer_name = forms.CharField(
        label="Người ký quyết định",
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    legal_basis = forms.ModelChoiceField(
        label="Quy định về hành vi vi phạm",
        queryset=LegalBasis.objects.filter(purpose=LegalPurpose.VIOLATION, active=True),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    amount = MoneyField(
        label="Số tiền phạt (đồng)", widget=MoneyInput(attrs={"class": "form-control"})
    )
    payment_due = forms.DateField(label="Hạn nộp phạt", widget=DATE, input_formats=["%d/%m/%Y"])
    remedial_measures = forms.CharField(
        label="Biện pháp khắc phục hậu quả",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    remedial_due = forms.DateField(
        label="Thời hạn thực hiện biện pháp khắc phục hậu quả",
        required=False,
        widget=DATE,
        input_formats=["%d/%m/%Y"],
    )
    additional_penalty = forms.CharField(
        label="Hình thức xử phạt bổ sung",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    aggravating = forms.CharField(
        label="Tình tiết tăng nặng",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    mitigating = forms.CharField(
        label="Tình tiết giảm nhẹ",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    scan = forms.FileField(
        label="Bản quyết định đã ký (PDF, JPEG hoặc PNG)",
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png"}
        ),
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="Ngày nộp phạt", widget=DATE, input_formats=["%d/%m/%Y"])
    amount = MoneyField(
        label="Số tiền đã nộp (đồng)", widget=MoneyInput(attrs={"class": "form-control"})
    )
    reference = forms.CharField(
        label="Số biên lai hoặc mã giao dịch chuyển khoản",
        max_length=80,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label="Ghi chú (bắt buộc khi số tiền khác quyết định)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    scan = forms.FileField(
        label="Biên lai (bản chụp, PDF, JPEG hoặc PNG)",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png"}
        ),
    )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label="Tệp đã ký (PDF, JPEG hoặc PNG)",
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".pdf,.jpg,.jpeg,.png"}
        ),
    )


# -- The telecom and culture authorities' desks ---------------------------------------------


def _date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": "Nhập ngày theo dạng dd/mm/yyyy."},
    )


def _no_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError("Ngày này ở tương lai.")
    return value


class IdentityForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label="Loại thuê bao",
        initial="individual",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    id_number = forms.CharField(
        label="Số định danh cá nhân/CCCD",
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "off"}
        ),
    )
    birth_date = _date_field("Ngày sinh", required=False)
    address = forms.CharField(
        label="Địa chỉ", max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    carrier = forms.ChoiceField(
        label="Nhà mạng", widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        from raovat.cases.models.case import CARRIER_CHOICES
        from raovat.cases.models.outcome import SubscriberKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SubscriberKind.choices
        self.fields["carrier"].choices = CARRIER_CHOICES

    def clean_birth_date(self):
        value = _no_future(self.cleaned_data["birth_date"])
        if value and value.year < 1900:
            raise forms.ValidationError("Ngày sinh trước năm 1900.")
        return value

    def clean(self):
        from raovat.cases.services.carrier_excel import id_number_problem

        data = super().clean()
        id_number = "".join((data.get("id_number") or "").split())
        data["id_number"] = id_number
        problem = id_number_problem(id_number, data.get("kind", ""))
        if problem:
            self.add_error("id_number", problem[0].upper() + problem[1:] + ".")
        return data


class SuspensionForm(forms.Form):
    suspended_on = _date_field("Ngày ngưng cung cấp dịch vụ")
    carrier_reference = forms.CharField(
        label="Số tham chiếu của nhà mạng",
        max_length=80,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "Ví dụ: 1234/VTT-CSKH"}
        ),
    )

    def clean_suspended_on(self):
        return _no_future(self.cleaned_data["suspended_on"])


class CarrierFileForm(forms.Form):
    workbook = forms.FileField(
        label="Tệp Excel của nhà mạng (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )


class OutcomeForm(forms.Form):
    decision_number = forms.CharField(
        label="Số quyết định",
        max_length=60,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "Ví dụ: 125/QĐ-XPHC"}
        ),
    )
    decided_on = _date_field("Ngày quyết định")
    amount = MoneyField(
        label="Số tiền phạt",
        required=False,
        initial=0,
        widget=forms.TextInput(
            attrs={
                "class": "form-control text-end",
                "inputmode": "numeric",
                "placeholder": "1.500.000",
                "autocomplete": "off",
                "data-money": "",
            }
        ),
    )
    result = _text("Kết quả xử lý", LONG_TEXT_MAX, rows=3, required=True)

    def clean_decided_on(self):
        return _no_future(self.cleaned_data["decided_on"])


# The ward's desk ---------------------------------------------------------------------


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; the intake service checks each one is an image."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(
                attrs={
                    "class": "form-control form-control-lg",
                    "accept": "image/*",
                    "capture": "environment",
                    "multiple": True,
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiplePhotoField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _ad_type_field():
    from raovat.cases.models.evidence import AdType

    return forms.ChoiceField(
        label="Hình thức quảng cáo",
        choices=AdType.choices,
        initial=AdType.STICKER,
        widget=forms.RadioSelect,
    )


class AdForm(forms.Form):
    """What the officer writes about one ad, on the capture form and when correcting it."""

    place = forms.CharField(
        label="Địa điểm vi phạm",
        max_length=255,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "placeholder": "Ví dụ: trụ điện trước số 45 Lê Thánh Tôn",
                "autocomplete": "off",
            }
        ),
    )
    ad_type = _ad_type_field()
    ad_text = forms.CharField(
        label="Nội dung quảng cáo",
        required=False,
        max_length=AD_TEXT_MAX,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(
            attrs={"rows": 2, "class": "form-control", "placeholder": "Ví dụ: Khoan cắt bê tông"}
        ),
    )


class SightingForm(AdForm):
    photos = MultiplePhotoField(label="Hình ảnh vi phạm", required=False)
    found_on = forms.DateField(label="Ngày phát hiện", widget=DATE)
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )

    field_order = ["photos", "found_on", "place", "ad_type", "ad_text"]

    def clean_found_on(self):
        value = self.cleaned_data["found_on"]
        today = timezone.localdate()
        first = today - datetime.timedelta(days=SIGHTING_MAX_AGE_DAYS)
        if value > today:
            raise forms.ValidationError("Ngày phát hiện ở tương lai.")
        if value < first:
            raise forms.ValidationError(
                f"Ngày phát hiện quá cũ: chỉ ghi nhận vi phạm từ {first:%d/%m/%Y} (thời hiệu "
                "xử phạt vi phạm về quảng cáo là 1 năm)."
            )
        return value

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError("Tọa độ chưa đủ vĩ độ và kinh độ.")
        return data


class UnitSearchInput(forms.TextInput):
    """A text box that suggests units as one types (the browser's own <datalist>).

    Works at any number of units and without JavaScript; each suggestion also carries the
    name without accents, so "sai gon" finds "Phường Sài Gòn".
    """

    def __init__(self, attrs=None):
        super().__init__(
            {
                "class": "form-control",
                "autocomplete": "off",
                "placeholder": "Gõ tên để tìm",
                **(attrs or {}),
            }
        )
        self.units: list = []

    def format_value(self, value):
        for unit in self.units:
            if str(value) == str(unit.pk):
                return unit.short_name
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-goi-y"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "",
            '<option value="{}" label="{}">',
            ((u.short_name, fold(u.short_name)) for u in self.units),
        )
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked by its name (or its number, for links), among the queryset's."""

    widget = UnitSearchInput

    def __init__(self, **kwargs):
        super().__init__(queryset=kwargs.pop("queryset"), **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.units = list(self.queryset.only("pk", "short_name").order_by("short_name"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if not value:
            return None
        units = self.widget.units
        matches = (
            [u for u in units if value.isdigit() and str(u.pk) == value]
            or [u for u in units if u.short_name == value]
            or [u for u in units if fold(u.short_name) == fold(value)]
        )
        if len(matches) != 1:
            raise forms.ValidationError(
                f"Không có đơn vị “{value}” trong danh sách: hãy gõ vài chữ của tên đơn vị "
                "rồi chọn một đơn vị được gợi ý."
            )
        return matches[0]

    def validate(self, value):
        forms.Field.validate(self, value)


# A work list's filter (raovat/web/listing.py reads it from the query string).
SORT_LABELS = {
    "cap-nhat": "Ngày chuyển đến",
    "ngay-phat-hien": "Ngày phát hiện",
    "so-ho-so": "Số hồ sơ",
}


class ListFilterForm(forms.Form):
    reporting_unit = forms.TypedChoiceField(
        label="Đơn vị phát hiện",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    found_from = forms.DateField(label="Phát hiện từ ngày", required=False, widget=DATE)
    found_to = forms.DateField(label="đến ngày", required=False, widget=DATE)
    carrier = forms.ChoiceField(
        label="Nhà mạng",
        required=False,
        choices=[("", "Tất cả"), *CARRIER_CHOICES],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    sap_xep = forms.ChoiceField(
        label="Sắp xếp theo",
        required=False,
        choices=list(SORT_LABELS.items()),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    chieu = forms.ChoiceField(
        label="Thứ tự",
        required=False,
        choices=[("tang", "Cũ trước"), ("giam", "Mới trước")],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, user, by_unit: bool = True, sorts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A list's own sorts ({code: (label, column)}) come first; the first is its default.
        self.own_sorts = sorts or {}
        if self.own_sorts:
            self.fields["sap_xep"].choices = [
                *((code, label) for code, (label, _) in self.own_sorts.items()),
                *SORT_LABELS.items(),
            ]
        for name in ("found_from", "found_to"):
            self.fields[name].widget.attrs = {
                **self.fields[name].widget.attrs,
                "class": "form-control form-control-sm",
            }
        if not by_unit:
            del self.fields["reporting_unit"]
            return
        wards = reporting_units_for(user=user).filter(active=True).order_by("name")
        self.fields["reporting_unit"].choices = [
            ("", "Tất cả"),
            *wards.values_list("pk", "short_name"),
        ]

    def criteria(self) -> ListFilter:
        default = next(iter(self.own_sorts), "cap-nhat")
        if not self.is_valid():
            return ListFilter(sort=default)
        d = self.cleaned_data
        sort = d["sap_xep"] if d["sap_xep"] in SORTS or d["sap_xep"] in self.own_sorts else default
        return ListFilter(
            reporting_unit=d.get("reporting_unit"),
            found_from=d["found_from"],
            found_to=d["found_to"],
            carrier=d["carrier"],
            sort=sort,
            descending=d["chieu"] == "giam",
        )


# -- Tra cứu hồ sơ ---------------------------------------------------------------------


def _search_date(label):
    return forms.DateField(label=label, required=False, widget=DATE)


def _search_text(label, placeholder=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": placeholder}),
    )


class SearchForm(forms.Form):
    phone = _search_text("Số thuê bao", "0912 345 hoặc 345.678")
    number = _search_text("Số hồ sơ", "HS-2026-")
    reporting_unit = UnitChoiceField(
        label="Đơn vị phát hiện", required=False, queryset=Unit.objects.none()
    )
    state = forms.ChoiceField(
        label="Trạng thái", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    found_from = _search_date("Ngày phát hiện từ")
    found_to = _search_date("đến ngày")
    received_from = _search_date("Ngày tiếp nhận từ")
    received_to = _search_date("đến ngày")
    carrier = forms.ChoiceField(
        label="Nhà mạng",
        required=False,
        choices=[("", "Tất cả"), *CARRIER_CHOICES],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    subscriber_name = _search_text("Tên chủ thuê bao", "không cần dấu: nguyen van a")
    address = _search_text("Địa chỉ / địa điểm")
    ad_text = _search_text("Nội dung quảng cáo")
    officer = forms.ModelChoiceField(
        label="Cán bộ xử lý",
        required=False,
        queryset=User.objects.none(),
        empty_label="Tất cả",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    # The drill-down of a figure of "Thống kê": hidden, kept while sorting and paging.
    event = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[("", ""), *((k, k) for k in EVENT_KINDS)]
    )
    event_from = forms.DateField(required=False, widget=forms.HiddenInput)
    event_to = forms.DateField(required=False, widget=forms.HiddenInput)
    place = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    origin_unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    handling_unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    ad_type = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[("", ""), *AdType.choices]
    )
    carrier_effective = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[("", ""), *CARRIER_CHOICES]
    )
    repeat = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[("", ""), *REPEATS.items()]
    )
    left_state = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[("", ""), *State.choices]
    )
    sap_xep = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS])
    chieu = forms.ChoiceField(required=False, choices=[("giam", "giam"), ("tang", "tang")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.names = chain_names(user.unit)
        self.fields["state"].choices = [("", "Tất cả")] + [
            (s.value, chain_label(s.label, names=names)) for s in State
        ]
        self.fields["reporting_unit"].queryset = reporting_units_for(user=user)
        self.fields["officer"].queryset = User.objects.filter(
            unit_id=user.unit_id, is_active=True
        ).order_by("full_name")
        self.fields["officer"].label_from_instance = lambda u: u.display_name
        if not may_see_names(user):
            # A unit that may not see identities may not probe them by name either.
            del self.fields["subscriber_name"]

    def criteria(self) -> Criteria:
        d = self.cleaned_data
        return Criteria(
            phone=d["phone"],
            number=d["number"],
            reporting_unit=d["reporting_unit"].pk if d["reporting_unit"] else None,
            state=d["state"],
            found_from=d["found_from"],
            found_to=d["found_to"],
            received_from=d["received_from"],
            received_to=d["received_to"],
            carrier=d["carrier"],
            subscriber_name=d.get("subscriber_name", ""),
            address=d["address"],
            ad_text=d["ad_text"],
            officer=d["officer"].pk if d["officer"] else None,
            sort=d["sap_xep"] or "so-ho-so",
            descending=d["chieu"] != "tang",
            **{
                name: d[name]
                if d[name] not in (None, "")
                else Criteria.__dataclass_fields__[name].default
                for name in STATISTICS_FIELDS
            },
        )

    def statistics_text(self) -> str:
        """What a drill-down list holds, in words, or "" for an ordinary search."""
        d = getattr(self, "cleaned_data", {})
        if not any(d.get(name) for name in STATISTICS_FIELDS):
            return ""
        parts = []
        if d.get("event") in EVENT_KINDS:
            parts.append(chain_label(EVENT_KINDS[d["event"]].label, names=self.names))
        if d.get("left_state"):
            parts.append(
                "Rời bước “" + chain_label(State(d["left_state"]).label, names=self.names) + "”"
            )
        if d.get("repeat"):
            parts.append(REPEATS[d["repeat"]])
        if d.get("place"):
            parts.append(f"Địa điểm: {d['place']}")
        if d.get("event_from") and d.get("event_to"):
            parts.append(f"từ {d['event_from']:%d/%m/%Y} đến {d['event_to']:%d/%m/%Y}")
        if d.get("ad_type"):
            parts.append(f"Hình thức quảng cáo: {AdType(d['ad_type']).label}")
        if d.get("carrier_effective"):
            parts.append(f"Nhà mạng: {CARRIER_LABELS[d['carrier_effective']]}")
        return ", ".join(parts) or "Theo thống kê"


STATISTICS_FIELDS = (
    "event",
    "event_from",
    "event_to",
    "place",
    "origin_unit",
    "handling_unit",
    "ad_type",
    "carrier_effective",
    "repeat",
    "left_state",
)


def criteria_query(criteria) -> str:
    """The address query of the search list of `criteria` (a figure's drill-down)."""
    params = {}
    for name in STATISTICS_FIELDS:
        value = getattr(criteria, name)
        if value in (None, ""):
            continue
        params[name] = value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value
    return urlencode(params)


# -- Thống kê --------------------------------------------------------------------------

PERIOD_KINDS = [("nam", "Năm"), ("quy", "Quý"), ("thang", "Tháng"), ("khac", "Từ ngày … đến ngày")]
_SELECT = {"class": "form-select"}


class StatisticsForm(forms.Form):
    ky = forms.ChoiceField(
        label="Kỳ thống kê",
        choices=PERIOD_KINDS,
        initial="nam",
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    nam = forms.TypedChoiceField(
        label="Năm", coerce=int, required=False, widget=forms.Select(attrs=_SELECT)
    )
    quy = forms.TypedChoiceField(
        label="Quý",
        coerce=int,
        required=False,
        choices=[(q, f"Quý {r}") for q, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))],
        widget=forms.Select(attrs=_SELECT),
    )
    thang = forms.TypedChoiceField(
        label="Tháng",
        coerce=int,
        required=False,
        choices=[(m, f"Tháng {m:02d}") for m in range(1, 13)],
        widget=forms.Select(attrs=_SELECT),
    )
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=DATE)
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=DATE)
    don_vi = UnitChoiceField(label="Đơn vị", required=False, queryset=Unit.objects.none())
    hinh_thuc = forms.ChoiceField(
        label="Hình thức quảng cáo",
        required=False,
        choices=[("", "Tất cả"), *AdType.choices],
        widget=forms.Select(attrs=_SELECT),
    )
    nha_mang = forms.ChoiceField(
        label="Nhà mạng",
        required=False,
        choices=[("", "Tất cả"), *CARRIER_CHOICES],
        widget=forms.Select(attrs=_SELECT),
    )

    MAX_DAYS = 3 * 366

    def __init__(self, *args, units, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        years = list(range(today.year, today.year - 10, -1))
        self.fields["nam"].choices = [(y, str(y)) for y in years]
        self.fields["don_vi"].queryset = units
        self.fields["don_vi"].help_text = "Đơn vị phát hiện hoặc đơn vị xử lý"

    def clean(self):
        d = super().clean()
        if d.get("ky") == "khac":
            start, end = d.get("tu_ngay"), d.get("den_ngay")
            if not start or not end:
                raise forms.ValidationError("Hãy nhập cả “Từ ngày” và “Đến ngày”.")
            if end < start:
                raise forms.ValidationError("“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
            if (end - start).days > self.MAX_DAYS:
                raise forms.ValidationError("Mỗi lần thống kê tối đa 3 năm.")
        return d

    def period(self):
        from raovat.cases.selectors.statistics import Period

        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        year = d.get("nam") or self.today.year
        kind = d.get("ky") or "nam"
        if kind == "quy":
            return Period.quarter(year, d.get("quy") or (self.today.month - 1) // 3 + 1)
        if kind == "thang":
            return Period.month(year, d.get("thang") or self.today.month)
        if kind == "khac" and d.get("tu_ngay"):
            return Period.custom(d["tu_ngay"], d["den_ngay"])
        return Period.year(year)

    def filters(self):
        from raovat.cases.selectors.statistics import Filters

        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            unit=d.get("don_vi"), ad_type=d.get("hinh_thuc") or "", carrier=d.get("nha_mang") or ""
        )
