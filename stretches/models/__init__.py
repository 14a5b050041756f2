from .articles import Article, ArticleQuerySet, Section, Topic
from .calls_to_action import CallToAction
from .library import Routine, RoutineStep, Sides, Stretch

__all__ = [
    "Article",
    "ArticleQuerySet",
    "CallToAction",
    "Routine",
    "RoutineStep",
    "Section",
    "Sides",
    "Stretch",
    "Topic",
]
