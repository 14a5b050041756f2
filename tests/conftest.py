import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches

from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_caches():
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "fragments"):
        caches[alias].clear()


@pytest.fixture
def editor(db):
    """A member of the Editors group, as created by the data migration."""
    user = UserFactory(username="edna", first_name="Edna", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def site(db):
    """A small site: a topic, an article with a routine of two stretches, a default call to action."""
    topic = TopicFactory(name="Hip stretches", slug="hips")
    routine = RoutineFactory(name="Floor sequence", steps=2)
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches", topic=topic, featured=True)
    SectionFactory(article=article, heading="Why hips matter", routine=routine)
    cta = CallToActionFactory(headline="Try the daily routine", is_default=True)
    return {
        "topic": topic,
        "routine": routine,
        "article": article,
        "cta": cta,
        "stretch": routine.steps.first().stretch,
    }
