"""What the API says about a case. Field help texts are the schema's descriptions."""

from django.urls import reverse
from rest_framework import serializers

from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.selectors.search import SORTS
from raovat.cases.workflow import TRANSITIONS, State


class UnitRef(serializers.Serializer):
    id = serializers.IntegerField(help_text="Mã đơn vị trong hệ thống.")
    name = serializers.CharField(help_text="Tên đơn vị.")


class CaseSummary(serializers.Serializer):
    number = serializers.CharField(help_text="Số hồ sơ, ví dụ HS-2026-000123.")
    phone = serializers.CharField(source="phone_national",
        help_text="Số thuê bao (dạng trong nước).")
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
    url = serializers.SerializerMethodField(
        help_text="Địa chỉ tải ảnh trên hệ thống (cần phiên đăng nhập).")
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, photo) -> str:
        return reverse("photo", args=[photo.pk])


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


class CaseDetail(CaseSummary):
    sightings = SightingOut(many=True, help_text="Các lần phát hiện.")
    history = EventOut(many=True, help_text="Quá trình xử lý.")
    subscriber = SubscriberOut(allow_null=True, help_text="Thông tin chủ thuê bao — chỉ "
                               "với đơn vị được xem; mỗi lần xem được ghi nhật ký.")
    calls = CallOut(many=True, help_text="Các cuộc gọi liên hệ — chỉ với đơn vị được xem "
                    "thông tin chủ thuê bao.")


class CasePage(serializers.Serializer):
    results = CaseSummary(many=True)
    next = serializers.CharField(allow_blank=True,
        help_text="Con trỏ trang sau (tham số `sau`), rỗng nếu hết.")
    previous = serializers.CharField(allow_blank=True,
        help_text="Con trỏ trang trước (tham số `truoc`).")
    page = serializers.IntegerField(help_text="Số thứ tự trang.")
    total = serializers.IntegerField(help_text="Số hồ sơ tìm thấy (tối đa 10.000).")
    total_capped = serializers.BooleanField(help_text="Đúng nếu có hơn 10.000 hồ sơ.")


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
    carrier = serializers.ChoiceField(choices=CARRIER_CHOICES, required=False,
        help_text="Nhà mạng.")
    subscriber_name = serializers.CharField(required=False,
        help_text="Tên chủ thuê bao (không cần dấu); chỉ đơn vị được xem thông tin chủ thuê bao.")
    address = serializers.CharField(required=False, help_text="Địa chỉ / địa điểm.")
    ad_text = serializers.CharField(required=False, help_text="Nội dung quảng cáo.")
    officer = serializers.IntegerField(required=False, help_text="Mã cán bộ xử lý.")
    sap_xep = serializers.ChoiceField(choices=list(SORTS), required=False,
        help_text="Sắp xếp theo.")
    chieu = serializers.ChoiceField(choices=["giam", "tang"], required=False,
        help_text="Chiều sắp xếp.")
    sau = serializers.CharField(required=False, help_text="Con trỏ: trang sau.")
    truoc = serializers.CharField(required=False, help_text="Con trỏ: trang trước.")


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(TRANSITIONS), help_text="Mã thao tác.")
    cases = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1,
                                  max_length=500, help_text="Các số hồ sơ (một hoặc nhiều).")
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                 help_text="Ghi chú.")


class TransitionOut(serializers.Serializer):
    action = serializers.CharField()
    cases = CaseSummary(many=True, help_text="Các hồ sơ sau khi chuyển.")


class Problem(serializers.Serializer):
    type = serializers.CharField(help_text="Luôn là about:blank.")
    title = serializers.CharField(help_text="Tên lỗi.")
    status = serializers.IntegerField(help_text="Mã trạng thái HTTP.")
    detail = serializers.CharField(help_text="Giải thích.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   required=False, help_text="Lỗi theo từng trường.")
