from django import template

from comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """How many comments wait in the queue, for people who may see it (else None)."""
    if not context["request"].user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
