"""Keeping the index current: every save and delete of an article, section, stretch or topic
rewrites that object's rows at once, in the same transaction; so does a change to a stretch's
muscles, or to a muscle's name, for the stretches that work it.

Who may find an article is decided when someone searches (search.engine), so publishing,
unpublishing or a scheduled article's time coming, by `update()` or by the clock, needs no
reindex. Text changed with `QuerySet.update()` sends no signal: `manage.py
rebuild_search_index` catches up after such a change.
"""

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from stretches.models import Article, Muscle, Section, Stretch, Topic

from . import documents
from .models import SearchEntry

# Fields that change what an object's rows hold: a save naming none of them leaves them alone.
INDEXED_FIELDS = {
    Article: {"title", "slug", "standfirst"},
    Section: {"heading", "body", "body_html", "order", "article"},
    Stretch: {"name", "slug", "instructions"},  # its muscles: _muscles_changed
    Topic: {"name", "slug", "intro"},
}
BATCH = 500


def _write(rows):
    """Insert or update rows by (kind, object_id, part), in one query."""
    SearchEntry.objects.bulk_create(
        [SearchEntry(**row) for row in rows],
        update_conflicts=True,
        unique_fields=["kind", "object_id", "part"],
        update_fields=["title", "body", "url"],
        batch_size=BATCH,
    )


def _sections(article):
    """An article's sections in page order, from the database: an instance reached through a
    section may carry a prefetched list from before the change."""
    return Section.objects.filter(article=article.pk).order_by("order", "id")


def rows_for(obj, sections=None):
    """The rows `obj` puts in the index (an article's sections are loaded unless given)."""
    url = obj.get_absolute_url()
    if isinstance(obj, Article):
        return documents.article_rows(obj, _sections(obj) if sections is None else sections, url)
    if isinstance(obj, Stretch):
        return documents.stretch_rows(obj, obj.muscle_names(), url)
    return documents.topic_rows(obj, url)


def _kind(model):
    return {Article: documents.ARTICLE, Stretch: documents.STRETCH, Topic: documents.TOPIC}[model]


def index(obj):
    _write(rows_for(obj))


def remove(model, pk):
    SearchEntry.objects.filter(kind=_kind(model), object_id=pk).delete()


def rebuild():
    """Index everything again from scratch, in one transaction (readers see the old index until
    it commits). Returns how many rows were written."""
    sections = Section.objects.order_by("order", "id").only("article_id", "heading", "body_html")
    articles = (
        Article.objects.order_by("pk")
        .only("pk", "slug", "title", "standfirst")
        .prefetch_related(Prefetch("sections", queryset=sections, to_attr="indexed_sections"))
    )
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        written = 0
        stretches = Stretch.objects.order_by("pk").prefetch_related("muscles")
        for queryset in (articles, stretches, Topic.objects.order_by("pk")):
            rows = []
            for obj in queryset.iterator(chunk_size=BATCH):
                rows.extend(rows_for(obj, getattr(obj, "indexed_sections", None)))
                if len(rows) >= BATCH:
                    _write(rows)
                    written, rows = written + len(rows), []
            _write(rows)
            written += len(rows)
    return written


_STORED_ARTICLE = "_search_stored_article_id"


def _remember_article(sender, instance, raw=False, **kwargs):
    """A section moved to another article must leave its old article's entry too."""
    if not raw and instance.pk is not None:
        stored = Section.objects.filter(pk=instance.pk).values_list("article_id", flat=True).first()
        instance.__dict__[_STORED_ARTICLE] = stored


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not set(update_fields) & INDEXED_FIELDS[sender]):
        return  # loaddata, or a save that changed nothing the index holds
    if sender is not Section:
        index(instance)
        return
    index(instance.article)
    moved_from = instance.__dict__.pop(_STORED_ARTICLE, None)
    if moved_from not in (None, instance.article_id):
        old = Article.objects.filter(pk=moved_from).first()
        if old is not None:
            index(old)


def _deleting_articles(origin):
    return isinstance(origin, Article) or (isinstance(origin, QuerySet) and origin.model is Article)


def _deleted(sender, instance, origin=None, **kwargs):
    if sender is not Section:
        remove(sender, instance.pk)
    elif not _deleting_articles(origin):  # an article's own deletion takes its sections first
        article = Article.objects.filter(pk=instance.article_id).first()
        if article is not None:
            index(article)


def _index_stretches(pks):
    for stretch in Stretch.objects.filter(pk__in=pks).prefetch_related("muscles"):
        index(stretch)


_CLEARED = "_search_cleared_stretch_ids"


def _muscles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A stretch's muscles changed (from either side of the link): its rows say what it works."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            index(instance)
    elif action == "pre_clear":  # a muscle loses all its stretches: which, once they are gone?
        instance.__dict__[_CLEARED] = list(instance.stretches.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        _index_stretches(pk_set)
    elif action == "post_clear":
        _index_stretches(instance.__dict__.pop(_CLEARED, []))


def _muscle_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):  # a new muscle works nothing yet
        _index_stretches(instance.stretches.values_list("pk", flat=True))


def _muscle_deleting(sender, instance, **kwargs):
    """Deleting a muscle drops its links without an m2m signal: remember whose they were."""
    instance.__dict__[_CLEARED] = list(instance.stretches.values_list("pk", flat=True))


def _muscle_deleted(sender, instance, **kwargs):
    _index_stretches(instance.__dict__.pop(_CLEARED, []))


def connect():
    m2m_changed.connect(_muscles_changed, sender=Stretch.muscles.through, dispatch_uid="search.index.muscles")
    post_save.connect(_muscle_saved, sender=Muscle, dispatch_uid="search.index.muscle")
    pre_delete.connect(_muscle_deleting, sender=Muscle, dispatch_uid="search.index.muscle")
    post_delete.connect(_muscle_deleted, sender=Muscle, dispatch_uid="search.index.muscle")
    for model in INDEXED_FIELDS:
        uid = f"search.index.{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    pre_save.connect(_remember_article, sender=Section, dispatch_uid="search.index.remember-article")
