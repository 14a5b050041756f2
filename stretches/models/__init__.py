from .articles import Article, ArticleQuerySet, Section, Topic
from .calls_to_action import CallToAction
from .library import Muscle, Position, Routine, RoutineStep, Sides, Stretch
from .trust import AuthorProfile, Reference

__all__ = [
    "Article",
    "ArticleQuerySet",
    "AuthorProfile",
    "CallToAction",
    "Muscle",
    "Position",
    "Reference",
    "Routine",
    "RoutineStep",
    "Section",
    "Sides",
    "Stretch",
    "Topic",
]
