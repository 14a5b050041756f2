"""The content models' rules: computed routine times, what is public, what a valid article is."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stretches.models import Article, CallToAction
from stretches.text import about_duration, render_markdown, sanitise
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    RoutineStepFactory,
    SectionFactory,
    StretchFactory,
)

pytestmark = pytest.mark.django_db


class TestRoutineTime:
    def test_total_is_sides_times_reps_times_hold_plus_transition_plus_rest(self):
        """Total time is computed from the steps, never typed in."""
        routine = RoutineFactory()
        RoutineStepFactory(routine=routine, repetitions=10, hold_seconds=2, sides="both", rest_seconds=10)
        RoutineStepFactory(routine=routine, repetitions=3, hold_seconds=20, sides="one", rest_seconds=0)
        # 2 sides × 10 × (2 + 2) + 10 = 90; 1 × 3 × (20 + 2) = 66
        assert routine.total_seconds() == 156
        assert routine.duration_label() == "about 3 min"
        assert routine.summary() == "2-part sequence, about 3 min"

    def test_blank_step_values_fall_back_to_the_stretch_defaults(self):
        stretch = StretchFactory(default_repetitions=5, default_hold_seconds=30, sides="one")
        step = RoutineStepFactory(stretch=stretch, repetitions=None, hold_seconds=None, sides="")
        assert (step.reps, step.hold, step.both_sides) == (5, 30, False)
        assert step.seconds() == 5 * 32

    def test_routine_with_no_steps_takes_no_time(self):
        assert RoutineFactory().total_seconds() == 0

    @pytest.mark.parametrize(
        ("seconds", "label"),
        [
            (0, "under a minute"),
            (44, "under a minute"),
            (45, "about 1 min"),
            (89, "about 1 min"),
            (90, "about 2 min"),
            (360, "about 6 min"),
            (389, "about 6 min"),
            (390, "about 7 min"),
        ],
    )
    def test_durations_read_as_people_say_them(self, seconds, label):
        assert about_duration(seconds) == label


class TestVisibility:
    def test_published_excludes_drafts_and_future_articles(self):
        """Drafts and articles dated in the future are not public."""
        public = ArticleFactory()
        ArticleFactory(draft=True)
        ArticleFactory(future=True)
        assert list(Article.objects.live()) == [public]

    def test_a_future_article_becomes_public_when_its_date_passes(self):
        article = ArticleFactory(future=True)
        assert not article.is_live
        article.published_at = timezone.now() - datetime.timedelta(seconds=1)
        article.save()
        assert list(Article.objects.live()) == [article]

    def test_publishing_without_a_date_publishes_now(self):
        article = ArticleFactory(draft=True)
        article.status = Article.Status.PUBLISHED
        article.save()
        assert article.published_at is not None
        assert article.is_live

    def test_editors_see_drafts_readers_do_not(self, editor, django_user_model):
        draft = ArticleFactory(draft=True)
        reader = django_user_model.objects.create_user("reader", password="x" * 12)
        assert draft in Article.objects.previewable_by(editor)
        assert draft not in Article.objects.previewable_by(reader)


class TestArticleRules:
    def test_section_anchors_are_unique_and_avoid_page_ids(self):
        article = ArticleFactory()
        for heading in ["Why it matters", "Why it matters", "Top", "!!!"]:
            SectionFactory(article=article, heading=heading)
        anchors = [s.anchor for s in article.page_sections()]
        assert anchors == ["why-it-matters", "why-it-matters-2", "top-2", "section-4"]

    def test_publish_dates_stay_within_a_sensible_range(self):
        article = ArticleFactory.build(published_at="9999-12-31T00:00:00Z")
        with pytest.raises(ValidationError, match="between the years 2000 and 2100"):
            article.full_clean(exclude=["topic", "slug"])

    def test_only_one_call_to_action_can_be_the_default(self):
        CallToActionFactory(is_default=True)
        second = CallToActionFactory.build(is_default=True)
        with pytest.raises(ValidationError, match="already the default"):
            second.full_clean()
        assert CallToAction.objects.default() is not None

    @pytest.mark.parametrize(
        ("url", "ok"),
        [
            ("/stretches/lower-back/", True),
            ("https://example.org/programme", True),
            ("//evil.example", False),
            ("/\\evil.example", False),
            ("/\t/evil.example", False),
            ("/ok\n", False),
            ("javascript:alert(1)", False),
            ("data:text/html,x", False),
        ],
    )
    def test_call_to_action_links_cannot_leave_for_somewhere_unexpected(self, url, ok):
        cta = CallToActionFactory.build(link_url=url)
        if ok:
            cta.full_clean()
        else:
            with pytest.raises(ValidationError):
                cta.full_clean()

    @pytest.mark.parametrize(
        ("provider", "video_id", "ok"),
        [
            ("youtube", "abcdefghijk", True),
            ("youtube", "abc", False),
            ("youtube", "<script>a</s", False),
            ("vimeo", "123456", True),
            ("vimeo", "12ab", False),
            ("", "abcdefghijk", False),
        ],
    )
    def test_videos_need_a_known_provider_and_a_well_formed_id(self, provider, video_id, ok):
        section = SectionFactory.build(
            article=ArticleFactory(), video_provider=provider, video_id=video_id, video_title="A demo"
        )
        if ok:
            section.full_clean()
        else:
            with pytest.raises(ValidationError):
                section.full_clean()

    def test_section_body_is_stored_sanitised(self):
        """Raw HTML typed into Markdown is shown as text; Markdown links keep only safe schemes."""
        section = SectionFactory(
            body="Hello <script>alert(1)</script><img src=x onerror=alert(2)> "
            "[a](javascript:alert(3)) [b](/ok/)"
        )
        assert section.body_html == (
            "<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; "
            '[a](javascript:alert(3)) <a href="/ok/" rel="noopener noreferrer">b</a></p>\n'
        )

    def test_sanitise_is_the_allowlist_even_for_raw_stored_html(self):
        html = '<p onclick="x()">ok</p><script>alert(1)</script><a href="javascript:x">l</a><h2>H</h2>'
        assert sanitise(html) == '<p>ok</p><a rel="noopener noreferrer">l</a>H'

    def test_deeply_nested_or_bracket_heavy_markdown_renders(self):
        """Pathological Markdown neither crashes nor explodes: the parser caps nesting."""
        nested = "".join("  " * level + "- x\n" for level in range(300))
        assert "<ul>" in render_markdown(nested)
        assert render_markdown("[" * 20000).startswith("<p>[[[")
