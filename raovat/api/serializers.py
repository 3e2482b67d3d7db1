"""What the API says about a case. Field help texts are the schema's descriptions."""

from django.urls import reverse
from rest_framework import serializers

from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.models.evidence import AdType
from raovat.cases.selectors.events import EVENT_KINDS
from raovat.cases.selectors.search import REPEATS, SORTS
from raovat.cases.workflow import DISPATCH_ACTION, TRANSITIONS, State


class UnitRef(serializers.Serializer):
    id = serializers.IntegerField(help_text="Mã đơn vị trong hệ thống.")
    name = serializers.CharField(help_text="Tên đơn vị.")


class CaseSummary(serializers.Serializer):
    number = serializers.CharField(help_text="Số hồ sơ, ví dụ HS-2026-000123.")
    phone = serializers.CharField(
        source="phone_national", help_text="Số thuê bao (dạng trong nước)."
    )
    phone_written = serializers.CharField(help_text="Số thuê bao như ghi trên quảng cáo.")
    carrier_hint = serializers.CharField(help_text="Nhà mạng dự đoán theo đầu số.")
    state = serializers.ChoiceField(choices=State.choices, help_text="Trạng thái hồ sơ.")
    state_label = serializers.CharField(source="get_state_display", help_text="Tên trạng thái.")
    state_since = serializers.DateTimeField(help_text="Vào trạng thái lúc.")
    first_found_on = serializers.DateField(help_text="Ngày phát hiện đầu tiên.")
    received_at = serializers.DateTimeField(allow_null=True, help_text="Ngày tiếp nhận.")
    reporting_unit = UnitRef(help_text="Đơn vị phát hiện.")
    current_unit = UnitRef(allow_null=True, help_text="Đơn vị đang giữ hồ sơ.")


class Photo(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="Địa chỉ tải ảnh qua API (cùng mã truy cập).")
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, photo) -> str:
        return reverse("api_photo", args=[photo.pk])


class SightingOut(serializers.Serializer):
    id = serializers.IntegerField()
    reporting_unit = UnitRef(help_text="Đơn vị phát hiện.")
    found_on = serializers.DateField(help_text="Ngày phát hiện.")
    place = serializers.CharField(help_text="Địa điểm vi phạm.")
    ad_type = serializers.CharField(help_text="Hình thức quảng cáo.")
    ad_text = serializers.CharField(help_text="Nội dung quảng cáo.")
    phone_written = serializers.CharField(help_text="Số thuê bao như ghi trên quảng cáo.")
    photos = Photo(many=True, help_text="Ảnh chụp.")


class EventOut(serializers.Serializer):
    action = serializers.CharField(help_text="Mã thao tác.")
    action_label = serializers.CharField(help_text="Tên thao tác.")
    from_state = serializers.CharField(help_text="Từ trạng thái.")
    to_state = serializers.CharField(help_text="Sang trạng thái.")
    at = serializers.DateTimeField(help_text="Thời gian.")
    unit_name = serializers.CharField(help_text="Đơn vị thực hiện.")
    actor_name = serializers.CharField(help_text="Người thực hiện.")
    note = serializers.CharField(help_text="Ghi chú.")


class SubscriberOut(serializers.Serializer):
    full_name = serializers.CharField(help_text="Họ và tên chủ thuê bao.")
    kind = serializers.CharField(help_text="Loại thuê bao.")
    id_number = serializers.CharField(help_text="Số định danh cá nhân/CCCD.")
    birth_date = serializers.DateField(allow_null=True, help_text="Ngày sinh.")
    address = serializers.CharField(help_text="Địa chỉ.")
    carrier = serializers.CharField(help_text="Nhà mạng.")
    provided_at = serializers.DateTimeField(help_text="Ngày cung cấp.")


class CallOut(serializers.Serializer):
    called_at = serializers.DateTimeField(help_text="Thời gian gọi.")
    outcome = serializers.CharField(help_text="Kết quả cuộc gọi.")
    duration_seconds = serializers.IntegerField(help_text="Thời lượng (giây).")
    note = serializers.CharField(help_text="Ghi chú.")


