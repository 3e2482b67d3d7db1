"""Procedurally drawn photos of illegal street ads ("quảng cáo rao vặt") for demo data.

Everything is drawn with Pillow from a seed: no network, no image files, no numpy.
The same arguments always give the same JPEG bytes.
"""

from __future__ import annotations

import functools
import glob
import io
import math
import os
import random
import unicodedata

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

__all__ = ["AD_TYPES", "SURFACES", "ad_photo", "font_path"]

AD_TYPES = ("sticker", "leaflet", "painted", "banner", "other")
SURFACES = ("wall", "pole", "tree", "shutter")

_BICUBIC = Image.Resampling.BICUBIC
_BILINEAR = Image.Resampling.BILINEAR

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)
_SERIF_CANDIDATE = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
_VIETNAMESE_PROBE = "ĐđƠơƯưẤầẩễệịỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_MAX_JPEG_BYTES = 150_000

# Which surface an ad of each type is most often found on.
_SURFACE_WEIGHTS = {
    "sticker": (35, 40, 15, 10),
    "leaflet": (35, 35, 20, 10),
    "painted": (40, 15, 10, 35),
    "banner": (30, 25, 30, 15),
    "other": (25, 25, 25, 25),
}

_SLOGANS_MONEY = (
    "Lãi suất thấp, trả góp theo ngày",
    "Giải ngân nhanh trong 30 phút",
    "Chỉ cần CCCD, không thẩm định",
    "Bảo mật thông tin tuyệt đối",
    "Hỗ trợ nợ xấu",
    "Thủ tục đơn giản",
    "Nhận hồ sơ tận nơi",
)
_MONEY_WORDS = ("vay", "tiền", "góp", "bằng", "giấy", "sim", "đáo hạn", "thẻ")

_SLOGANS = (
    "Uy tín – Nhanh chóng – Giá rẻ",
    "Phục vụ 24/24, kể cả ngày lễ",
    "Có mặt sau 15 phút",
    "Bảo hành dài hạn",
    "Tư vấn miễn phí",
    "Nhận làm các quận huyện",
    "Giá cả hợp lý, không phát sinh",
    "Thợ tay nghề cao",
)

_SCRAP_WORDS = ("KHOAN", "VAY", "ĐT:", "HÚT", "CẦU", "SỬA", "NHÀ", "LH", "TIỀN", "GÓI", "09", "03")


# --------------------------------------------------------------------------- fonts


def _renders_vietnamese(path: str) -> bool:
    """True if the font at ``path`` has real glyphs for Vietnamese letters."""
    try:
        font = ImageFont.truetype(path, 20)
    except OSError:
        return False

    def shot(ch: str) -> bytes:
        im = Image.new("L", (40, 40))
        ImageDraw.Draw(im).text((6, 6), ch, font=font, fill=255)
        return im.tobytes()

    notdef = shot("\U0010fffd")
    return all(shot(ch) != notdef for ch in _VIETNAMESE_PROBE)


@functools.lru_cache(maxsize=1)
def _font_paths() -> tuple[str | None, str | None]:
    """(main bold font, alternative font for some headlines); None means Pillow's default."""
    main = next((p for p in _FONT_CANDIDATES if os.path.isfile(p) and _renders_vietnamese(p)), None)
    if main is None:
        found = sorted(glob.glob("/usr/share/fonts/**/*.ttf", recursive=True))
        found.sort(key=lambda p: "bold" not in os.path.basename(p).lower())
        main = next((p for p in found if _renders_vietnamese(p)), found[0] if found else None)
    alt = main
    if (
        main
        and "liberation2" in main
        and os.path.isfile(_SERIF_CANDIDATE)
        and _renders_vietnamese(_SERIF_CANDIDATE)
    ):
        alt = _SERIF_CANDIDATE
    return main, alt


def font_path() -> str | None:
    """Path of the TrueType font used for the ads, or None if Pillow's default font is used."""
    return _font_paths()[0]


@functools.lru_cache(maxsize=256)
def _font(path: str | None, size: int):
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size)


@functools.lru_cache(maxsize=256)
def _metrics(path: str | None, size: int) -> tuple[int, int]:
    """(top, bottom) of a line drawn at y=0, including stacked Vietnamese diacritics."""
    font = _font(path, size)
    top = font.getbbox("ẤỖẪẰÂ")[1]
    bottom = font.getbbox("gjpqyỵ")[3]
    return min(0, top), bottom


