"""Pictures in several widths, made once when a picture is saved, never while a page is served.

Each image field has a companion JSON field recording which file the widths were made from and
which widths exist, so templates can write srcset without touching the disk.
"""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

WIDTHS = (480, 960, 1440)
log = logging.getLogger(__name__)


def variant_name(name, width):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.jpg"))


def make_variants(field):
    """Write the smaller widths of `field`'s picture next to it; return {"name", "widths"}."""
    storage = field.storage
    made = []
    try:
        with storage.open(field.name, "rb") as source:
            image = Image.open(source)
            image.load()
        image = ImageOps.exif_transpose(image).convert("RGB")
        for width in WIDTHS:
            if width >= image.width:
                break
            height = round(image.height * width / image.width)
            buffer = io.BytesIO()
            image.resize((width, height), Image.Resampling.LANCZOS).save(
                buffer, "JPEG", quality=82, optimize=True
            )
            name = variant_name(field.name, width)
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, ContentFile(buffer.getvalue()))
            made.append(width)
    except (OSError, ValueError) as error:  # a picture Pillow accepted at upload but cannot resize
        log.warning("No smaller widths for %s: %s", field.name, error)
    return {"name": field.name, "widths": made}


def delete_variants(storage, variants):
    for width in (variants or {}).get("widths", []):
        storage.delete(variant_name(variants["name"], width))


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
            for json_name, value in changed.items():
                setattr(self, json_name, value)
            type(self).objects.filter(pk=self.pk).update(**changed)


def srcset(field, variants, width):
    """'a-480w.jpg 480w, a-960w.jpg 960w, a.jpg 1200w' for the sizes made, or '' if none."""
    if not field or not variants or variants.get("name") != field.name or not variants.get("widths"):
        return ""
    base = field.url.rsplit("/", 1)[0]
    parts = [f"{base}/{PurePosixPath(variant_name(field.name, w)).name} {w}w" for w in variants["widths"]]
    if width:
        parts.append(f"{field.url} {width}w")
    return ", ".join(parts)
