from .articles import Article, ArticleQuerySet, CallToAction, Section, Topic
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
