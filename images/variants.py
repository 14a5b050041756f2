"""Pictures in several widths and two formats, made once when a picture is saved, never while a
page is served.

Each image field has a companion JSON field recording which file the variants were made from and
which exist, so templates can write srcset without touching the disk:

    {"name": "articles/hero.jpg", "widths": [480, 960, 1440], "webp": [480, 960, 1440, 2000]}

"widths" are the smaller JPEGs (the original is the largest JPEG); "webp" are WebP files of those
widths and of the full size. JSON written before WebP existed has no "webp": such pictures are
offered as JPEG only until `manage.py make_image_variants` runs.
"""

import io
import logging
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

WIDTHS = (480, 960, 1440)
JPEG_QUALITY = 82
WEBP_QUALITY = 80
WEBP_METHOD = 6  # the encoder's slowest, smallest: pictures are made once, at upload
log = logging.getLogger(__name__)


def variant_name(name, width, ext="jpg"):
    """'articles/hero-480w.jpg' (or .webp) beside 'articles/hero.jpg'."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.{ext}"))


def variant_names(variants):
    """Every file `variants` (a JSON field's value) says was made."""
    variants = variants or {}
    if not variants.get("name"):
        return []
    return [variant_name(variants["name"], w) for w in variants.get("widths", [])] + [
        variant_name(variants["name"], w, "webp") for w in variants.get("webp", [])
    ]


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _write(storage, name, data):
    if storage.exists(name):  # made before from the same picture (make_image_variants)
        storage.delete(name)
    storage.save(name, ContentFile(data))


def make_variants(field):
    """Write the smaller JPEG widths of `field`'s picture next to it, and WebP files of those
    widths and of the full size; return {"name", "widths", "webp"}."""
    storage = field.storage
    made, webp = [], []
    try:
        with storage.open(field.name, "rb") as source:
            image = Image.open(source)
            image.load()
        image = ImageOps.exif_transpose(image)
        # WebP keeps a transparent background; JPEG cannot.
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        full = image.convert("RGBA" if alpha else "RGB")
        for width in (*(w for w in WIDTHS if w < full.width), full.width):
            height = round(full.height * width / full.width)
            sized = full if width == full.width else full.resize((width, height), Image.Resampling.LANCZOS)
            if width != full.width:  # the original is the largest JPEG
                jpeg = _encode(sized.convert("RGB"), "JPEG", quality=JPEG_QUALITY, optimize=True)
                _write(storage, variant_name(field.name, width), jpeg)
                made.append(width)
            # PICTURE_WEBP_METHOD: the test settings trade size for speed (the demo is loaded often).
            method = getattr(settings, "PICTURE_WEBP_METHOD", WEBP_METHOD)
            webp_data = _encode(sized, "WEBP", quality=WEBP_QUALITY, method=method)
            _write(storage, variant_name(field.name, width, "webp"), webp_data)
            webp.append(width)
    except (OSError, ValueError) as error:  # a picture Pillow accepted at upload but cannot resize
        log.warning("No smaller widths for %s: %s", field.name, error)
    return {"name": field.name, "widths": made, "webp": webp}


def delete_variants(storage, variants, keep=()):
    for name in variant_names(variants):
        if name not in keep:
            storage.delete(name)


class ImageVariantsMixin:
    """For models with pictures: `image_variants = {"image field": "its JSON field"}`."""

    image_variants = {}

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        changed = {}
        for field_name, json_name in self.image_variants.items():
            field, variants = getattr(self, field_name), getattr(self, json_name) or {}
            current = field.name if field else ""
            if variants.get("name", "") == current:
                continue
            delete_variants(field.storage, variants)
            changed[json_name] = make_variants(field) if current else {}
        if changed:
            self._store_variants(changed)

    def remake_variants(self):
        """Make every variant of this row's pictures again (new formats after an upgrade, say),
        replacing what was made before; return how many pictures were made."""
        changed = {}
        for field_name, json_name in self.image_variants.items():
            field, old = getattr(self, field_name), getattr(self, json_name) or {}
            new = make_variants(field) if field else {}
            # Old files are removed only once the new ones are there, and only those not remade.
            delete_variants(field.storage, old, keep=set(variant_names(new)))
            if new != old:
                changed[json_name] = new
        if changed:
            self._store_variants(changed)
        return sum(1 for field_name in self.image_variants if getattr(self, field_name))

    def _store_variants(self, changed):
        for json_name, value in changed.items():
            setattr(self, json_name, value)
        type(self).objects.filter(pk=self.pk).update(**changed)


def _current(field, variants):
    return bool(field) and bool(variants) and variants.get("name") == field.name


def srcset(field, variants, width):
    """'a-480w.jpg 480w, a-960w.jpg 960w, a.jpg 1200w' for the sizes made, or '' if none."""
    if not _current(field, variants) or not variants.get("widths"):
        return ""
    url = field.storage.url
    parts = [f"{url(variant_name(field.name, w))} {w}w" for w in variants["widths"]]
    if width:
        parts.append(f"{field.url} {width}w")
    return ", ".join(parts)


def webp_srcset(field, variants):
    """'a-480w.webp 480w, …, a-1200w.webp 1200w' for the WebP files made, or '' if none (JSON from
    before WebP, or a picture Pillow could not read)."""
    if not _current(field, variants) or not variants.get("webp"):
        return ""
    url = field.storage.url
    return ", ".join(f"{url(variant_name(field.name, w, 'webp'))} {w}w" for w in variants["webp"])
