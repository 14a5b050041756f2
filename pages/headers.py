"""Headers every response carries, static files and cache hits included (this middleware sits
above WhiteNoise and the page cache): what the site does not use, browsers may not either."""

from django.conf import settings

# Everything the site never asks a browser for. Videos play in frames from the two providers the
# click-to-load player embeds, which need autoplay and full screen there and nowhere else.
VIDEO_PROVIDERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
_ORIGINS = " ".join(f'"{origin}"' for origin in VIDEO_PROVIDERS)
PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer",
                "browsing-topics",
                "camera",
                "display-capture",
                "geolocation",
                "gyroscope",
                "hid",
                "magnetometer",
                "microphone",
                "midi",
                "payment",
                "serial",
                "usb",
                "xr-spatial-tracking",
            )
        ),
        *(
            f"{feature}=(self {_ORIGINS})"
            for feature in ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
        ),
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Django's own middleware for this sits below WhiteNoise: static files would go without.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
