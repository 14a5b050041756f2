"""An article's comment section costs the same queries with 10 or 500 comments."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_comments(article, count, authors):
    """A third top-level, the rest replies two deep, authors with avatars, some pending."""
    made = []
    for i in range(count):
        parent = made[i - 1] if i % 3 and made else None
        root = (parent.root or parent) if parent else None
        made.append(
            Comment(
                article=article,
                parent=parent,
                root=root,
                depth=min(parent.depth + 1, 2) if parent else 0,
                author=authors[i % len(authors)],
                text=f"Comment {i}",
                text_html=f"<p>Comment {i}</p>",
                status="pending" if i % 10 == 9 else "approved",
            )
        )
        made[-1].save()
    return made


@pytest.mark.parametrize("signed_in", [False, True])
def test_comment_section_queries_do_not_grow(signed_in, settings):
    authors = [UserFactory(avatar_small="avatars/a.jpg", is_staff=i == 0) for i in range(5)]
    counts = {}
    for count in (10, 500):
        article = ArticleFactory()
        add_comments(article, count, authors)
        client = Client()
        if signed_in:
            client.force_login(authors[1])
        client.get(article.get_absolute_url())  # warm-up (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert response.content.decode().count('class="comment') > 5
        counts[count] = len(queries)
    assert counts[10] == counts[500], counts
