"""Draws the site's raster brand pictures from the favicon's shapes: the publisher logo that
structured data names, and the picture pages without one of their own are shared with.

    .venv/bin/python tools/draw_brand_images.py   # rewrites static/img/logo.png and share.png

and the home-screen icons the web app manifest names (static/icons/).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
ICONS = STATIC.parent / "icons"
TEAL, SAND, CORAL, INK = "#0f766e", "#f5efe6", "#e76f51", "#1e293b"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def mark(size):
    """The favicon's mark (a bending figure: an arc and a head) drawn at `size` pixels, smoothly."""
    scale = 4
    big = size * scale
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=14 * unit, fill=TEAL)
    draw.arc((14 * unit, 22 * unit, 50 * unit, 62 * unit), 200, 340, fill=SAND, width=round(7 * unit))
    draw.ellipse((26 * unit, 14 * unit, 38 * unit, 26 * unit), fill=CORAL)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def font(size, path=BOLD):
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size)


def share():
    image = Image.new("RGB", (1200, 630), SAND)
    image.paste(mark(220), (110, 205), mark(220))
    draw = ImageDraw.Draw(image)
    draw.text((380, 215), "Limber", font=font(120), fill=INK)
    draw.text((384, 365), "Stretching and back care, step by step", font=font(34, REGULAR), fill=TEAL)
    return image


def maskable(size):
    """The mark inside the safe zone a phone may crop to a circle (the middle 80%), on teal."""
    image = Image.new("RGB", (size, size), TEAL)
    inner = round(size * 0.7)
    image.paste(mark(inner), ((size - inner) // 2,) * 2, mark(inner))
    return image


if __name__ == "__main__":
    ICONS.mkdir(exist_ok=True)
    for size in (192, 512):
        mark(size).save(ICONS / f"icon-{size}.png", optimize=True)
    maskable(512).save(ICONS / "maskable-512.png", optimize=True)
    mark(512).save(STATIC / "logo.png", optimize=True)
    share().save(STATIC / "share.png", optimize=True)
    print("wrote", STATIC / "logo.png", STATIC / "share.png")