class DocumentOut(serializers.Serializer):
    kind = serializers.CharField(
        help_text="Loại: dispatch (phiếu chuyển), attachment (tệp đính kèm của một thao tác)."
    )
    label = serializers.CharField(help_text="Tên văn bản.")
    at = serializers.DateTimeField(help_text="Thời gian.")
    url = serializers.CharField(help_text="Địa chỉ tải tệp (cùng mã truy cập).")


class CaseDetail(CaseSummary):
    sightings = SightingOut(many=True, help_text="Các lần phát hiện.")
    history = EventOut(many=True, help_text="Quá trình xử lý.")
    subscriber = SubscriberOut(
        allow_null=True,
        help_text="Thông tin chủ thuê bao — chỉ với đơn vị được xem; mỗi lần xem được ghi nhật ký.",
    )
    calls = CallOut(
        many=True,
        help_text="Các cuộc gọi liên hệ — chỉ với đơn vị được xem thông tin chủ thuê bao.",
    )
    documents = DocumentOut(
        many=True,
        help_text="Văn bản: phiếu chuyển đã gửi mà đơn vị được xem, tệp đính kèm của các thao tác.",
    )


class CasePage(serializers.Serializer):
    results = CaseSummary(many=True)
    next = serializers.CharField(
        allow_blank=True, help_text="Con trỏ trang sau (tham số `sau`), rỗng nếu hết."
    )
    previous = serializers.CharField(
        allow_blank=True, help_text="Con trỏ trang trước (tham số `truoc`)."
    )
    page = serializers.IntegerField(help_text="Số thứ tự trang.")
    total = serializers.IntegerField(help_text="Số hồ sơ tìm thấy (tối đa 1.000).")
    total_capped = serializers.BooleanField(help_text="Đúng nếu có hơn 1.000 hồ sơ.")


class SearchQuery(serializers.Serializer):
    """The criteria of "Tra cứu hồ sơ", by the same names (documentation only: the
    screen's form validates them)."""

    phone = serializers.CharField(required=False, help_text="Số thuê bao, một phần cũng được.")
    number = serializers.CharField(required=False, help_text="Số hồ sơ, một phần cũng được.")
    reporting_unit = serializers.IntegerField(required=False, help_text="Mã đơn vị phát hiện.")
    state = serializers.ChoiceField(choices=State.choices, required=False, help_text="Trạng thái.")
    found_from = serializers.DateField(required=False, help_text="Ngày phát hiện từ (yyyy-mm-dd).")
    found_to = serializers.DateField(required=False, help_text="Ngày phát hiện đến.")
    received_from = serializers.DateField(required=False, help_text="Ngày tiếp nhận từ.")
    received_to = serializers.DateField(required=False, help_text="Ngày tiếp nhận đến.")
    carrier = serializers.ChoiceField(
        choices=CARRIER_CHOICES, required=False, help_text="Nhà mạng."
    )
    subscriber_name = serializers.CharField(
        required=False,
        help_text="Tên chủ thuê bao (không cần dấu); chỉ đơn vị được xem thông tin chủ thuê bao.",
    )
    address = serializers.CharField(required=False, help_text="Địa chỉ / địa điểm.")
    ad_text = serializers.CharField(required=False, help_text="Nội dung quảng cáo.")
    officer = serializers.IntegerField(required=False, help_text="Mã cán bộ xử lý.")
    # The drill-down of a figure of /api/v1/statistics/: its `cases_url` gives them.
    event = serializers.ChoiceField(
        choices=list(EVENT_KINDS), required=False, help_text="Thống kê: loại sự kiện được đếm."
    )
    event_from = serializers.DateField(required=False, help_text="Thống kê: sự kiện từ ngày.")
    event_to = serializers.DateField(required=False, help_text="Thống kê: sự kiện đến ngày.")
    place = serializers.CharField(required=False, help_text="Thống kê: địa điểm phát hiện.")
    origin_unit = serializers.IntegerField(
        required=False, help_text="Thống kê: mã đơn vị lập hồ sơ."
    )
    handling_unit = serializers.IntegerField(required=False, help_text="Thống kê: mã đơn vị xử lý.")
    ad_type = serializers.ChoiceField(
        choices=AdType.choices, required=False, help_text="Thống kê: hình thức quảng cáo."
    )
    carrier_effective = serializers.ChoiceField(
        choices=CARRIER_CHOICES,
        required=False,
        help_text="Thống kê: nhà mạng (theo Sở TTTT, nếu chưa có thì theo đầu số).",
    )
    repeat = serializers.ChoiceField(
        choices=list(REPEATS), required=False, help_text="Thống kê: loại tái phạm."
    )
    left_state = serializers.ChoiceField(
        choices=State.choices, required=False, help_text="Thống kê: rời trạng thái này trong kỳ."
    )
    sap_xep = serializers.ChoiceField(
        choices=list(SORTS), required=False, help_text="Sắp xếp theo."
    )
    chieu = serializers.ChoiceField(
        choices=["giam", "tang"], required=False, help_text="Chiều sắp xếp."
    )
    sau = serializers.CharField(required=False, help_text="Con trỏ: trang sau.")
    truoc = serializers.CharField(required=False, help_text="Con trỏ: trang trước.")


