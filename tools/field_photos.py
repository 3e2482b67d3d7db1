"""Field-like photos of street ads for the OCR tests and benchmark.

The demo photos (demo_data.photos) are drawn flat and clean; these imitate what an officer
actually uploads from a phone: a flyer taped to a wall, a sticker wrapped round a concrete
pole, a stencilled or hand-sprayed number on plaster, marker on a shutter — then the camera:
perspective, rotation, uneven light and shadow, glare, defocus or shake, chromatic shift,
vignetting, sensor noise, phone sharpening and JPEG (sometimes twice, as a chat app does).

Pillow only, one seed per scene: the same Pillow and fonts give the same files. Run from
the repository root to rewrite tests/fixtures/field_photos/ and its manifest (name files to
make only those again; the manifest is always rewritten):

    python tools/field_photos.py [a4-taped-wall.jpg ...]

The handwriting-like fonts come from the `fontpkg-permanent-marker` (Apache-2.0) and
`fontpkg-caveat` (OFL-1.1) packages on PyPI; the printed ones are Liberation and DejaVu.
"""

from __future__ import annotations

import io
import json
import math
import os
import random
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "field_photos"
MAX_BYTES = 300_000
SEED = 7100  # photo i is made from seed SEED + i

_BICUBIC = Image.Resampling.BICUBIC
_LIB = "/usr/share/fonts/truetype/liberation2/"
_DJV = "/usr/share/fonts/truetype/dejavu/"


def _package_font(package: str, name: str) -> str:
    module = __import__(package)
    return os.path.join(os.path.dirname(module.__file__), "files", name)


FONTS = {
    "sans": _LIB + "LiberationSans-Bold.ttf",
    "serif": _LIB + "LiberationSerif-Bold.ttf",
    "narrow": _LIB + "LiberationSansNarrow-Bold.ttf",
    "dejavu": _DJV + "DejaVuSans-Bold.ttf",
    "condensed": _DJV + "DejaVuSansCondensed-Bold.ttf",
    "mono": _LIB + "LiberationMono-Bold.ttf",
}


def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    if kind == "marker":
        path = _package_font("fontpkg_permanent_marker", "PermanentMarker-Regular.ttf")
    elif kind == "hand":
        path = _package_font("fontpkg_caveat", "Caveat[wght].ttf")
    else:
        path = FONTS[kind]
    return ImageFont.truetype(path, size)


# --------------------------------------------------------------------------- noise


def _gauss_table(sigma: float) -> list[int]:
    normal = statistics.NormalDist()
    return [
        max(0, min(255, round(128 + sigma * normal.inv_cdf((u + 0.5) / 256)))) for u in range(256)
    ]


def gauss_noise(rng: random.Random, size, sigma: float) -> Image.Image:
    """Grey image of mean 128 and roughly Gaussian spread ``sigma``."""
    w, h = size
    return Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(_gauss_table(sigma))