def _wrap(text: str, font, max_w: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if not cur or font.getlength(trial) <= max_w:
            cur = trial
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines or [""]


def _wrap_even(text: str, font, max_w: float) -> list[str]:
    """Wrap into as few lines as possible, with lines of similar length."""
    lines = _wrap(text, font, max_w)
    if len(lines) > 1:
        width = max_w
        while width > max_w * 0.4:
            trial = _wrap(text, font, width * 0.94)
            if len(trial) > len(lines):
                break
            lines, width = trial, width * 0.94
    return lines


def _block_height(n: int, path: str | None, size: int, spacing: float = 0.1) -> int:
    top, bottom = _metrics(path, size)
    return (bottom - top) * n + int(size * spacing) * (n - 1)


def _fit(
    text: str,
    path: str | None,
    max_w: float,
    max_h: float,
    max_lines: int,
    start: int,
    spacing: float = 0.1,
    min_size: int = 10,
) -> tuple[int, list[str]]:
    """Largest font size (<= start) at which ``text`` wraps into the box."""
    size = max(min_size, int(start))
    while True:
        font = _font(path, size)
        lines = _wrap(text, font, max_w)
        widest = max(font.getlength(line) for line in lines)
        if (
            len(lines) <= max_lines
            and widest <= max_w
            and _block_height(len(lines), path, size, spacing) <= max_h
        ) or size <= min_size:
            return size, _wrap_even(text, font, max_w)
        size = max(min_size, min(size - 1, int(size * 0.93)))


def _draw_block(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    path: str | None,
    size: int,
    cx: float,
    y: float,
    fill,
    spacing: float = 0.1,
    **kwargs,
) -> float:
    """Draw centred lines with their top at ``y``; return the bottom."""
    font = _font(path, size)
    top, bottom = _metrics(path, size)
    step = bottom - top + int(size * spacing)
    for line in lines:
        w = font.getlength(line)
        draw.text((cx - w / 2, y - top), line, font=font, fill=fill, **kwargs)
        y += step
    return y - int(size * spacing)


def _rough_line(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    text: str,
    path: str | None,
    size: int,
    cx: float,
    y: float,
    fill,
    jitter: float,
    stroke: int = 0,
) -> None:
    """Draw one centred line letter by letter, a bit uneven, as by hand or spray can."""
    top, _ = _metrics(path, size)
    sizes = (max(8, round(size * (1 - jitter * 0.08))), size, round(size * (1 + jitter * 0.06)))
    plan = []
    width = 0.0
    for ch in text:
        font = _font(path, rng.choice(sizes))
        adv = font.getlength(ch) * rng.uniform(0.98, 1.0 + jitter * 0.2) + stroke
        plan.append((ch, font, adv, rng.uniform(-1, 1) * jitter * size * 0.12))
        width += adv
    x = cx - width / 2
    for ch, font, adv, dy in plan:
        if not ch.isspace():
            draw.text(
                (x, y - top + dy + (size - font.size) * 0.8),
                ch,
                font=font,
                fill=fill,
                stroke_width=stroke,
                stroke_fill=fill,
            )
        x += adv


# --------------------------------------------------------------------------- noise helpers


def _noise(rng: random.Random, w: int, h: int) -> Image.Image:
    """Uniform white noise, deterministic for the generator state."""
    return Image.frombytes("L", (w, h), rng.randbytes(w * h))


def _smooth(rng: random.Random, size: tuple[int, int], cells: tuple[int, int]) -> Image.Image:
    return _noise(rng, max(2, cells[0]), max(2, cells[1])).resize(size, _BICUBIC)


def _fractal(rng: random.Random, size: tuple[int, int], octaves) -> Image.Image:
    """Sum of noise octaves ``(cells_x, cells_y, contrast)``, built at half size."""
    w, h = size
    half = (max(2, w // 2), max(2, h // 2))
    tex = None
    for cx, cy, k in octaves:
        layer = _contrast(_smooth(rng, half, (int(cx), int(cy))), k)
        tex = layer if tex is None else ImageChops.add(tex, layer, 1.0, -128)
    return tex.resize(size, _BICUBIC)


def _contrast(im: Image.Image, k: float, centre: float = 128) -> Image.Image:
    return im.point([max(0, min(255, round(centre + (v - 128) * k))) for v in range(256)])


def _add(img: Image.Image, *texes: Image.Image) -> Image.Image:
    """Add L textures centred on 128 to an RGB image."""
    tex = texes[0]
    for more in texes[1:]:
        tex = ImageChops.add(tex, more, 1.0, -128)
    return ImageChops.add(img, Image.merge("RGB", (tex, tex, tex)), 1.0, -128)


def _blur_big(mask: Image.Image, radius: float, factor: int = 4) -> Image.Image:
    """Cheap wide Gaussian blur (blur a reduced copy, then enlarge)."""
    w, h = mask.size
    small = mask.resize((max(1, w // factor), max(1, h // factor)), _BILINEAR)
    return small.filter(ImageFilter.GaussianBlur(radius / factor)).resize((w, h), _BILINEAR)


def _jitter_poly(rng: random.Random, box, amount: float, steps: int = 6) -> list[tuple]:
    """Polygon along the edges of ``box`` with uneven (torn) edges."""
    x0, y0, x1, y1 = box
    pts = []
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for i in range(4):
        ax, ay = corners[i]
        bx, by = corners[(i + 1) % 4]
        for s in range(steps):
            t = s / steps
            pts.append(
                (
                    ax + (bx - ax) * t + rng.uniform(-amount, amount),
                    ay + (by - ay) * t + rng.uniform(-amount, amount),
                )
            )
    return pts


def _vary(rng: random.Random, color, amount: int = 12) -> tuple[int, int, int]:
    d = rng.randint(-amount, amount)
    return tuple(max(0, min(255, c + d + rng.randint(-4, 4))) for c in color)


# --------------------------------------------------------------------------- surfaces


def _stains(rng: random.Random, img: Image.Image, color, count: int, streaks: bool) -> None:
    w, h = img.size
    sw, sh = max(8, w // 4), max(8, h // 4)
    mask = Image.new("L", (sw, sh))
    d = ImageDraw.Draw(mask)
    for _ in range(count):
        cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
        rx, ry = rng.uniform(4, sw / 6), rng.uniform(3, sh / 5)
        d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=rng.randint(15, 70))
    if streaks:
        for _ in range(rng.randint(4, 12)):
            x = rng.uniform(0, sw)
            d.rectangle(
                (x, 0, x + rng.uniform(1, 5), rng.uniform(sh * 0.1, sh * 0.7)),
                fill=rng.randint(20, 60),
            )
        # grime rising from the ground
        d.rectangle((0, sh * rng.uniform(0.8, 0.95), sw, sh), fill=rng.randint(40, 90))
    mask = mask.filter(ImageFilter.GaussianBlur(rng.uniform(2, 4)))
    mask = ImageChops.multiply(mask, _contrast(_smooth(rng, (sw, sh), (sw // 5, sh // 5)), 1.8))
    img.paste(color, (0, 0, w, h), mask.resize((w, h), _BILINEAR))


def _cracks(rng: random.Random, img: Image.Image, color, count: int) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img)
    for _ in range(count):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        ang = rng.uniform(0, 2 * math.pi)
        pts = [(x, y)]
        for _ in range(rng.randint(8, 25)):
            ang += rng.uniform(-0.6, 0.6)
            x += math.cos(ang) * rng.uniform(5, 18)
            y += math.sin(ang) * rng.uniform(5, 18)
            pts.append((x, y))
        d.line(pts, fill=color, width=rng.choice((1, 1, 2)))


def _scraps(rng: random.Random, img: Image.Image, count: int, path: str | None) -> None:
    """Remains of older, torn-off ads and stickers."""
    w, h = img.size
    for _ in range(count):
        sw, sh = int(rng.uniform(0.06, 0.2) * w), int(rng.uniform(0.05, 0.16) * h)
        layer = Image.new("RGBA", (sw, sh))
        d = ImageDraw.Draw(layer)
        paper = _vary(rng, rng.choice(((236, 232, 218), (240, 226, 170), (236, 214, 210))), 10)
        alpha = rng.randint(170, 235)
        outline = _jitter_poly(rng, (2, 2, sw - 3, sh - 3), min(sw, sh) * 0.12)
        d.polygon(outline, fill=(*paper, alpha))
        ink = rng.choice(((150, 60, 60), (70, 90, 150), (90, 90, 90)))
        size = max(9, int(sh * rng.uniform(0.16, 0.26)))
        text = " ".join(rng.choice(_SCRAP_WORDS) for _ in range(3))
        d.text(
            (rng.uniform(-sw * 0.3, sw * 0.1), rng.uniform(0, sh * 0.4)),
            text,
            font=_font(path, size),
            fill=(*ink, int(alpha * 0.4)),
        )
        layer.putalpha(ImageChops.multiply(layer.getchannel("A"), _scrap_alpha(rng, layer)))
        pos = (int(rng.uniform(-sw * 0.2, w - sw * 0.8)), int(rng.uniform(0, h - sh)))
        img.paste(layer, pos, layer)


def _scrap_alpha(rng: random.Random, layer: Image.Image) -> Image.Image:
    """Keep only the parts of a scrap inside its torn outline."""
    sw, sh = layer.size
    m = Image.new("L", (sw, sh))
    outline = _jitter_poly(rng, (2, 2, sw - 3, sh - 3), min(sw, sh) * 0.1)
    ImageDraw.Draw(m).polygon(outline, fill=255)
    return m


def _surface_wall(rng: random.Random, size, path, scraps: int):
    w, h = size
    color = _vary(
        rng,
        rng.choice(
            (
                (222, 205, 160),
                (212, 210, 200),
                (196, 192, 182),
                (230, 218, 188),
                (206, 190, 170),
                (190, 198, 186),
                (226, 198, 168),
                (176, 174, 168),
            )
        ),
    )
    img = Image.new("RGB", size, color)
    # patches of paint where earlier ads were painted over
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(0, 3)):
        pw, ph = rng.uniform(0.1, 0.35) * w, rng.uniform(0.08, 0.25) * h
        x, y = rng.uniform(-pw / 3, w - pw / 2), rng.uniform(-ph / 3, h - ph / 2)
        d.polygon(_jitter_poly(rng, (x, y, x + pw, y + ph), 6), fill=_vary(rng, color, 16))
    octaves = ((w / 64, h / 64, 0.1), (w / 12, h / 12, 0.08), (w / 2, h / 2, 0.1))
    img = _add(img, _fractal(rng, size, octaves))
    _stains(rng, img, _vary(rng, (95, 92, 78), 10), rng.randint(2, 7), streaks=True)
    _cracks(rng, img, _vary(rng, (120, 114, 105), 10), rng.randint(0, 3))
    _scraps(rng, img, scraps, path)
    m = 0.08
    return img, (w * m, h * m, w * (1 - m), h * (1 - m)), None


_FACADES = ((225, 205, 150), (230, 230, 225), (170, 170, 165), (205, 170, 150))


def _blurred_scene(rng: random.Random, size, leafy: bool) -> Image.Image:
    """An out-of-focus street behind a pole or tree."""
    sw, sh = 48, 36
    im = Image.new("RGB", (sw, sh), _vary(rng, (200, 210, 220), 20))
    d = ImageDraw.Draw(im)
    x = -2
    while x < sw:
        bw = rng.randint(5, 14)
        top = rng.randint(0, sh // 2)
        facade = _vary(rng, rng.choice(_FACADES), 20)
        d.rectangle((x, top, x + bw, sh), fill=facade)
        for _ in range(rng.randint(0, 2)):
            sy = rng.randint(top, sh - 8)
            d.rectangle(
                (x + 1, sy, x + bw - 1, sy + 2),
                fill=rng.choice(((200, 40, 40), (40, 80, 170), (240, 200, 40), (30, 140, 80))),
            )
        x += bw
    road = rng.randint(int(sh * 0.7), int(sh * 0.82))
    d.rectangle((0, road, sw, sh), fill=_vary(rng, (105, 105, 108), 12))
    for _ in range(rng.randint(2, 6)):
        bx = rng.uniform(0, sw)
        d.ellipse((bx, road - 3, bx + 4, road + 2), fill=_vary(rng, (40, 40, 45), 15))
    if leafy:
        for _ in range(rng.randint(6, 14)):
            cx, cy, r = rng.uniform(0, sw), rng.uniform(-4, sh * 0.5), rng.uniform(3, 10)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_vary(rng, (70, 115, 60), 25))
    return im.filter(ImageFilter.GaussianBlur(1.0)).resize(size, _BICUBIC)


def _shading_profile(rng: random.Random, width: int, height: int) -> Image.Image:
    """Light across a round pole or trunk: dark at both edges, a highlight off centre."""
    hi = rng.uniform(-0.4, 0.4)
    row = []
    for i in range(width):
        t = i / max(1, width - 1) * 2 - 1
        depth = math.sqrt(max(0.0, 1 - t * t))
        light = 0.35 + 0.55 * depth**0.7 + 0.14 * math.exp(-((t - hi) ** 2) / 0.08)
        row.append(max(0, min(255, int(255 * light))))
    return Image.frombytes("L", (width, 1), bytes(row)).resize((width, height), _BILINEAR)


def _surface_column(rng: random.Random, size, path, kind: str, scraps: int):
    w, h = size
    img = _blurred_scene(rng, size, leafy=kind == "tree")
    cw, ch = int(w * rng.uniform(0.56, 0.66)), h
    if kind == "pole":
        d = ImageDraw.Draw(img)
        for _ in range(rng.randint(2, 6)):  # sagging cables across the sky
            y0, y1 = rng.uniform(0, h * 0.3), rng.uniform(0, h * 0.3)
            sag = rng.uniform(10, 60)
            pts = [
                (w * t / 20, y0 + (y1 - y0) * t / 20 + sag * math.sin(math.pi * t / 20))
                for t in range(21)
            ]
            d.line(pts, fill=_vary(rng, (30, 30, 32), 8), width=rng.choice((2, 3, 4)))
        base = _vary(rng, rng.choice(((178, 176, 170), (190, 186, 176), (160, 160, 158))), 10)
    else:
        base = _vary(rng, rng.choice(((136, 122, 104), (156, 148, 134), (124, 114, 100))), 10)
    col = Image.new("RGB", (cw, ch), base)
    pole = kind == "pole"
    octaves = (
        (cw / (8 if pole else 6), 5, 0.1 if pole else 0.4),  # vertical streaks
        (cw / 40, ch / 40, 0.25 if pole else 0.4),
        (cw / 6, ch / 6, 0.1),
    )
    col = _add(col, _fractal(rng, (cw, ch), octaves))
    d = ImageDraw.Draw(col)
    if kind == "tree":
        for _ in range(cw // 30):  # fissures in the bark
            x = rng.uniform(0, cw)
            pts = []
            for yy in range(0, ch + 40, 40):
                x += rng.uniform(-6, 6)
                pts.append((x, yy))
            d.line(pts, fill=_vary(rng, (78, 68, 56), 10), width=rng.randint(2, 5))
        lichen = _contrast(_smooth(rng, (cw // 4, ch // 4), (cw // 30, ch // 30)), 2.0, centre=-60)
        col.paste(_vary(rng, (172, 176, 150), 10), (0, 0, cw, ch), lichen.resize((cw, ch)))
    else:
        band_y = int(ch * rng.uniform(0.12, 0.2))  # steel clamp band with bolts
        d.rectangle((0, band_y, cw, band_y + 22), fill=_vary(rng, (95, 95, 100), 10))
        d.rectangle((0, band_y + 3, cw, band_y + 6), fill=(140, 140, 145))
        for bx in (cw * 0.3, cw * 0.7):
            d.ellipse((bx - 7, band_y + 4, bx + 7, band_y + 18), fill=(70, 68, 66))
        _stains(rng, col, _vary(rng, (120, 90, 60), 10), rng.randint(2, 5), streaks=True)
    _scraps(rng, col, scraps, path)
    shade = _shading_profile(rng, cw, ch)
    col = ImageChops.multiply(col, Image.merge("RGB", (shade, shade, shade)))
    alpha = Image.new("L", (cw, ch))
    if kind == "tree":
        ImageDraw.Draw(alpha).polygon(_jitter_poly(rng, (4, -10, cw - 5, ch + 10), 5, 30), fill=255)
    else:
        alpha.paste(255, (0, 0, cw, ch))
    cx = w / 2 + rng.uniform(-0.05, 0.05) * w
    x0 = int(cx - cw / 2)
    img.paste(col, (x0, 0), alpha)
    surface = Image.new("L", size)
    surface.paste(alpha, (x0, 0))
    inner = cw * 0.4
    region = (max(w * 0.06, cx - inner), h * 0.07, min(w * 0.94, cx + inner), h * 0.93)
    return img, region, surface


def _surface_shutter(rng: random.Random, size, path, scraps: int):
    w, h = size
    base = _vary(
        rng,
        rng.choice(
            ((182, 186, 188), (96, 132, 110), (90, 112, 150), (196, 190, 172), (150, 92, 70))
        ),
    )
    img = Image.new("RGB", size, base)
    slat = rng.uniform(h / 17, h / 12)
    phase = rng.uniform(0, slat)
    col = []
    for y in range(h):
        t = ((y + phase) % slat) / slat
        v = 0.78 + 0.22 * math.sin(math.pi * t) if t > 0.07 else 0.45
        col.append(int(255 * v))
    profile = Image.frombytes("L", (1, h), bytes(col)).resize(size, _BILINEAR)
    img = ImageChops.multiply(img, Image.merge("RGB", (profile, profile, profile)))
    img = _add(img, _fractal(rng, size, ((4, h / 4, 0.06), (w / 40, h / 40, 0.13))))
    _stains(rng, img, _vary(rng, (130, 78, 40), 10), rng.randint(3, 10), streaks=True)
    _stains(rng, img, _vary(rng, (70, 68, 62), 10), rng.randint(2, 6), streaks=False)
    _scraps(rng, img, scraps, path)
    m = 0.08
    return img, (w * m, h * m, w * (1 - m), h * (1 - m)), None


# --------------------------------------------------------------------------- ads


def _gloss(layer: Image.Image, rng: random.Random) -> Image.Image:
    w, h = layer.size
    over = Image.new("RGBA", (w, h))
    x = rng.uniform(0, w * 0.6)
    ImageDraw.Draw(over).polygon(
        [(x, 0), (x + w * 0.18, 0), (x + w * 0.05, h), (x - w * 0.13, h)], fill=(255, 255, 255, 38)
    )
    out = Image.alpha_composite(layer, over)
    out.putalpha(layer.getchannel("A"))
    return out


def _sticker(rng: random.Random, phone: str, text: str, width: float, path) -> Image.Image:
    w = int(width)
    h = int(w * rng.uniform(0.5, 0.62))
    bg, border, ink, pink = rng.choice(
        (
            ((250, 250, 244), (210, 25, 30), (20, 40, 140), (215, 20, 25)),
            ((255, 222, 40), (20, 20, 20), (20, 20, 20), (200, 15, 20)),
            ((205, 25, 30), (255, 220, 60), (255, 255, 255), (255, 232, 60)),
            ((25, 70, 170), (255, 255, 255), (255, 255, 255), (255, 228, 50)),
            ((255, 255, 255), (20, 110, 60), (20, 110, 60), (20, 20, 20)),
        )
    )
    layer = Image.new("RGBA", (w, h))
    d = ImageDraw.Draw(layer)
    radius = int(h * 0.06)
    d.rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=(*bg, 255))
    bw, inset = max(3, int(h * 0.035)), int(h * 0.05)
    d.rounded_rectangle(
        (inset, inset, w - 1 - inset, h - 1 - inset), radius, outline=border, width=bw
    )
    pad = inset + bw + int(h * 0.05)
    iw, ih = w - 2 * pad, h - 2 * pad
    tsize, tlines = _fit(text.upper(), path, iw, ih * 0.4, 3, int(h * 0.2))
    psize, plines = _fit(phone, path, iw, ih * 0.42, 1, int(h * 0.4))
    th, ph = _block_height(len(tlines), path, tsize), _block_height(1, path, psize)
    gap = (ih - th - ph) / 3
    y = _draw_block(d, tlines, path, tsize, w / 2, pad + gap, ink)
    _draw_block(d, plines, path, psize, w / 2, y + gap, pink)
    layer = _gloss(layer, rng)
    if rng.random() < 0.4:  # a peeling corner
        s = h * rng.uniform(0.12, 0.2)
        alpha = layer.getchannel("A")
        ImageDraw.Draw(alpha).polygon([(w, h - s), (w - s, h), (w, h)], fill=0)
        layer.putalpha(alpha)
        ImageDraw.Draw(layer).polygon(
            [(w - 1, h - s), (w - s, h - 1), (w - s * 0.95, h - s * 0.95)],
            fill=(228, 226, 218, 255),
            outline=(180, 178, 170, 255),
        )
    return layer


def _leaflet(rng: random.Random, phone: str, text: str, height: float, paths) -> Image.Image:
    main, alt = paths
    ph = int(height)
    pw = int(ph * rng.uniform(0.68, 0.75))
    pad = int(pw * 0.07)
    layer = Image.new("RGBA", (pw + 2 * pad, ph + 2 * pad))
    paper = rng.choice(
        ((250, 250, 246), (252, 246, 200), (250, 222, 226), (222, 242, 222), (222, 234, 252))
    )
    accent = rng.choice(((200, 20, 25), (20, 60, 160), (20, 110, 50), (150, 20, 120)))
    paper_layer = Image.new("RGB", (pw, ph), paper)
    paper_layer = _add(paper_layer, _contrast(_smooth(rng, (pw, ph), (3, 4)), 0.18))
    d = ImageDraw.Draw(paper_layer)
    m = int(pw * 0.07)
    iw = pw - 2 * m
    tabs = rng.random() < 0.5
    body_h = ph * (0.8 if tabs else 0.95)
    head_font = alt if rng.random() < 0.4 else main
    banded = rng.random() < 0.6
    head_h = body_h * 0.36
    if banded:
        d.rectangle((0, int(ph * 0.04), pw, int(ph * 0.04 + head_h)), fill=accent)
    hsize, hlines = _fit(text.upper(), head_font, iw, head_h * 0.84, 4, int(pw * 0.12))
    hh = _block_height(len(hlines), head_font, hsize)
    _draw_block(
        d,
        hlines,
        head_font,
        hsize,
        pw / 2,
        ph * 0.04 + (head_h - hh) / 2,
        (255, 255, 255) if banded else accent,
    )
    money = any(word in text.lower() for word in _MONEY_WORDS)
    slogans = rng.sample(_SLOGANS_MONEY if money else _SLOGANS, 3)
    y = ph * 0.04 + head_h + body_h * 0.05
    ssize = min(_fit("• " + s, main, iw, body_h * 0.065, 1, int(pw * 0.06))[0] for s in slogans)
    sfont = _font(main, ssize)
    top, bottom = _metrics(main, ssize)
    for s in slogans:
        d.text((m, y - top), "• " + s, font=sfont, fill=(40, 40, 40))
        y += (bottom - top) * 1.25
    lsize = max(10, int(ssize * 0.95))
    y = _draw_block(d, ["Liên hệ:"], main, lsize, pw / 2, y + body_h * 0.03, (60, 60, 60))
    psize, plines = _fit(phone, main, iw, body_h * 0.19, 1, int(pw * 0.18))
    _draw_block(d, plines, main, psize, pw / 2, y + body_h * 0.02, accent)
    alpha = Image.new("L", (pw, ph), 255)
    if tabs:  # tear-off strips with the number
        ty = int(ph * 0.82)
        n = rng.randint(7, 9)
        tw = pw / n
        tsize, _ = _fit(phone, main, ph - ty - 12, tw * 0.8, 1, int(tw * 0.6))
        font = _font(main, tsize)
        strip = Image.new("L", (int(font.getlength(phone)) + 4, int(tsize * 1.3)), 255)
        ImageDraw.Draw(strip).text((2, -_metrics(main, tsize)[0] * 0.3), phone, font=font, fill=0)
        strip = strip.rotate(90, expand=True)
        ad = ImageDraw.Draw(alpha)
        for i in range(n):
            x0 = int(i * tw)
            if i > 0:
                for yy in range(ty, ph, 8):
                    d.line((x0, yy, x0, yy + 4), fill=(120, 120, 120))
            if rng.random() < 0.3:
                ad.rectangle((x0 + 1, ty + 4, int(x0 + tw) - 1, ph), fill=0)
            else:
                paper_layer.paste(
                    (30, 30, 30),
                    (int(x0 + (tw - strip.width) / 2), ty + 6),
                    ImageChops.invert(strip),
                )
        d.line((0, ty, pw, ty), fill=(150, 150, 150))
    layer.paste(paper_layer, (pad, pad), alpha)
    dl = ImageDraw.Draw(layer)
    tape = (238, 234, 214, 150)
    for cx in (pad + pw * 0.06, pad + pw * 0.94):
        if rng.random() < 0.8:
            s = pw * 0.07
            ang = math.radians(rng.choice((-40, 40)) + rng.uniform(-8, 8))
            pts = [
                (cx + math.cos(ang + a) * s * 1.6, pad + math.sin(ang + a) * s * 1.6)
                for a in (0.35, math.pi - 0.35, math.pi + 0.35, -0.35)
            ]
            dl.polygon(pts, fill=tape)
    return layer


def _banner(rng: random.Random, phone: str, text: str, w: int, h: int, path) -> Image.Image:
    cloth, ink, pink = rng.choice(
        (
            ((200, 28, 32), (255, 236, 80), (255, 255, 255)),
            ((22, 64, 160), (255, 255, 255), (255, 230, 60)),
            ((250, 210, 40), (200, 20, 20), (20, 40, 140)),
            ((245, 245, 240), (20, 60, 160), (210, 20, 25)),
        )
    )
    img = Image.new("RGB", (w, h), cloth)
    row = []
    phases = [(rng.uniform(0, 6.3), rng.uniform(2, 7), rng.uniform(4, 14)) for _ in range(3)]
    for i in range(w):
        v = 128 + sum(a * math.sin(ph + f * math.pi * i / w) for ph, f, a in phases)
        row.append(max(0, min(255, int(v))))
    folds = Image.frombytes("L", (w, 1), bytes(row)).resize((w, h), _BILINEAR)
    img = _add(img, folds)
    img = _add(img, _contrast(_noise(rng, w, h), 0.07))
    d = ImageDraw.Draw(img)
    hem = max(4, int(h * 0.045))
    dark = tuple(int(c * 0.75) for c in cloth)
    d.rectangle((0, 0, w, hem), fill=dark)
    d.rectangle((0, h - hem, w, h), fill=dark)
    m = int(h * 0.1)
    iw, ih = w - 2 * m, h - 2 * hem - int(h * 0.08)
    tsize, tlines = _fit(text.upper(), path, iw, ih * 0.42, 2, int(h * 0.2))
    psize, plines = _fit(phone, path, iw * 0.9, ih * 0.46, 1, int(h * 0.42))
    th, ph = _block_height(len(tlines), path, tsize), _block_height(1, path, psize)
    gap = (ih - th - ph) / 3
    y = _draw_block(d, tlines, path, tsize, w / 2, hem + int(h * 0.04) + gap, ink)
    stroke = max(1, psize // 25)
    _draw_block(
        d,
        plines,
        path,
        psize,
        w / 2,
        y + gap,
        pink,
        stroke_width=stroke,
        stroke_fill=tuple(int(c * 0.5) for c in cloth),
    )
    for gx, gy in (
        (m * 0.4, hem * 2),
        (w - m * 0.4, hem * 2),
        (m * 0.4, h - hem * 2),
        (w - m * 0.4, h - hem * 2),
    ):
        d.ellipse((gx - 7, gy - 7, gx + 7, gy + 7), fill=(190, 190, 195), outline=(90, 90, 90))
        d.ellipse((gx - 3, gy - 3, gx + 3, gy + 3), fill=(40, 40, 40))
    layer = img.convert("RGBA")
    return layer


def _cardboard(rng: random.Random, phone: str, text: str, width: float, path) -> Image.Image:
    w = int(width)
    h = int(w * rng.uniform(0.62, 0.74))
    top_pad = int(h * 0.25)
    layer = Image.new("RGBA", (w, h + top_pad))
    board = _vary(rng, (196, 160, 112), 12)
    sheet = Image.new("RGB", (w, h), board)
    corr = _noise(rng, 1, max(2, h // 6)).resize((w, h), _BILINEAR)
    sheet = _add(sheet, _contrast(corr, 0.12))
    sheet = _add(sheet, _contrast(_smooth(rng, (w, h), (5, 4)), 0.3))
    sheet = _add(sheet, _contrast(_noise(rng, w, h), 0.08))
    d = ImageDraw.Draw(sheet)
    ink = (25, 25, 30)
    pink = rng.choice(((25, 25, 30), (190, 20, 20), (20, 40, 150)))
    m = int(w * 0.08)
    iw, ih = w - 2 * m, h - 2 * m
    tsize, tlines = _fit(text.upper(), path, iw * 0.9, ih * 0.48, 3, int(h * 0.16))
    psize, plines = _fit(phone, path, iw * 0.88, ih * 0.34, 1, int(h * 0.3))
    th, ph = _block_height(len(tlines), path, tsize), _block_height(1, path, psize)
    gap = (ih - th - ph) / 3
    y = m + gap
    top, bottom = _metrics(path, tsize)
    for line in tlines:
        _rough_line(d, rng, line, path, tsize, w / 2, y, ink, 0.6)
        y += bottom - top + int(tsize * 0.1)
    _rough_line(d, rng, plines[0], path, psize, w / 2, y + gap, pink, 0.5)
    holes = [(w * 0.2, h * 0.07), (w * 0.8, h * 0.07)]
    for hx, hy in holes:
        d.ellipse((hx - 6, hy - 6, hx + 6, hy + 6), fill=(50, 40, 30))
    alpha = Image.new("L", (w, h))
    ImageDraw.Draw(alpha).polygon(_jitter_poly(rng, (3, 3, w - 4, h - 4), 3, 10), fill=255)
    layer.paste(sheet, (0, top_pad), alpha)
    nail = (w / 2 + rng.uniform(-w * 0.05, w * 0.05), top_pad * 0.15)
    dl = ImageDraw.Draw(layer)
    for hx, hy in holes:
        dl.line((hx, hy + top_pad, nail[0], nail[1]), fill=(70, 70, 75, 255), width=3)
    dl.ellipse((nail[0] - 5, nail[1] - 5, nail[0] + 5, nail[1] + 5), fill=(60, 60, 60, 255))
    return layer


def _shadow(img: Image.Image, layer: Image.Image, pos, offset, blur: float, strength: float):
    a = _blur_big(layer.getchannel("A"), blur, 2 if blur < 6 else 4)
    a = a.point(lambda v: int(v * strength))
    img.paste((0, 0, 0), (pos[0] + offset[0], pos[1] + offset[1]), a)


def _place(rng: random.Random, layer: Image.Image, region) -> tuple[Image.Image, tuple[int, int]]:
    """Shrink ``layer`` to the region if needed and choose a position inside it."""
    x0, y0, x1, y1 = region
    rw, rh = x1 - x0, y1 - y0
    scale = min(1.0, rw / layer.width, rh / layer.height)
    if scale < 1.0:
        layer = layer.resize(
            (max(1, int(layer.width * scale)), max(1, int(layer.height * scale))),
            Image.Resampling.LANCZOS,
        )
    x = x0 + rng.uniform(0, max(0.0, rw - layer.width))
    y = y0 + rng.uniform(0, max(0.0, rh - layer.height))
    return layer, (int(x), int(y))


def _paint(rng, img: Image.Image, region, surface, phone: str, text: str, path) -> None:
    """Spray-paint the ad directly onto the surface."""
    x0, y0, x1, y1 = region
    rw, rh = x1 - x0, y1 - y0
    bw, bh = int(rw * rng.uniform(0.86, 0.96)), int(rh * rng.uniform(0.72, 0.88))
    mask = Image.new("L", (bw, bh))
    d = ImageDraw.Draw(mask)
    tsize, tlines = _fit(text.upper(), path, bw * 0.8, bh * 0.48, 3, int(bh * 0.2))
    psize, plines = _fit(phone, path, bw * 0.8, bh * 0.34, 1, int(bh * 0.36))
    th, ph = _block_height(len(tlines), path, tsize, 0.15), _block_height(1, path, psize)
    gap = (bh - th - ph) / 3
    y = gap
    top, bottom = _metrics(path, tsize)
    for line in tlines:
        _rough_line(d, rng, line, path, tsize, bw / 2, y, 255, 0.45, tsize // 30)
        y += bottom - top + int(tsize * 0.15)
    py = y - int(tsize * 0.15) + gap
    _rough_line(d, rng, plines[0], path, psize, bw / 2, py, 255, 0.35, psize // 28)
    mask, _ = _warp(rng, mask, rng.uniform(-5, 5), 0.03)
    soft = mask.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.4)))
    spray = _blur_big(mask, rng.uniform(7, 12)).point(lambda v: int(v * 0.4))
    mask = ImageChops.lighter(soft, spray)
    dm = ImageDraw.Draw(mask)
    for _ in range(rng.randint(3, 10)):  # drips
        for _try in range(30):
            px, py = rng.uniform(0, mask.width - 1), rng.uniform(0, mask.height - 1)
            if soft.getpixel((int(px), int(py))) > 200:
                length = rng.uniform(10, 60)
                width = rng.choice((2, 2, 3))
                dm.line((px, py, px + rng.uniform(-1, 1), py + length), fill=210, width=width)
                dm.ellipse(
                    (px - width, py + length - 1, px + width, py + length + width * 1.5), fill=210
                )
                break
    rough = _contrast(_noise(rng, mask.width, mask.height), 0.3, centre=232)
    mask = ImageChops.multiply(mask, rough)
    mask, (px, py) = _place(rng, mask, region)
    box = (px, py, px + mask.width, py + mask.height)
    if surface is not None:
        mask = ImageChops.multiply(mask, surface.crop(box))
    mean = img.crop(box).resize((1, 1), _BILINEAR).getpixel((0, 0))
    lum = 0.3 * mean[0] + 0.59 * mean[1] + 0.11 * mean[2]
    if lum < 120:
        paint = rng.choice(((245, 245, 240), (250, 220, 40), (250, 250, 250)))
    else:
        paint = rng.choice(((25, 25, 28), (190, 25, 25), (25, 45, 140), (20, 25, 30), (25, 90, 50)))
    img.paste(paint, box, mask)


# --------------------------------------------------------------------------- camera


def _perspective_coeffs(dst, src) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE) mapping output ``dst`` to input ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    n = 8
    a = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(a[r][i]))
        a[i], a[p] = a[p], a[i]
        for r in range(n):
            if r != i:
                f = a[r][i] / a[i][i]
                a[r] = [x - f * y for x, y in zip(a[r], a[i], strict=True)]
    return [a[i][n] / a[i][i] for i in range(n)]


def _project(coeffs, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f, g, h = coeffs
    k = g * x + h * y + 1
    return (a * x + b * y + c) / k, (d * x + e * y + f) / k


def _warp(rng: random.Random, layer: Image.Image, angle: float, persp: float):
    """Rotate ``layer`` by ``angle`` degrees and tilt it a little, as seen by a camera.

    Returns the new layer and coefficients that map old coordinates to new ones.
    """
    w, h = layer.size
    a = math.radians(angle)
    quad = []
    for x, y in ((0, 0), (w, 0), (w, h), (0, h)):
        dx, dy = x - w / 2, y - h / 2
        quad.append(
            (
                dx * math.cos(a) + dy * math.sin(a) + rng.uniform(-persp, persp) * w,
                -dx * math.sin(a) + dy * math.cos(a) + rng.uniform(-persp, persp) * h,
            )
        )
    x0, y0 = min(p[0] for p in quad), min(p[1] for p in quad)
    quad = [(x - x0, y - y0) for x, y in quad]
    size = (math.ceil(max(p[0] for p in quad)), math.ceil(max(p[1] for p in quad)))
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    back = _perspective_coeffs(quad, corners)
    out = layer.transform(size, Image.Transform.PERSPECTIVE, back, _BILINEAR)
    return out, _perspective_coeffs(corners, quad)


@functools.lru_cache(maxsize=4)
def _vignette(w: int, h: int) -> Image.Image:
    return (
        Image.radial_gradient("L")
        .resize((w, h), _BILINEAR)
        .point(lambda v: int(max(0, v - 100) * 0.3))
    )


def _camera(rng: random.Random, img: Image.Image) -> Image.Image:
    """Uneven daylight, vignetting, colour cast and sensor noise."""
    w, h = img.size
    sw, sh = max(2, w // 16), max(2, h // 16)
    light = ImageChops.subtract(
        _contrast(_smooth(rng, (sw, sh), (3, 3)), 0.3), _vignette(sw, sh)
    ).resize((w, h), _BILINEAR)
    img = _add(img, light, _contrast(_noise(rng, w, h), 0.045))
    warm = rng.uniform(-0.05, 0.06)
    gain = (1 + warm, 1.0, 1 - warm)
    return img.point([max(0, min(255, int(v * g))) for g in gain for v in range(256)])


def _jpeg(img: Image.Image) -> bytes:
    for quality in (80, 74, 68, 60, 50):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True)
        data = buf.getvalue()
        if len(data) <= _MAX_JPEG_BYTES:
            break
    return data


# --------------------------------------------------------------------------- public


# The same arguments always give the same bytes, so one process draws each photo once: the
# demo is loaded again and again by the tests (each load draws about a hundred photos).
@functools.lru_cache(maxsize=512)
def ad_photo(
    *,
    phone_display: str,
    ad_text: str,
    ad_type: str,
    seed: int,
    size: tuple[int, int] = (1024, 768),
) -> bytes:
    """A JPEG that looks like a street photo of an illegal ad showing ``phone_display``.

    ``ad_type`` is one of AD_TYPES (anything else is drawn as "other"). The surface
    (wall, power pole, tree trunk or metal shutter), colours, rotation and camera
    perspective come from ``seed``; the same arguments always give the same bytes.
    """
    phone = unicodedata.normalize("NFC", " ".join(phone_display.split()))
    text = unicodedata.normalize("NFC", " ".join(ad_text.split()))
    kind = ad_type if ad_type in AD_TYPES else "other"
    rng = random.Random(f"raovat-photo:{seed}")
    w, h = int(size[0]), int(size[1])
    paths = _font_paths()
    path = paths[0]

    surface_kind = rng.choices(SURFACES, weights=_SURFACE_WEIGHTS[kind])[0]
    scraps = 0 if kind == "painted" else rng.randint(1, 4)
    if surface_kind == "wall":
        img, region, surface = _surface_wall(rng, (w, h), path, scraps)
    elif surface_kind == "shutter":
        img, region, surface = _surface_shutter(rng, (w, h), path, scraps)
    else:
        img, region, surface = _surface_column(rng, (w, h), path, surface_kind, scraps)
    rw, rh = region[2] - region[0], region[3] - region[1]
    full = (w * 0.07, h * 0.07, w * 0.93, h * 0.93)

    if kind == "painted":
        _paint(rng, img, region, surface, phone, text, path)
    else:
        if kind == "sticker":
            layer = _sticker(rng, phone, text, min(rw * 0.95, w * rng.uniform(0.46, 0.62)), path)
            angle, shadow = rng.uniform(-8, 8), ((2, 3), 2.5, 0.35)
        elif kind == "leaflet":
            layer = _leaflet(rng, phone, text, min(rh * 0.98, rw * 1.3), paths)
            angle, shadow = rng.choice((-1, 1)) * rng.uniform(2, 8), ((3, 5), 4, 0.4)
        elif kind == "banner":
            bw = int(w * rng.uniform(0.8, 0.86))
            layer = _banner(rng, phone, text, bw, int(bw * rng.uniform(0.36, 0.44)), path)
            angle, shadow = rng.uniform(-3, 3), ((10, 18), 16, 0.38)
            region = full
        else:
            layer = _cardboard(rng, phone, text, min(rw, w * rng.uniform(0.5, 0.66)), path)
            angle, shadow = rng.uniform(-7, 7), ((8, 12), 7, 0.45)
            region = full if surface is None else region
        lw, lh = layer.size
        layer, fwd = _warp(rng, layer, angle, 0.035)
        nw = layer.width
        layer, pos = _place(rng, layer, region)
        if kind == "banner":  # ropes from the grommets to things outside the frame
            d = ImageDraw.Draw(img)
            k = layer.width / nw
            for gx, gy, ox, oy in (
                (0.02, 0.1, -1, -0.4),
                (0.98, 0.1, 1, -0.4),
                (0.02, 0.9, -1, 0.3),
                (0.98, 0.9, 1, 0.3),
            ):
                px, py = _project(fwd, gx * lw, gy * lh)
                px, py = pos[0] + px * k, pos[1] + py * k
                d.line((px, py, px + ox * w * 0.3, py + oy * h * 0.3), fill=(60, 58, 55), width=3)
        _shadow(img, layer, pos, *shadow)
        img.paste(layer, pos, layer)
    return _jpeg(_camera(rng, img))