class TransitionDetails(serializers.Serializer):
    """What some actions require, as their screens ask it."""

    suspended_on = serializers.DateField(
        required=False, help_text="Ngưng cung cấp dịch vụ: ngày ngưng (yyyy-mm-dd)."
    )
    carrier_reference = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Ngưng cung cấp dịch vụ: số tham chiếu của nhà mạng.",
    )
    decision_number = serializers.CharField(
        required=False, max_length=100, help_text="Kết thúc hồ sơ (Sở VHTT-DL): số quyết định."
    )
    decided_on = serializers.DateField(required=False, help_text="Kết thúc hồ sơ: ngày quyết định.")
    amount = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=10**12,
        help_text="Kết thúc hồ sơ: số tiền phạt (đồng).",
    )
    result = serializers.CharField(
        required=False, max_length=4000, help_text="Kết thúc hồ sơ: kết quả xử lý."
    )
    handler_decision = serializers.CharField(
        required=False,
        max_length=255,
        help_text="Khôi phục dịch vụ khi chưa nộp phạt: văn bản của đơn vị xử lý (số, ngày).",
    )


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(TRANSITIONS), help_text="Mã thao tác.")
    cases = serializers.ListField(
        child=serializers.CharField(max_length=20),
        min_length=1,
        max_length=500,
        help_text="Các số hồ sơ (một hoặc nhiều).",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, help_text="Ghi chú."
    )
    details = TransitionDetails(
        required=False,
        help_text="Thông tin thao tác cần: ngưng cung cấp dịch vụ, khôi phục, kết thúc hồ sơ.",
    )


class TransitionOut(serializers.Serializer):
    action = serializers.CharField()
    cases = CaseSummary(many=True, help_text="Các hồ sơ sau khi chuyển.")


class Problem(serializers.Serializer):
    type = serializers.CharField(help_text="Luôn là about:blank.")
    title = serializers.CharField(help_text="Tên lỗi.")
    status = serializers.IntegerField(help_text="Mã trạng thái HTTP.")
    detail = serializers.CharField(help_text="Giải thích.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Lỗi theo từng trường.",
    )