def smooth_noise(rng: random.Random, size, cell: int, sigma: float) -> Image.Image:
    w, h = size
    small = gauss_noise(rng, (max(2, w // cell + 2), max(2, h // cell + 2)), sigma)
    return small.resize((w + 2 * cell, h + 2 * cell), _BICUBIC).crop(
        (cell, cell, cell + w, cell + h)
    )


def add_signed(img: Image.Image, noise: Image.Image) -> Image.Image:
    """img + (noise - 128), on every band of img."""
    if img.mode == "RGB":
        noise = Image.merge("RGB", (noise, noise, noise))
    return ImageChops.add(img, noise, 1.0, -128)


def texture(rng: random.Random, size, base, octaves=((160, 12), (40, 7), (8, 6), (1, 6))):
    img = Image.new("RGB", size, base)
    for cell, sigma in octaves:
        img = add_signed(
            img, smooth_noise(rng, size, cell, sigma) if cell > 1 else gauss_noise(rng, size, sigma)
        )
    return img


def _vary(rng: random.Random, color, amount=10):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


# --------------------------------------------------------------------------- geometry


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective_coeffs(out_quad, in_quad) -> list[float]:
    """Coefficients for Image.transform that send each out_quad corner to in_quad's."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(out_quad, in_quad, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return _solve(rows, rhs)


def warp_layer(layer: Image.Image, quad) -> tuple[Image.Image, tuple[int, int]]:
    """The RGBA layer drawn onto the quadrilateral ``quad`` (corners TL, TR, BR, BL)."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    x0, y0 = math.floor(min(xs)), math.floor(min(ys))
    size = (math.ceil(max(xs)) - x0 + 1, math.ceil(max(ys)) - y0 + 1)
    w, h = layer.size
    local = [(x - x0, y - y0) for x, y in quad]
    coeffs = perspective_coeffs(local, [(0, 0), (w, 0), (w, h), (0, h)])
    return layer.transform(size, Image.Transform.PERSPECTIVE, coeffs, _BICUBIC), (x0, y0)


def tilted_quad(rng: random.Random, centre, size, angle: float, skew: float = 0.0):
    """Corners of a w×h rectangle turned by ``angle`` degrees with a little keystone."""
    cx, cy = centre
    w, h = size
    a = math.radians(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    quad = []
    for x, y in corners:
        x += rng.uniform(-skew, skew) * w
        y += rng.uniform(-skew, skew) * h
        quad.append(
            (cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
        )
    return quad


def cylinder(layer: Image.Image, bend: float) -> Image.Image:
    """The layer wrapped round a pole: squeezed towards both sides, shaded at the edges."""
    w, h = layer.size
    strips = 24
    mesh = []
    for i in range(strips):
        t0, t1 = i / strips, (i + 1) / strips

        # out x (flat photo) -> angle -> in x (unrolled paper)
        def src(t):
            return (math.asin(max(-1.0, min(1.0, (2 * t - 1) * math.sin(bend)))) / bend + 1) / 2

        box = (round(t0 * w), 0, round(t1 * w), h)
        s0, s1 = src(t0) * w, src(t1) * w
        mesh.append((box, (s0, 0, s0, h, s1, h, s1, 0)))
    out = layer.transform((w, h), Image.Transform.MESH, mesh, _BICUBIC)
    shade = Image.linear_gradient("L").rotate(90, expand=True).resize((w, 1))
    shade = shade.point(lambda v: round(255 * (0.55 + 0.45 * math.sin(math.pi * v / 255))))
    shade = shade.resize((w, h))
    rgb = ImageChops.multiply(out.convert("RGB"), Image.merge("RGB", (shade,) * 3))
    rgb.putalpha(out.getchannel("A"))
    return rgb


# --------------------------------------------------------------------------- drawing


def text_width(draw, text, fnt) -> float:
    return draw.textlength(text, font=fnt)


def fit_font(kind: str, text: str, max_w: float, start: int) -> ImageFont.FreeTypeFont:
    size = start
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    while size > 8 and text_width(probe, text, font(kind, size)) > max_w:
        size = int(size * 0.93)
    return font(kind, size)


def centred(draw, y, text, fnt, fill, width, stroke=0, stroke_fill=None) -> int:
    box = draw.textbbox((0, 0), text, font=fnt, stroke_width=stroke)
    x = (width - (box[2] - box[0])) / 2 - box[0]
    draw.text(
        (x, y - box[1]), text, font=fnt, fill=fill, stroke_width=stroke, stroke_fill=stroke_fill
    )
    return y + box[3] - box[1]


def wobbly_text(
    rng: random.Random, img: Image.Image, pos, text, kind, size, fill, wobble=1.0
) -> float:
    """Text drawn one glyph at a time with a hand's small slips: size, tilt, baseline."""
    x, y = pos
    draw = ImageDraw.Draw(img)
    for ch in text:
        if ch == " ":
            x += size * 0.33
            continue
        s = max(8, round(size * rng.uniform(1 - 0.08 * wobble, 1 + 0.08 * wobble)))
        fnt = font(kind, s)
        box = draw.textbbox((0, 0), ch, font=fnt)
        gw, gh = box[2] + 8, box[3] + 8
        glyph = Image.new("L", (gw * 2, gh * 2))
        ImageDraw.Draw(glyph).text((gw // 2, gh // 2), ch, font=fnt, fill=255)
        glyph = glyph.rotate(rng.uniform(-6, 6) * wobble, _BICUBIC)
        colour = Image.new("RGBA", glyph.size, fill)
        colour.putalpha(glyph)
        dy = rng.uniform(-0.05, 0.05) * size * wobble
        img.alpha_composite(colour, (round(x - gw // 2), round(y + dy - gh // 2)))
        x += draw.textlength(ch, font=fnt) * rng.uniform(0.95, 1.05)
    return x


def paper(rng: random.Random, size, colour, creases=0, crumple=0.0) -> Image.Image:
    w, h = size
    img = texture(rng, size, colour, ((max(w, h) // 3, 6), (30, 3), (1, 5)))
    light = Image.new("L", size, 128)
    d = ImageDraw.Draw(light)
    for _ in range(creases):
        if rng.random() < 0.5:
            x = rng.uniform(0.2, 0.8) * w
            line = [(x + rng.uniform(-20, 20), 0), (x + rng.uniform(-20, 20), h)]
        else:
            y = rng.uniform(0.2, 0.8) * h
            line = [(0, y + rng.uniform(-20, 20)), (w, y + rng.uniform(-20, 20))]
        d.line(line, fill=100, width=5)
        d.line([(p[0] + 4, p[1] + 4) for p in line], fill=165, width=6)
    light = light.filter(ImageFilter.GaussianBlur(2))
    if crumple:
        light = add_signed(light, smooth_noise(rng, size, 80, 10 * crumple))
        crinkle = Image.new("L", size, 128)
        cd = ImageDraw.Draw(crinkle)
        for _ in range(int(60 * crumple)):  # short sharp folds, lit on one side
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            a, n = rng.uniform(0, math.pi), rng.uniform(0.05, 0.3) * max(w, h)
            end = (x + n * math.cos(a), y + n * math.sin(a))
            cd.line([(x, y), end], fill=rng.randint(95, 115), width=3)
            cd.line([(x + 3, y + 3), (end[0] + 3, end[1] + 3)], fill=rng.randint(140, 160), width=3)
        light = ImageChops.add(light, crinkle.filter(ImageFilter.GaussianBlur(1.5)), 1.0, -128)
    return add_signed(img, light).convert("RGBA")


def torn_alpha(rng: random.Random, size, rough=3.0, corner_tear=0.0) -> Image.Image:
    w, h = size
    pts = []
    for side in range(4):
        n = 40
        for i in range(n):
            t = i / n
            x, y = [(t * w, 0), (w, t * h), (w - t * w, h), (0, h - t * h)][side]
            pts.append((x + rng.uniform(-rough, rough), y + rng.uniform(-rough, rough)))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(pts, fill=255)
    if corner_tear:
        c = corner_tear * min(w, h)
        ImageDraw.Draw(mask).polygon(
            [(w, h - c), (w, h), (w - c * 1.3, h), (w - c * 0.6, h - c * 0.4)], fill=0
        )
    return mask


def tape(rng: random.Random, layer: Image.Image, corners=(0, 1, 2, 3)) -> None:
    w, h = layer.size
    for corner in corners:
        cx, cy = [(0, 0), (w, 0), (w, h), (0, h)][corner]
        piece = Image.new("RGBA", (int(w * 0.22), int(w * 0.07)), (236, 232, 215, 120))
        piece = piece.rotate(rng.choice((-1, 1)) * rng.uniform(35, 55), _BICUBIC, expand=True)
        layer.alpha_composite(
            piece, (max(0, int(cx - piece.width / 2)), max(0, int(cy - piece.height / 2)))
        )


# --------------------------------------------------------------------------- ads


def flyer(
    rng,
    size,
    colour,
    lines,
    phone_lines,
    *,
    creases=2,
    crumple=0.0,
    tear_offs=None,
    torn=0.0,
    border=None,
):
    """A printed leaflet: headline lines, the number big, optional tear-off strips."""
    w, h = size
    img = paper(rng, size, colour, creases, crumple)
    d = ImageDraw.Draw(img)
    y = h * 0.05
    if border:
        d.rectangle(
            (w * 0.03, h * 0.025, w * 0.97, h * 0.975), outline=border, width=max(4, w // 90)
        )
    body_h = h * (0.72 if tear_offs else 0.93)
    for text, kind, rel, fill in lines:
        fnt = fit_font(kind, text, w * 0.86, int(w * rel))
        y = centred(d, y, text, fnt, fill, w) + h * 0.025
    for text, kind, rel, fill in phone_lines:
        fnt = fit_font(kind, text, w * 0.9, int(w * rel))
        y = centred(d, y + h * 0.01, text, fnt, fill, w) + h * 0.03
    if tear_offs:
        number, count = tear_offs
        top = body_h
        strip_w = w / count
        fnt = fit_font("condensed", number, (h - top) * 0.88, int(strip_w * 0.62))
        for i in range(count):
            x0 = i * strip_w
            d.line([(x0, top), (x0, h)], fill=(90, 90, 90), width=2)
            if i in (1, count - 2) and torn:
                d.rectangle((x0 + 2, top + 6, x0 + strip_w, h), fill=(0, 0, 0, 0))
                continue
            label = Image.new("RGBA", (int(h - top), int(strip_w)), (0, 0, 0, 0))
            ImageDraw.Draw(label).text((6, strip_w * 0.14), number, font=fnt, fill=(20, 20, 20))
            img.alpha_composite(label.rotate(90, expand=True), (int(x0), int(top)))
        d.line([(0, top), (w, top)], fill=(80, 80, 80), width=2)
    img.putalpha(ImageChops.multiply(img.getchannel("A"), torn_alpha(rng, size, 2.5, torn)))
    return img


def sticker(rng, size, bg, lines, *, scraped=0.0, gloss=True):
    """A small printed sticker: coloured ground, bold words, the number in a band."""
    w, h = size
    img = Image.new("RGBA", size, bg)
    img = Image.alpha_composite(img, paper(rng, size, bg, 0, 0.0))
    d = ImageDraw.Draw(img)
    y = h * 0.08
    for text, kind, rel, fill, band in lines:
        fnt = fit_font(kind, text, w * 0.9, int(h * rel))
        box = d.textbbox((0, 0), text, font=fnt)
        if band:
            d.rectangle((0, y - h * 0.03, w, y + box[3] - box[1] + h * 0.03), fill=band)
        y = centred(d, y, text, fnt, fill, w) + h * 0.07
    if gloss:
        sheen = Image.linear_gradient("L").resize(size).rotate(rng.uniform(20, 70))
        sheen = sheen.point(lambda v: max(0, v - 200) * 2)
        img = Image.alpha_composite(
            img, Image.merge("RGBA", (sheen, sheen, sheen, sheen.point(lambda v: v // 2)))
        )
    alpha = torn_alpha(rng, size, 1.5)
    if scraped:
        scrape = smooth_noise(rng, size, 25, 60).point(
            lambda v: 0 if v > 128 + 60 * (1 - scraped) else 255
        )
        alpha = ImageChops.multiply(alpha, scrape)
    img.putalpha(ImageChops.multiply(img.getchannel("A"), alpha))
    return img


def stencil_mask(text, kind, size_px, bridges=True) -> Image.Image:
    fnt = font(kind, size_px)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    box = probe.textbbox((0, 0), text, font=fnt)
    mask = Image.new("L", (box[2] + 20, box[3] + 20))
    d = ImageDraw.Draw(mask)
    d.text((10, 10), text, font=fnt, fill=255)
    if bridges:  # the ties that hold a stencil's islands: thin gaps across each glyph
        x = 10.0
        for ch in text:
            cw = probe.textlength(ch, font=fnt)
            if ch in "0689ABDOPQR":
                mid = x + cw / 2
                d.rectangle((mid - size_px * 0.035, 0, mid + size_px * 0.035, mask.height), fill=0)
            x += cw
    return mask


def paint(
    rng, wall: Image.Image, mask: Image.Image, pos, colour, *, overspray=0.5, drips=0, blur=1.0
):
    """Spray paint through ``mask`` onto the wall: soft edges, mist, speckles, runs."""
    x0, y0 = pos
    m = mask.filter(ImageFilter.GaussianBlur(blur))
    mist = mask.filter(ImageFilter.GaussianBlur(mask.height * 0.06)).point(
        lambda v: int(v * overspray * 0.6)
    )
    speck = Image.frombytes("L", mask.size, rng.randbytes(mask.width * mask.height)).point(
        lambda v: 255 if v > 250 else 0
    )
    speck = ImageChops.multiply(
        speck,
        mask.filter(ImageFilter.GaussianBlur(mask.height * 0.1)).point(lambda v: min(255, v * 3)),
    )
    alpha = ImageChops.lighter(ImageChops.lighter(m, mist), speck)
    if drips:
        d = ImageDraw.Draw(alpha)
        bbox = mask.getbbox() or (0, 0, mask.width, mask.height)
        for _ in range(drips):
            for _try in range(30):
                x = rng.randint(bbox[0], bbox[2] - 1)
                y = rng.randint(bbox[1], bbox[3] - 1)
                if mask.getpixel((x, y)) > 200:
                    break
            length = rng.uniform(0.1, 0.6) * mask.height
            d.line([(x, y), (x, y + length)], fill=210, width=rng.randint(2, 4))
            d.ellipse((x - 3, y + length - 3, x + 3, y + length + 4), fill=210)
    # Paint soaks into the wall's texture: a little alpha noise.
    alpha = ImageChops.multiply(
        alpha, gauss_noise(rng, mask.size, 25).point(lambda v: min(255, v + 110))
    )
    layer = Image.new("RGBA", mask.size, colour)
    layer.putalpha(alpha)
    wall.alpha_composite(layer, (int(x0), int(y0)))
    bx0, by0, bx1, by1 = mask.getbbox() or (0, 0, 1, 1)
    return (x0 + bx0, y0 + by0, x0 + bx1, y0 + by1)


def union(*boxes):
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# --------------------------------------------------------------------------- surfaces


def wall(rng, size, colour, *, stains=6, cracks=3, scraps=4) -> Image.Image:
    img = texture(rng, size, colour).convert("RGBA")
    w, h = size
    d = ImageDraw.Draw(img)
    dirt = Image.new("L", size, 0)
    dd = ImageDraw.Draw(dirt)
    for _ in range(stains):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.03, 0.15) * w
        dd.ellipse((x - r, y - r * rng.uniform(0.5, 2), x + r, y + r), fill=rng.randint(40, 110))
    for _ in range(stains // 2):  # rain streaks from the top
        x = rng.uniform(0, w)
        dd.rectangle(
            (x, 0, x + rng.uniform(5, 30), rng.uniform(0.2, 0.9) * h), fill=rng.randint(30, 70)
        )
    dirt = dirt.filter(ImageFilter.GaussianBlur(25))
    grime = Image.new("RGBA", size, (60, 52, 40, 0))
    grime.putalpha(dirt)
    img.alpha_composite(grime)
    for _ in range(cracks):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        pts = [(x, y)]
        for _ in range(rng.randint(5, 12)):
            x += rng.uniform(-40, 40)
            y += rng.uniform(10, 50)
            pts.append((x, y))
        d.line(pts, fill=(70, 65, 55, 200), width=2)
    for _ in range(scraps):  # remains of older ads torn off
        sw, sh = rng.randint(60, 220), rng.randint(40, 160)
        scrap = paper(rng, (sw, sh), _vary(rng, (225, 222, 210), 20), 0, 0.5)
        sd = ImageDraw.Draw(scrap)
        for _ in range(rng.randint(0, 3)):
            ty = rng.randint(0, sh)
            sd.text(
                (rng.randint(-20, sw // 2), ty),
                rng.choice(("09", "VAY", "LH", "03", "HÚT")),
                font=font("sans", rng.randint(18, 40)),
                fill=_vary(rng, (40, 40, 60), 30),
            )
        scrap.putalpha(ImageChops.multiply(scrap.getchannel("A"), torn_alpha(rng, (sw, sh), 12)))
        img.alpha_composite(
            scrap.rotate(rng.uniform(-30, 30), _BICUBIC, expand=True),
            (rng.randint(0, w - 100), rng.randint(0, h - 100)),
        )
    return img


def street(rng, size) -> Image.Image:
    """A blurred street behind a pole: sky, shop fronts, motorbikes as colour blobs."""
    w, h = size
    img = Image.new("RGB", size, _vary(rng, (170, 180, 185), 20))
    d = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.uniform(-100, w), rng.uniform(h * 0.2, h)
        d.rectangle(
            (x, y, x + rng.uniform(60, 400), y + rng.uniform(60, 500)),
            fill=_vary(
                rng,
                rng.choice(
                    (
                        (180, 60, 50),
                        (60, 90, 140),
                        (200, 190, 160),
                        (70, 70, 70),
                        (40, 110, 60),
                        (220, 200, 80),
                    )
                ),
                30,
            ),
        )
    return add_signed(img.filter(ImageFilter.GaussianBlur(35)), gauss_noise(rng, size, 4)).convert(
        "RGBA"
    )


def pole(rng, size, x0, x1) -> Image.Image:
    img = street(rng, size)
    h = size[1]
    concrete = texture(
        rng, (x1 - x0, h), _vary(rng, (150, 148, 140), 10), ((80, 14), (20, 10), (4, 10), (1, 10))
    ).convert("RGBA")
    concrete = cylinder(concrete, 1.3)
    img.alpha_composite(concrete, (x0, 0))
    return img


def shutter(rng, size, colour) -> Image.Image:
    w, h = size
    img = texture(rng, size, colour, ((200, 10), (30, 6), (1, 5)))
    pitch = rng.randint(34, 48)
    ridge = Image.new("L", (1, pitch))
    for y in range(pitch):
        t = y / pitch
        ridge.putpixel(
            (0, y), round(128 + 48 * math.sin(2 * math.pi * t) + (30 if t < 0.08 else 0))
        )
    ridge = ridge.resize((1, pitch * 8), _BICUBIC).crop((0, 0, 1, pitch * 8))
    bands = Image.new("L", (1, h))
    for y in range(0, h, pitch * 8):
        bands.paste(ridge, (0, y))
    bands = bands.resize((w, h)).filter(ImageFilter.GaussianBlur(1))
    img = add_signed(img, bands)
    rust = smooth_noise(rng, size, 50, 60).point(lambda v: max(0, v - 170) * 3)
    rust_layer = Image.new("RGB", size, (130, 70, 35))
    img = Image.composite(rust_layer, img, rust)
    return img.convert("RGBA")


# --------------------------------------------------------------------------- camera


@dataclass
class Camera:
    tilt: float = 0.06  # keystone: how far the corners move, share of the frame
    roll: float = 0.0  # degrees the phone is turned
    margin: float = 1.3  # frame size over the ad's size
    light: float = 0.35  # strength of the uneven light
    shadow: float = 0.0  # a soft cast shadow across the frame
    glare: float = 0.0  # specular highlight strength
    defocus: float = 0.0  # Gaussian blur radius, output pixels
    shake: float = 0.0  # motion blur length, output pixels
    noise: float = 5.0  # sensor noise, grey levels
    chroma: int = 1  # chromatic shift, pixels
    vignette: float = 0.25
    quality: int = 80
    recompress: bool = False  # sent through a chat app: resized and compressed again
    size: tuple[int, int] = (1280, 960)


def radial(size, centre, radius, power=2.0) -> Image.Image:
    """255 at the centre falling to 0 at ``radius`` (an ellipse given as (rx, ry))."""
    w, h = size
    small = Image.new("L", (w // 8 + 1, h // 8 + 1))
    cx, cy = centre[0] / 8, centre[1] / 8
    rx, ry = radius[0] / 8, radius[1] / 8
    small.putdata(
        [
            round(255 * max(0.0, 1 - math.hypot((x - cx) / rx, (y - cy) / ry)) ** power)
            for y in range(small.height)
            for x in range(small.width)
        ]
    )
    return small.resize(size, _BICUBIC)


def _light_map(rng, size, cam: Camera) -> Image.Image:
    w, h = size
    grad = Image.linear_gradient("L").rotate(rng.uniform(0, 360), _BICUBIC, expand=True)
    inner = 256 * 0.34  # inside the turned square: no empty corners
    grad = grad.crop(
        (
            round(grad.width / 2 - inner),
            round(grad.height / 2 - inner),
            round(grad.width / 2 + inner),
            round(grad.height / 2 + inner),
        )
    )
    grad = grad.resize(size, _BICUBIC)
    low = 1 - cam.light
    light = grad.point(lambda v: round(255 * (low + (1 - low) * v / 255)))
    if cam.shadow:
        mask = Image.new("L", size, 0)
        x = rng.uniform(0.2, 0.7) * w
        ImageDraw.Draw(mask).polygon(
            [(x, 0), (w, 0), (w, h), (x + rng.uniform(-0.3, 0.3) * w, h)],
            fill=round(255 * cam.shadow),
        )
        mask = mask.filter(ImageFilter.GaussianBlur(w * 0.03))
        light = ImageChops.subtract(light, mask)
    return light


def _motion(img: Image.Image, length: float, angle: float) -> Image.Image:
    steps = max(2, round(length))
    out = img
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    for i in range(1, steps):
        t = i / (steps - 1) - 0.5
        shifted = ImageChops.offset(img, round(t * length * dx), round(t * length * dy))
        out = Image.blend(out, shifted, 1 / (i + 1))
    return out


def shoot(rng: random.Random, scene: Image.Image, cam: Camera, focus) -> bytes:
    """The scene as a phone photographs it, framed round ``focus`` (a box), as JPEG."""
    sw, sh = scene.size
    ow, oh = cam.size
    x0, y0, x1, y1 = focus
    free = 1 - 2 * cam.tilt * 1.5
    grow = cam.margin + 2 * cam.tilt  # the keystone pulls corners in by up to tilt
    view_w = max((x1 - x0) * grow, (y1 - y0) * grow * ow / oh)
    a = math.radians(cam.roll)
    ext_w = abs(math.cos(a)) + abs(math.sin(a)) * oh / ow  # turned frame's extent per view_w
    ext_h = abs(math.sin(a)) + abs(math.cos(a)) * oh / ow
    view_w = min(view_w, sw * free / ext_w, sh * free / ext_h)
    view_h = view_w * oh / ow
    fx = (x0 + x1) / 2 + rng.uniform(-0.04, 0.04) * view_w
    fy = (y0 + y1) / 2 + rng.uniform(-0.04, 0.04) * view_h
    half_w = view_w * (ext_w / 2 + cam.tilt)
    half_h = view_w * (ext_h / 2 + cam.tilt)
    fx = min(max(fx, half_w), sw - half_w)
    fy = min(max(fy, half_h), sh - half_h)
    quad = tilted_quad(rng, (fx, fy), (view_w, view_h), cam.roll, cam.tilt)
    coeffs = perspective_coeffs([(0, 0), (ow, 0), (ow, oh), (0, oh)], quad)
    # Render at twice the size, then shrink: the lens and sensor average neighbours.
    big = scene.convert("RGB").transform(
        (ow * 2, oh * 2),
        Image.Transform.PERSPECTIVE,
        [c for c in _scale_coeffs(coeffs, 0.5)],
        _BICUBIC,
    )
    img = big.resize((ow, oh), Image.Resampling.LANCZOS)
    light = _light_map(rng, img.size, cam)
    img = ImageChops.multiply(img, Image.merge("RGB", (light,) * 3))
    img = ImageEnhance.Brightness(img).enhance(1 + cam.light * 0.5)
    if cam.glare:
        gx, gy = rng.uniform(0.3, 0.7) * ow, rng.uniform(0.3, 0.7) * oh
        blob = radial(
            img.size, (gx, gy), (ow * rng.uniform(0.12, 0.25), oh * rng.uniform(0.1, 0.2)), 1.5
        )
        blob = blob.point(lambda v: round(v * cam.glare))
        img = ImageChops.screen(
            img, Image.merge("RGB", (blob, blob, blob.point(lambda v: v * 9 // 10)))
        )
    if cam.defocus:
        img = img.filter(ImageFilter.GaussianBlur(cam.defocus))
    if cam.shake:
        img = _motion(img, cam.shake, rng.uniform(0, 180))
    if cam.chroma:
        r, g, b = img.split()
        img = Image.merge(
            "RGB", (ImageChops.offset(r, cam.chroma, 0), g, ImageChops.offset(b, -cam.chroma, 1))
        )
    if cam.vignette:
        v = radial(img.size, (ow / 2, oh / 2), (ow * 0.85, oh * 0.85), 0.6)
        v = v.point(lambda x: round(255 * (1 - cam.vignette + cam.vignette * x / 255)))
        img = ImageChops.multiply(img, Image.merge("RGB", (v, v, v)))
    # Sensor noise: luminance, and coarser chroma blotches as a phone's denoiser leaves.
    img = add_signed(img, gauss_noise(rng, img.size, cam.noise))
    chroma = [smooth_noise(rng, img.size, 3, cam.noise * 0.6) for _ in range(3)]
    img = ImageChops.add(img, Image.merge("RGB", chroma), 1.0, -128)
    img = img.filter(ImageFilter.UnsharpMask(radius=2, percent=70, threshold=2))
    return _jpeg(img, cam)


def _scale_coeffs(c, s):
    # out coords are scaled by 1/s: x_out_big = x_out / s
    a, b, cc, d, e, f, g, h = c
    return [a * s, b * s, cc, d * s, e * s, f, g * s, h * s]


def _jpeg(img: Image.Image, cam: Camera) -> bytes:
    quality = cam.quality
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, subsampling=2, optimize=True)
        data = buf.getvalue()
        if cam.recompress:
            again = Image.open(io.BytesIO(data))
            again = again.resize(
                (round(again.width * 0.8), round(again.height * 0.8)), Image.Resampling.BILINEAR
            )
            buf = io.BytesIO()
            again.save(buf, "JPEG", quality=max(40, quality - 15), subsampling=2)
            data = buf.getvalue()
        if len(data) <= MAX_BYTES or quality <= 40:
            return data
        quality -= 5


# --------------------------------------------------------------------------- scenes


@dataclass
class Photo:
    file: str
    numbers: list[str]
    what: str
    easy: bool  # clear enough that the OCR must always read it (tests/test_ocr_field.py)
    build: object = field(repr=False)


def _scene_on_wall(
    rng,
    ad,
    *,
    colour,
    angle,
    scale=1.0,
    pos=(0.5, 0.5),
    size=(2600, 2000),
    stains=6,
    shadow_offset=6,
):
    img = wall(rng, size, colour, stains=stains)
    w, h = size
    aw, ah = ad.width * scale, ad.height * scale
    cx, cy = pos[0] * w, pos[1] * h
    quad = tilted_quad(rng, (cx, cy), (aw, ah), angle, 0.01)
    layer, at = warp_layer(ad, quad)
    shade = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shade.putalpha(
        layer.getchannel("A").point(lambda v: v * 2 // 5).filter(ImageFilter.GaussianBlur(5))
    )
    img.alpha_composite(shade, (at[0] + shadow_offset, at[1] + shadow_offset))
    img.alpha_composite(layer, at)
    return img, (at[0], at[1], at[0] + layer.width, at[1] + layer.height)


def _cables(rng, img: Image.Image, count: int, width=(6, 12)) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img)
    for _ in range(count):
        y0, y1 = rng.uniform(0.1, 0.9) * h, rng.uniform(0.1, 0.9) * h
        sag = rng.uniform(20, 120)
        pts = [
            (x, y0 + (y1 - y0) * x / w + sag * math.sin(math.pi * x / w))
            for x in range(0, w + 50, 50)
        ]
        wd = rng.randint(*width)
        d.line(pts, fill=(25, 25, 25, 255), width=wd)
        d.line([(x, y - wd / 3) for x, y in pts], fill=(80, 80, 80, 255), width=max(1, wd // 4))


RED, BLUE, BLACK, NAVY = (200, 20, 25), (20, 50, 170), (20, 20, 22), (15, 30, 90)


def a4_taped(rng):
    ad = flyer(
        rng,
        (840, 1188),
        (246, 246, 240),
        [
            ("CHO VAY TIỀN NHANH", "sans", 0.085, RED),
            ("Giải ngân trong 30 phút", "sans", 0.06, BLACK),
            ("Chỉ cần CCCD gắn chip", "serif", 0.055, BLACK),
            ("Không thẩm định - Bảo mật", "serif", 0.055, BLACK),
        ],
        [("LH: 0912.345.678", "sans", 0.12, BLUE)],
        creases=2,
    )
    tape(rng, ad)
    scene, focus = _scene_on_wall(
        rng, ad, colour=(214, 196, 140), angle=rng.uniform(-3, 3), scale=1.1
    )
    return scene, focus, Camera(tilt=0.04, roll=2, light=0.25, noise=4)


def a5_glare(rng):
    ad = flyer(
        rng,
        (620, 880),
        (244, 226, 90),
        [
            ("HÚT HẦM CẦU", "sans", 0.13, RED),
            ("Thông cống nghẹt", "sans", 0.08, BLACK),
            ("Giá rẻ - Có mặt sau 15 phút", "serif", 0.065, BLACK),
        ],
        [("0935 602 213", "sans", 0.14, BLACK)],
        creases=1,
    )
    tape(rng, ad, (0, 1))
    scene, focus = _scene_on_wall(
        rng, ad, colour=(190, 190, 182), angle=rng.uniform(-5, 5), scale=1.4
    )
    return scene, focus, Camera(tilt=0.05, roll=-3, glare=0.85, light=0.3, noise=5)


def tear_off(rng):
    ad = flyer(
        rng,
        (760, 1075),
        (250, 250, 250),
        [
            ("CHO THUÊ PHÒNG TRỌ", "sans", 0.08, NAVY),
            ("Có gác, wifi, giờ giấc tự do", "serif", 0.055, BLACK),
            ("Gần chợ, an ninh", "serif", 0.055, BLACK),
        ],
        [("0986.111.247", "sans", 0.12, RED)],
        tear_offs=("0986111247", 9),
        torn=0.08,
        creases=1,
    )
    tape(rng, ad, (0, 1))
    scene, focus = _scene_on_wall(
        rng, ad, colour=(170, 182, 170), angle=rng.uniform(-2, 2), scale=1.25
    )
    return scene, focus, Camera(tilt=0.07, roll=1, light=0.35, noise=6)


def _sticker_on_pole(rng, stickers, *, size=(1800, 2000), x0=600, x1=1200):
    img = pole(rng, size, x0, x1)
    h = size[1]
    boxes = []
    for ad, (rel_y, turn) in stickers:
        ad = cylinder(ad, 0.9 * ad.width / (x1 - x0))
        quad = tilted_quad(
            rng, ((x0 + x1) / 2 + rng.uniform(-20, 20), rel_y * h), ad.size, turn, 0.005
        )
        layer, at = warp_layer(ad, quad)
        img.alpha_composite(layer, at)
        boxes.append((at[0], at[1], at[0] + layer.width, at[1] + layer.height))
    return img, union(*boxes)


def pole_red(rng):
    ad = sticker(
        rng,
        (480, 300),
        (250, 250, 248),
        [
            ("KHOAN CẮT BÊ TÔNG", "condensed", 0.16, RED, None),
            ("0973.616.090", "sans", 0.24, (255, 255, 255), RED),
        ],
        scraped=0.05,
    )
    scene, focus = _sticker_on_pole(rng, [(ad, (0.45, rng.uniform(-4, 4)))])
    return (
        scene,
        focus,
        Camera(tilt=0.05, roll=-2, light=0.3, noise=6, size=(960, 1280), margin=2.0),
    )


def pole_many(rng):
    a = sticker(
        rng,
        (460, 280),
        (255, 230, 0),
        [
            ("SỬA MÁY LẠNH", "condensed", 0.17, BLACK, None),
            ("0908 456 123", "sans", 0.22, RED, None),
        ],
        scraped=0.1,
    )
    b = sticker(
        rng,
        (470, 260),
        (250, 250, 250),
        [
            ("VAY TIỀN GÓP", "condensed", 0.2, BLUE, None),
            ("0377 889 012", "sans", 0.24, (255, 255, 255), BLUE),
        ],
        scraped=0.0,
    )
    c = sticker(
        rng,
        (440, 260),
        (235, 235, 235),
        [("HÚT BỂ PHỐT", "condensed", 0.2, RED, None), ("0912 000 ...", "sans", 0.24, BLACK, None)],
        scraped=0.55,
    )
    scene, focus = _sticker_on_pole(rng, [(c, (0.25, 8)), (a, (0.42, -5)), (b, (0.58, 3))])
    return scene, focus, Camera(tilt=0.06, roll=3, light=0.4, noise=7, size=(960, 1280), margin=2.0)


def stencil_black(rng):
    img = wall(rng, (2800, 1900), (200, 196, 185), stains=10, scraps=2)
    a = paint(
        rng,
        img,
        stencil_mask("KHOAN CẮT BÊ TÔNG", "condensed", 150),
        (260, 430),
        (25, 25, 28, 255),
        overspray=0.5,
        drips=4,
    )
    b = paint(
        rng,
        img,
        stencil_mask("0903 123 456", "condensed", 210),
        (300, 700),
        (25, 25, 28, 255),
        overspray=0.6,
        drips=6,
    )
    return img, union(a, b), Camera(tilt=0.07, roll=-4, light=0.35, noise=6)


def spray_shutter(rng):
    img = shutter(rng, (2600, 1800), (120, 130, 140))
    layer = Image.new("RGBA", (1700, 420), (0, 0, 0, 0))
    wobbly_text(
        rng, layer, (90, 40), "0868 555 121", "marker", 230, (255, 255, 255, 255), wobble=1.3
    )
    a = paint(
        rng,
        img,
        layer.getchannel("A"),
        (200, 620),
        (200, 30, 30, 255),
        overspray=0.9,
        drips=9,
        blur=2.5,
    )
    layer = Image.new("RGBA", (1700, 300), (0, 0, 0, 0))
    wobbly_text(
        rng, layer, (220, 30), "HUT HAM CAU", "marker", 150, (255, 255, 255, 255), wobble=1.2
    )
    b = paint(
        rng,
        img,
        layer.getchannel("A"),
        (200, 330),
        (200, 30, 30, 255),
        overspray=0.9,
        drips=5,
        blur=2.5,
    )
    return img, union(a, b), Camera(tilt=0.06, roll=2, light=0.4, noise=6)


def marker_wall(rng):
    img = wall(rng, (2600, 1800), (236, 230, 205), stains=4, scraps=3)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    wobbly_text(rng, layer, (330, 560), "NHAN CHO HANG", "marker", 130, (20, 20, 60, 255))
    wobbly_text(rng, layer, (300, 800), "0977 24 36 58", "marker", 190, (20, 20, 60, 255))
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    img.alpha_composite(layer)
    a = layer.getbbox()
    return img, a, Camera(tilt=0.05, roll=-6, light=0.45, shadow=0.35, noise=6)


def shutter_white(rng):
    img = shutter(rng, (2600, 1800), (50, 90, 150))
    a = paint(
        rng,
        img,
        stencil_mask("SỬA ĐIỆN NƯỚC", "sans", 150, bridges=False),
        (350, 450),
        (245, 245, 240, 255),
        overspray=0.3,
        drips=3,
    )
    b = paint(
        rng,
        img,
        stencil_mask("0909.777.313", "sans", 200, bridges=False),
        (250, 720),
        (245, 245, 240, 255),
        overspray=0.3,
        drips=5,
    )
    return img, union(a, b), Camera(tilt=0.08, roll=3, light=0.3, glare=0.4, noise=5)


def crumpled_dim(rng):
    ad = flyer(
        rng,
        (840, 1188),
        (240, 240, 232),
        [
            ("THU MUA PHẾ LIỆU", "sans", 0.085, BLACK),
            ("Sắt, nhôm, đồng, giấy vụn", "serif", 0.06, BLACK),
            ("Giá cao - Đến tận nơi", "serif", 0.06, BLACK),
        ],
        [("0376-322-354", "sans", 0.12, RED)],
        creases=4,
        crumple=1.0,
    )
    scene, focus = _scene_on_wall(
        rng, ad, colour=(150, 150, 140), angle=rng.uniform(-6, 6), scale=1.1
    )
    return scene, focus, Camera(tilt=0.05, roll=4, light=0.6, noise=12, quality=72, chroma=2)


def shaky_a5(rng):
    ad = flyer(
        rng,
        (620, 880),
        (250, 200, 215),
        [("NHẬN GIỮ TRẺ", "sans", 0.11, NAVY), ("Tại nhà - Giờ linh hoạt", "serif", 0.07, BLACK)],
        [("0945 218 660", "sans", 0.14, RED)],
        creases=1,
    )
    tape(rng, ad, (0, 1, 2, 3))
    scene, focus = _scene_on_wall(
        rng, ad, colour=(225, 225, 218), angle=rng.uniform(-3, 3), scale=1.5
    )
    return scene, focus, Camera(tilt=0.04, roll=-2, light=0.3, shake=7, noise=5)


def defocus_sticker(rng):
    ad = sticker(
        rng,
        (520, 320),
        (40, 120, 60),
        [
            ("ĐÁO HẠN NGÂN HÀNG", "condensed", 0.15, (255, 255, 255), None),
            ("0389 456 789", "sans", 0.25, (255, 240, 0), None),
        ],
    )
    scene, focus = _sticker_on_pole(rng, [(ad, (0.5, rng.uniform(-6, 6)))])
    return (
        scene,
        focus,
        Camera(tilt=0.05, roll=1, light=0.3, defocus=2.2, noise=5, size=(960, 1280), margin=2.0),
    )


def steep_stencil(rng):
    img = wall(rng, (3600, 2400), (215, 205, 170), stains=8, scraps=2)
    a = paint(
        rng,
        img,
        stencil_mask("ĐT: 0918 272 727", "condensed", 200),
        (560, 800),
        (190, 25, 25, 255),
        overspray=0.5,
        drips=3,
    )
    return img, a, Camera(tilt=0.11, roll=-2, light=0.4, noise=5)


def rotated_creased(rng):
    ad = flyer(
        rng,
        (700, 990),
        (250, 250, 245),
        [
            ("CẦN BÁN NHÀ", "sans", 0.11, RED),
            ("Hẻm xe hơi, sổ hồng riêng", "serif", 0.06, BLACK),
            ("Chính chủ", "serif", 0.065, BLACK),
        ],
        [("0903.86.86.68", "sans", 0.12, NAVY)],
        creases=5,
        crumple=0.4,
        border=RED,
    )
    tape(rng, ad, (0, 1, 3))
    scene, focus = _scene_on_wall(
        rng, ad, colour=(180, 200, 210), angle=rng.uniform(-8, -5), scale=1.3
    )
    return scene, focus, Camera(tilt=0.05, roll=14, light=0.3, noise=5)


def cables_flyer(rng):
    ad = flyer(
        rng,
        (760, 1075),
        (246, 246, 238),
        [
            ("DẠY KÈM TẠI NHÀ", "sans", 0.085, BLUE),
            ("Toán - Lý - Hóa - Tiếng Anh", "serif", 0.06, BLACK),
        ],
        [("0962 345 109", "sans", 0.13, RED)],
        creases=2,
    )
    tape(rng, ad)
    scene, focus = _scene_on_wall(
        rng, ad, colour=(205, 190, 160), angle=rng.uniform(-3, 3), scale=1.2
    )
    _cables(rng, scene, 3)
    return scene, focus, Camera(tilt=0.05, roll=-3, light=0.35, shadow=0.3, noise=6)


def cardboard_hand(rng):
    board = paper(rng, (1200, 640), (190, 150, 105), creases=1, crumple=0.3)
    wobbly_text(
        rng, board, (70, 170), "Cần sang quán gấp", "hand", 110, (15, 15, 20, 255), wobble=0.8
    )
    wobbly_text(
        rng, board, (90, 420), "LH 0913 46 72 19", "hand", 135, (15, 15, 20, 255), wobble=0.8
    )
    board.putalpha(torn_alpha(rng, board.size, 6))
    scene, focus = _scene_on_wall(
        rng, board, colour=(120, 120, 115), angle=rng.uniform(-4, 4), scale=1.4, stains=3
    )
    return scene, focus, Camera(tilt=0.06, roll=2, light=0.4, noise=7, recompress=True, quality=78)


def two_numbers(rng):
    ad = flyer(
        rng,
        (840, 1188),
        (255, 252, 235),
        [
            ("CHUYỂN NHÀ TRỌN GÓI", "sans", 0.08, RED),
            ("Xe tải nhỏ - Bốc xếp", "serif", 0.06, BLACK),
            ("Phục vụ 24/24", "serif", 0.06, BLACK),
        ],
        [("0912 888 404", "sans", 0.11, NAVY), ("0393 220 551", "sans", 0.11, NAVY)],
        creases=2,
    )
    tape(rng, ad, (0, 1))
    scene, focus = _scene_on_wall(
        rng, ad, colour=(200, 200, 195), angle=rng.uniform(-3, 3), scale=1.15
    )
    return scene, focus, Camera(tilt=0.05, roll=-1, light=0.3, noise=5)


def faded_sticker(rng):
    ad = sticker(
        rng,
        (500, 300),
        (240, 225, 210),
        [
            ("CHO VAY", "condensed", 0.2, (215, 120, 115), None),
            ("0868 234 579", "sans", 0.25, (120, 130, 175), None),
        ],
        scraped=0.15,
        gloss=False,
    )
    scene, focus = _scene_on_wall(
        rng, ad, colour=(195, 185, 165), angle=rng.uniform(-5, 5), scale=1.8, shadow_offset=1
    )
    return scene, focus, Camera(tilt=0.06, roll=-2, light=0.35, noise=6)


def landline_night(rng):
    ad = flyer(
        rng,
        (760, 1075),
        (245, 245, 245),
        [
            ("TUYỂN NHÂN VIÊN", "sans", 0.09, RED),
            ("Bán hàng - Lương 8 triệu", "serif", 0.06, BLACK),
        ],
        [("ĐT: 024 3773 6688", "sans", 0.1, BLACK)],
        creases=2,
    )
    tape(rng, ad)
    scene, focus = _scene_on_wall(
        rng, ad, colour=(170, 160, 150), angle=rng.uniform(-3, 3), scale=1.2
    )
    return (
        scene,
        focus,
        Camera(tilt=0.05, roll=2, light=0.7, noise=14, quality=70, chroma=2, glare=0.5),
    )


def compact_format(rng):
    ad = sticker(
        rng,
        (560, 300),
        (255, 255, 255),
        [("SIM SỐ ĐẸP", "condensed", 0.2, RED, None), ("0965393939", "mono", 0.22, BLACK, None)],
        gloss=True,
    )
    scene, focus = _scene_on_wall(
        rng, ad, colour=(222, 210, 180), angle=rng.uniform(-4, 4), scale=1.7
    )
    return (
        scene,
        focus,
        Camera(tilt=0.08, roll=-5, light=0.35, glare=0.6, noise=6, quality=75, recompress=True),
    )


PHOTOS = [
    Photo(
        "a4-taped-wall.jpg",
        ["0912.345.678"],
        "A4 flyer taped on a painted wall, mild angle",
        True,
        a4_taped,
    ),
    Photo(
        "a5-yellow-glare.jpg",
        ["0935 602 213"],
        "yellow A5 flyer under a strong glare",
        True,
        a5_glare,
    ),
    Photo(
        "tear-off-strips.jpg",
        ["0986.111.247"],
        "flyer with vertical tear-off strips, two torn off",
        True,
        tear_off,
    ),
    Photo(
        "pole-sticker-red.jpg",
        ["0973.616.090"],
        "sticker wrapped round a concrete pole",
        False,
        pole_red,
    ),
    Photo(
        "pole-three-stickers.jpg",
        ["0908 456 123", "0377 889 012"],
        "three stickers on a pole, the top one scraped off (its number is not readable)",
        False,
        pole_many,
    ),
    Photo(
        "stencil-black-wall.jpg",
        ["0903 123 456"],
        "black stencil spray on a stained wall",
        True,
        stencil_black,
    ),
    Photo(
        "spray-shutter-red.jpg",
        ["0868 555 121"],
        "freehand red spray on a steel shutter, drips",
        False,
        spray_shutter,
    ),
    Photo(
        "marker-wall.jpg",
        ["0977 24 36 58"],
        "marker handwriting on a wall, half in shadow",
        False,
        marker_wall,
    ),
    Photo(
        "shutter-white-paint.jpg",
        ["0909.777.313"],
        "white paint on a blue roller shutter, glare",
        False,
        shutter_white,
    ),
    Photo(
        "crumpled-dim.jpg",
        ["0376-322-354"],
        "crumpled flyer in dim uneven light, noisy",
        True,
        crumpled_dim,
    ),
    Photo("a5-pink-shake.jpg", ["0945 218 660"], "pink A5 flyer, camera shake", True, shaky_a5),
    Photo(
        "pole-sticker-defocus.jpg",
        ["0389 456 789"],
        "green sticker on a pole, out of focus",
        False,
        defocus_sticker,
    ),
    Photo(
        "stencil-steep-angle.jpg",
        ["0918 272 727"],
        "red stencil seen at a steep angle",
        False,
        steep_stencil,
    ),
    Photo(
        "flyer-rotated-creased.jpg",
        ["0903.86.86.68"],
        "creased flyer, phone turned 14°",
        False,
        rotated_creased,
    ),
    Photo(
        "flyer-behind-cables.jpg",
        ["0962 345 109"],
        "flyer behind electric cables, cast shadow",
        False,
        cables_flyer,
    ),
    Photo(
        "cardboard-handwritten.jpg",
        ["0913 46 72 19"],
        "handwritten cardboard sign, resent through a chat app",
        False,
        cardboard_hand,
    ),
    Photo(
        "flyer-two-numbers.jpg",
        ["0912 888 404", "0393 220 551"],
        "flyer with two numbers",
        True,
        two_numbers,
    ),
    Photo(
        "sticker-faded.jpg",
        ["0868 234 579"],
        "sun-faded, partly scraped sticker",
        False,
        faded_sticker,
    ),
    Photo(
        "landline-night.jpg",
        ["024 3773 6688"],
        "Hà Nội landline on a flyer, at night with flash glare",
        False,
        landline_night,
    ),
    Photo(
        "sticker-compact-number.jpg",
        ["0965393939"],
        "number without spaces, glossy sticker, resent",
        False,
        compact_format,
    ),
]


def build(photo: Photo, seed: int) -> bytes:
    rng = random.Random(seed)
    scene, focus, cam = photo.build(rng)
    return shoot(rng, scene, cam, focus)


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(argv)
    manifest = []
    for index, photo in enumerate(PHOTOS):
        seed = SEED + index
        if not only or photo.file in only:
            data = build(photo, seed)
            (OUT / photo.file).write_bytes(data)
            print(f"{photo.file}: {len(data) // 1000} kB")
        manifest.append(
            {
                "file": photo.file,
                "numbers": photo.numbers,
                "easy": photo.easy,
                "what": photo.what,
                "made": f"tools/field_photos.py, scene {photo.build.__name__}, seed {seed}",
                "licence": "the project's own: generated, no third-party photo, fonts in the tool",
            }
        )
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
