from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stretches", "0014_muscles_from_text")]

    operations = [migrations.RemoveField(model_name="stretch", name="muscle_text")]
