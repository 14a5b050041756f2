"""One list of muscles, kept in the admin: each name once whatever its case, what the library's
filter offers and what stretch pages say, found by search and seen at once on every page."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from stretches.models import Muscle, Stretch
from tests.factories import StretchFactory
from tests.helpers import page, warm

pytestmark = pytest.mark.django_db


def test_one_muscle_per_name_whatever_its_case():
    Muscle.objects.create(name="Hip rotators", slug="hip-rotators")
    with pytest.raises(IntegrityError), transaction.atomic():
        Muscle.objects.create(name="hip ROTATORS", slug="hip-rotators-2")
    assert Muscle.objects.named("HIP rotators ") == Muscle.objects.get()
    assert Muscle.objects.named("Lower back").name == "Lower back"
    assert Muscle.objects.count() == 2


def test_the_admin_refuses_a_muscle_already_on_the_list(editor_client):
    Muscle.objects.create(name="Hip rotators", slug="hip-rotators")
    response = editor_client.post(
        reverse("admin:stretches_muscle_add"), {"name": "hip rotators", "slug": "other"}
    )
    assertContains(response, "That muscle is on the list already")
    assert Muscle.objects.count() == 1


def test_the_stretch_admin_chooses_muscles_by_autocomplete(editor_client):
    StretchFactory(muscles="Hip rotators")
    response = editor_client.get(reverse("admin:stretches_stretch_add"))
    assertContains(response, 'class="admin-autocomplete"')
    assertContains(response, 'data-field-name="muscles"')
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "rot", "app_label": "stretches", "model_name": "stretch", "field_name": "muscles"},
    )
    assert [row["text"] for row in found.json()["results"]] == ["Hip rotators"]


def test_the_library_filter_offers_each_muscle_once(client):
    StretchFactory(name="Figure four", muscles="Hip rotators, gluteals")
    StretchFactory(name="Knee roll", muscles="hip rotators, Lower back")
    StretchFactory(name="Calf stretch", muscles="Calves")
    response = client.get("/stretches/library/")
    assert response.status_code == 200
    options = [(muscle.slug, muscle.name) for muscle in response.context["muscles"]]
    assert options == [
        ("calves", "Calves"),
        ("gluteals", "Gluteals"),
        ("hip-rotators", "Hip rotators"),
        ("lower-back", "Lower back"),
    ]
    assertContains(response, '<option value="hip-rotators">Hip rotators</option>', count=1, html=True)
    filtered = client.get("/stretches/library/?muscle=hip-rotators")
    assert [stretch.name for stretch in filtered.context["stretches"]] == ["Figure four", "Knee roll"]


def test_a_stretch_page_links_each_muscle_to_the_library_filtered_by_it(client):
    stretch = StretchFactory(muscles="Gluteals, Hip rotators")
    response = client.get(stretch.get_absolute_url())
    assertContains(response, '<a href="/stretches/library/?muscle=hip-rotators">Hip rotators</a>', html=True)
    assertContains(response, "Works: Gluteals, Hip rotators.")  # the page's description


def test_search_follows_a_stretchs_muscles(client):
    """Found by what it works, and by nothing it no longer works: changed from either side of the
    link, renamed, or deleted."""
    stretch = StretchFactory(name="Seated figure-four", muscles="Piriformis")

    def found(word):
        return stretch.get_absolute_url() in [
            r.url for r in client.get("/search/", {"q": word}).context["page"]
        ]

    assert found("piriformis")
    stretch.muscles.add(Muscle.objects.named("Hamstrings"))
    assert found("hamstrings")
    stretch.muscles.remove(Muscle.objects.get(name="Piriformis"))
    assert not found("piriformis")
    calves = Muscle.objects.named("Calves")
    calves.stretches.add(stretch)
    assert found("calves")
    calves.stretches.clear()
    assert not found("calves")
    hamstrings = Muscle.objects.get(name="Hamstrings")
    hamstrings.name = "Back of the thigh"
    hamstrings.save()
    assert found("thigh") and not found("hamstrings")
    hamstrings.delete()
    assert not found("thigh")


def test_editing_a_muscle_or_a_stretchs_muscles_shows_at_once(site):
    stretch = site["stretch"]
    pages = ["/stretches/library/", stretch.get_absolute_url(), site["article"].get_absolute_url()]
    warm(site)
    for url in pages[1:]:
        page(url)
    gluteals = Muscle.objects.get(name="Gluteals")
    gluteals.name = "Buttocks"
    gluteals.save()
    for url in pages:
        assertContains(page(url), "Buttocks")
    stretch.muscles.add(Muscle.objects.named("Obliques"))
    for url in pages:
        assertContains(page(url), "Obliques")
    Muscle.objects.filter(name="Obliques").delete()
    for url in pages:
        assertNotContains(page(url), "Obliques")


def test_the_demo_has_one_name_for_each_muscle(settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    names = set(Muscle.objects.values_list("name", flat=True))
    assert {"Hip rotators", "Lower back", "Upper back"} <= names
    assert not names & {"Deep hip rotators", "Lower back extensors", "Mid and upper back"}
    assert not Stretch.objects.filter(muscles=None).exists()
    response = Client().get("/stretches/library/")
    assertContains(response, '<option value="hip-rotators">Hip rotators</option>', count=1, html=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_the_text_into_one_list_and_merges_near_duplicates():
    before = [("stretches", "0013_muscle")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = (
            MigrationExecutor(connection).loader.project_state(before).apps.get_model("stretches", "Stretch")
        )
        rows = {
            "one": "Gluteals, lower back extensors, deep hip rotators",
            "two": "Hip rotators, Lower back , gluteals",
            "three": "Mid and upper back, upper back,  obliques",
        }
        for slug, text in rows.items():
            old.objects.create(name=slug, slug=slug, muscle_text=text, instructions="Breathe.")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        works = {
            stretch.slug: [muscle.name for muscle in stretch.muscles.order_by("name")]
            for stretch in Stretch.objects.all()
        }
        assert works == {
            "one": ["Gluteals", "Hip rotators", "Lower back"],
            "two": ["Gluteals", "Hip rotators", "Lower back"],
            "three": ["Obliques", "Upper back"],
        }
        assert sorted(Muscle.objects.values_list("slug", flat=True)) == [
            "gluteals",
            "hip-rotators",
            "lower-back",
            "obliques",
            "upper-back",
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        Stretch.objects.all().delete()
        Muscle.objects.all().delete()
