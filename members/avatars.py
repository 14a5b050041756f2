"""Avatars: checked by content, re-encoded once at upload, never generated while serving a page."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4096
SIZES = {"avatar": 256, "avatar_small": 64}

NOT_A_PICTURE = "Please choose a JPEG, PNG or WebP picture. That file isn't one we can read."


def make_avatars(upload):
    """Validate an uploaded file and return {field name: ContentFile} at the fixed square sizes.

    Pillow opens the file restricted to three formats, so the name and the browser's claimed
    type count for nothing. The output is re-encoded from pixels alone: no EXIF, no GPS, no
    colour profile, nothing from the original survives.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError("That picture is larger than 5 MB. Please choose a smaller one.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            image = Image.open(upload, formats=FORMATS)
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise ValidationError(
                    f"That picture is {width} × {height} pixels; the most we accept is 4096 × 4096."
                )
            image.load()  # decode every pixel now: truncated or corrupt files fail here
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ):
        raise ValidationError(NOT_A_PICTURE) from None

    image = ImageOps.exif_transpose(image)  # keep the photo upright, then drop the metadata
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (245, 239, 230))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")

    files = {}
    for field, side in SIZES.items():
        square = ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        square.save(buffer, format="JPEG", quality=88, optimize=True)
        files[field] = ContentFile(buffer.getvalue(), name=f"{side}.jpg")
    return files