class DispatchOut(serializers.Serializer):
    id = serializers.IntegerField(help_text="Mã phiếu chuyển.")
    number = serializers.CharField(
        source="number_label", help_text="Số phiếu, ví dụ 15/PC-VHTT; rỗng khi chưa in."
    )
    kind = serializers.CharField(help_text="Loại phiếu chuyển.")
    kind_label = serializers.CharField(source="get_kind_display", help_text="Tên loại phiếu.")
    action = serializers.SerializerMethodField(help_text="Thao tác gửi phiếu này.")
    from_unit = UnitRef(help_text="Đơn vị gửi.")
    to_unit = UnitRef(help_text="Đơn vị nhận.")
    note = serializers.CharField(help_text="Ghi chú nội dung xử lý (in trên phiếu).")
    version = serializers.IntegerField(
        help_text="Phiên bản nội dung (tăng khi thêm, bỏ hồ sơ hoặc sửa ghi chú)."
    )
    printed_version = serializers.IntegerField(
        allow_null=True, help_text="Phiên bản đã in (tải văn bản phiếu chuyển là in)."
    )
    scan_is_current = serializers.BooleanField(
        help_text="Đúng nếu đã đính kèm bản đã ký của phiên bản hiện tại."
    )
    scan_url = serializers.SerializerMethodField(
        help_text="Địa chỉ tải bản đã ký, rỗng nếu chưa có."
    )
    document_url = serializers.SerializerMethodField(help_text="Địa chỉ tải văn bản phiếu (PDF).")
    sent_at = serializers.DateTimeField(
        allow_null=True, help_text="Ngày chuyển; rỗng khi chưa chuyển."
    )
    cases = serializers.SerializerMethodField(help_text="Các số hồ sơ trong phiếu.")

    def get_action(self, dispatch) -> str:
        return DISPATCH_ACTION[dispatch.kind]

    def get_scan_url(self, dispatch) -> str:
        return reverse("api_dispatch_scan", args=[dispatch.pk]) if dispatch.signed_scan else ""

    def get_document_url(self, dispatch) -> str:
        return reverse("api_dispatch_document", args=[dispatch.pk])

    def get_cases(self, dispatch) -> list[str]:
        return list(
            dispatch.items.order_by("position", "id").values_list("case__number", flat=True)
        )


class DispatchIn(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=sorted(DISPATCH_ACTION.values()),
        help_text="Thao tác sẽ gửi phiếu (quyết định loại phiếu và đơn vị nhận).",
    )
    cases = serializers.ListField(
        child=serializers.CharField(max_length=20),
        min_length=1,
        max_length=2000,
        help_text="Các số hồ sơ đang chờ đơn vị.",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, help_text="Ghi chú nội dung xử lý."
    )


class CasesIn(serializers.Serializer):
    cases = serializers.ListField(
        child=serializers.CharField(max_length=20),
        min_length=1,
        max_length=2000,
        help_text="Các số hồ sơ.",
    )


class ScanIn(serializers.Serializer):
    scan = serializers.FileField(help_text="Bản quét phiếu đã ký (PDF, JPEG hoặc PNG).")


class SuspensionIn(serializers.Serializer):
    case = serializers.CharField(max_length=20, help_text="Số hồ sơ.")
    suspended_on = serializers.DateField(help_text="Ngày ngưng cung cấp dịch vụ (yyyy-mm-dd).")
    carrier_reference = serializers.CharField(
        max_length=100, help_text="Số tham chiếu của nhà mạng."
    )


class SuspensionsIn(serializers.Serializer):
    items = SuspensionIn(
        many=True,
        min_length=1,
        max_length=500,
        help_text="Thông tin ngưng cung cấp dịch vụ của từng hồ sơ.",
    )


class RestoreIn(serializers.Serializer):
    cases = serializers.ListField(
        child=serializers.CharField(max_length=20),
        min_length=1,
        max_length=500,
        help_text="Các số hồ sơ.",
    )
    note = serializers.CharField(max_length=4000, help_text="Lý do khôi phục (bắt buộc).")
    handler_decision = serializers.CharField(
        required=False,
        max_length=255,
        help_text="Khi chủ thuê bao chưa nộp phạt: văn bản của đơn vị xử lý cho khôi phục "
        "(số, ngày).",
    )
