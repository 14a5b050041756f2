from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Pictures' smaller widths and WebP files, made at upload (`ImageVariantsMixin` on a model)."""

    name = "images"
    verbose_name = "Pictures"
