"""Bản đồ: the page (filters, the map frame, the units) and its data, clustered on the
server for the part of the map in view (raovat.cases.selectors.map)."""

import datetime
import json

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from raovat.cases.labels import chain_label, chain_names
from raovat.cases.models.evidence import AdType
from raovat.cases.selectors import map as sel
from raovat.cases.workflow import State
from raovat.web.forms import DATE

ALL = [("", "Tất cả")]


def _default_from() -> datetime.date:
    """The first day of the month eleven months before this one: twelve whole months,
    which is what the map counts at low zoom (decision 023), so the default is not cut."""
    return _months_back(timezone.localdate(), 11)


def _months_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


class MapFilterForm(forms.Form):
    tu = forms.DateField(
        label="Phát hiện từ ngày",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Ngày bắt đầu không hợp lệ (dd/mm/yyyy)."},
    )
    den = forms.DateField(
        label="đến ngày",
        required=False,
        widget=DATE,
        error_messages={"invalid": "Ngày kết thúc không hợp lệ (dd/mm/yyyy)."},
    )
    trang_thai = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )
    hinh_thuc = forms.ChoiceField(
        label="Hình thức quảng cáo",
        required=False,
        choices=ALL + list(AdType.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Hình thức quảng cáo không hợp lệ."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        names = chain_names(user.unit)
        self.fields["trang_thai"].choices = ALL + [
            (s.value, chain_label(s.label, names=names)) for s in State
        ]

    def clean(self):
        d = super().clean()
        if self.errors:
            return d
        found_to = d.get("den") or timezone.localdate()
        found_from = d.get("tu") or min(_default_from(), found_to)
        if found_from > found_to:
            raise forms.ValidationError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        if (found_to - found_from).days >= sel.PERIOD_MAX_DAYS:
            raise forms.ValidationError("Khoảng thời gian xem trên bản đồ tối đa 2 năm.")
        d["filter"] = sel.MapFilter(
            found_from=found_from,
            found_to=found_to,
            state=d.get("trang_thai", ""),
            ad_type=d.get("hinh_thuc", ""),
        )
        return d


class BadParameter(ValueError):
    pass


def _bbox(raw: str) -> sel.BBox:
    parts = raw.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("Vùng bản đồ (bbox) phải gồm 4 số: tây, nam, đông, bắc.") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise BadParameter(
            "Vùng bản đồ (bbox) không hợp lệ: kinh độ từ -180 đến 180, vĩ độ "
            "từ -90 đến 90, tây nhỏ hơn đông, nam nhỏ hơn bắc."
        )
    return sel.BBox(west=west, south=south, east=east, north=north)


def _zoom(raw: str) -> int:
    try:
        zoom = int(raw)
    except ValueError:
        raise BadParameter("Mức phóng (z) phải là số nguyên.") from None
    if not sel.ZOOM_MIN <= zoom <= sel.ZOOM_MAX:
        raise BadParameter(f"Mức phóng (z) phải từ {sel.ZOOM_MIN} đến {sel.ZOOM_MAX}.")
    return zoom


def _view(box: sel.BBox, zoom: int) -> None:
    size = sel.cell_degrees(zoom)
    if max(box.east - box.west, box.north - box.south) / size > sel.CELLS_MAX:
        raise BadParameter("Vùng bản đồ quá lớn so với mức phóng: hãy thu nhỏ bản đồ.")


@login_required
def map_page(request):
    user = request.user
    form = MapFilterForm(request.GET or None, user=user)
    if not form.is_bound:  # twelve months, written in the form as the officer sees it
        form = MapFilterForm(
            {
                "tu": _default_from().strftime("%d/%m/%Y"),
                "den": timezone.localdate().strftime("%d/%m/%Y"),
            },
            user=user,
        )
    flt = form.cleaned_data["filter"] if form.is_valid() else None
    units = sel.map_units(user=user, flt=flt) if flt else []
    box = sel.map_bounds(user=user, flt=flt) if flt else None
    query = request.GET.copy()
    config = {
        "dataUrl": reverse("map_data"),
        "query": query.urlencode() if flt else None,
        "bounds": [box.south, box.west, box.north, box.east] if box else None,
        # Leaflet writes the attribution as HTML: the setting is text.
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": escape(settings.MAP_TILE_ATTRIBUTION),
        "labels": [{"name": u["name"], "lat": u["lat"], "lng": u["lng"]} for u in units],
        "zoomMin": sel.ZOOM_MIN,
        "zoomMax": sel.ZOOM_MAX,
    }
    return render(
        request,
        "map.html",
        {
            "form": form,
            "units": units,
            "total": sum(u["n"] for u in units),
            "period": sel.counted_period(flt) if flt else None,
            # A data attribute, not a <script> block: the page has no inline script at all.
            "tile_url": settings.MAP_TILE_URL,
            "map_config": json.dumps(config),
        },
    )


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


@login_required
def map_data(request):
    user = request.user
    form = MapFilterForm(request.GET, user=user)
    if not form.is_valid():
        return _bad(" ".join(m for ms in form.errors.values() for m in ms))
    try:
        box = _bbox(request.GET.get("bbox", ""))
        zoom = _zoom(request.GET.get("z", ""))
        _view(box, zoom)
    except BadParameter as e:
        return _bad(str(e))
    data = sel.map_clusters(user=user, flt=form.cleaned_data["filter"], box=box, zoom=zoom)
    names = chain_names(user.unit)
    states = {s.value: chain_label(s.label, names=names) for s in State}
    ads = dict(AdType.choices)
    for p in data["points"]:
        p["url"] = reverse("case_detail", args=[p["case"]])
        p["state"] = states.get(p["state"], p["state"])
        p["ad_type"] = ads.get(p["ad_type"], p["ad_type"])
        p["found_on"] = p["found_on"].strftime("%d/%m/%Y")
    period = data["period"]
    period["from"] = period["from"].strftime("%d/%m/%Y")
    period["to"] = period["to"].strftime("%d/%m/%Y")
    response = JsonResponse(data)
    response["Cache-Control"] = "private, no-store"
    return response
