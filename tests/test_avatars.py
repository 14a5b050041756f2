"""Avatar uploads through the profile page: good pictures stored clean, everything else refused."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from pytest_django.asserts import assertContains

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def picture(fmt, size=(800, 600), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, (15, 118, 110) if mode == "RGB" else None).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Limber test camera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 40.0)
    data = picture("JPEG", size=(1200, 900), exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input has GPS
    return data


@pytest.fixture(scope="session")
def bomb():
    """A real decompression bomb: a 48 KB PNG that would decode to 20000 × 20000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def six_megabytes():
    """A genuine 6 MB picture: noise does not compress."""
    side = 1450
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    data = buffer.getvalue()
    assert len(data) > 6 * 1000 * 1000
    return data


@pytest.fixture
def member_client(client):
    user = UserFactory(first_name="Ada")
    client.force_login(user)
    client.user = user
    return client


def upload(client, name, content, content_type):
    """The profile form as a member sends it: their typed details plus the file."""
    return client.post(
        "/members/profile/",
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "display_name": "Ada L.",
            "bio": "I stretch every morning.",
            "notify_replies": "on",
            "avatar_upload": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("holiday.jpg", jpeg_with_gps, "image/jpeg"),
        ("me.png", lambda: picture("PNG", mode="RGBA", size=(500, 700)), "image/png"),
        ("me.webp", lambda: picture("WEBP", size=(300, 300)), "image/webp"),
        ("misnamed.gif", lambda: picture("PNG"), "image/gif"),  # content counts, not the name
    ],
)
def test_good_pictures_are_stored_square_at_fixed_sizes_without_metadata(
    member_client, name, make, content_type
):
    response = upload(member_client, name, make(), content_type)
    assert response.status_code == 302
    user = member_client.user
    user.refresh_from_db()
    for field, side in [(user.avatar, 256), (user.avatar_small, 64)]:
        with field.open("rb") as stored:
            image = Image.open(stored)
            image.load()
        assert (image.format, image.size) == ("JPEG", (side, side))
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert name.split(".")[0] not in field.name  # random names say nothing about the member
    assert user.bio == "I stretch every morning."


BAD = [
    ("bomb.png", "bomb", "image/png", "Please choose a JPEG, PNG or WebP picture"),
    ("page.png", b"<html><body><script>alert(1)</script></body></html>", "image/png", "Please choose a JPEG"),
    (
        "tricky.png",
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
        "image/png",
        "Please choose a JPEG",
    ),
    (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
        "image/svg+xml",
        "Please choose a JPEG",
    ),
    ("cut.jpg", "truncated", "image/jpeg", "Please choose a JPEG"),
    ("huge.png", "six_megabytes", "image/png", "larger than 5 MB"),
    ("big.png", "too_many_pixels", "image/png", "the most we accept is 4096 × 4096"),
    ("anim.gif", "gif", "image/gif", "Please choose a JPEG"),
    ("empty.jpg", b"", "image/jpeg", "The submitted file is empty."),
]


@pytest.mark.parametrize(("name", "content", "content_type", "message"), BAD)
def test_bad_files_are_refused_with_a_message_and_the_form_keeps_what_was_typed(
    member_client, request, settings, name, content, content_type, message
):
    if content == "truncated":
        content = jpeg_with_gps()[:3000]
    elif content == "too_many_pixels":
        content = picture("PNG", size=(5000, 100))
    elif content == "gif":
        content = picture("GIF")
    elif isinstance(content, str):
        content = request.getfixturevalue(content)
    response = upload(member_client, name, content, content_type)
    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, "I stretch every morning.")  # the bio they typed is still there
    assertContains(response, 'value="Ada L."')
    assertContains(response, 'class="field field--error"')
    user = member_client.user
    user.refresh_from_db()
    assert not user.avatar and not user.bio
    avatars = settings.MEDIA_ROOT / "avatars"
    assert not avatars.exists() or not any(avatars.iterdir())


def test_a_new_avatar_replaces_the_old_files_and_remove_deletes_them(member_client, settings):
    upload(member_client, "one.png", picture("PNG"), "image/png")
    upload(member_client, "two.png", picture("PNG"), "image/png")
    files = list((settings.MEDIA_ROOT / "avatars").iterdir())
    assert len(files) == 2  # only the latest pair
    member_client.post("/members/profile/", {"first_name": "Ada", "remove_avatar": "on"})
    assert list((settings.MEDIA_ROOT / "avatars").iterdir()) == []
