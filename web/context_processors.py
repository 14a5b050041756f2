from django.conf import settings


def site(request):
    """What every page's templates may use: the site's public address."""
    return {"site_url": settings.LIMBER["SITE_URL"]}
