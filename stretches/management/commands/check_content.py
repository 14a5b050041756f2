"""`manage.py check_content`: the publishing checks over the whole site, for cron.

One line per problem (level, the page's address, where on it, what); nothing at all when every
page is fine, so cron mails only on trouble. Exits with status 1 when published content has an
error. Published content: published articles (scheduled ones too: they go live by themselves),
the routines they show, and the stretch library.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError

from desk.checks import WARNING
from stretches.content_checks import (
    Links,
    articles_with_problems,
    blocking,
    routine_problems,
    stretch_problems,
)
from stretches.models import Article, Routine, Stretch


class Command(BaseCommand):
    help = "Check published articles, routines and stretches for problems (prints nothing when all is well)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--drafts", action="store_true", help="Check drafts (and routines only they show) too."
        )
        parser.add_argument(
            "--warnings",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Print warnings as well as errors (the default), or errors only.",
        )

    def handle(self, *args, drafts=False, warnings=True, **options):
        self.show_warnings = warnings
        published_articles = Article.objects.published()
        published_routines = set(
            Routine.objects.filter(sections__article__in=published_articles).values_list("pk", flat=True)
        )
        errors = 0

        articles = Article.objects.all() if drafts else published_articles
        for article, found in articles_with_problems(articles.order_by("slug"), links=Links()):
            published = article.status == Article.Status.PUBLISHED
            errors += self.report(article, found, published)

        routines = Routine.objects.prefetch_related("steps").order_by("slug")
        if not drafts:
            routines = routines.filter(pk__in=published_routines)
        for routine in routines:
            errors += self.report(
                routine, routine_problems(routine, routine.steps.all()), routine.pk in published_routines
            )

        for stretch in Stretch.objects.order_by("slug"):
            errors += self.report(stretch, stretch_problems(stretch), True)

        if errors:
            raise CommandError(f"{errors} error(s) in published content.")

    def report(self, page, found, published):
        """Print `page`'s problems; the number of errors that count against published content."""
        address = page.get_absolute_url() + ("" if published else " (not published)")
        for problem in found:
            if problem.level == WARNING and not self.show_warnings:
                continue
            self.stdout.write(f"{problem.level.upper()} {address} {problem}")
        return len(blocking(found)) if published else 0
