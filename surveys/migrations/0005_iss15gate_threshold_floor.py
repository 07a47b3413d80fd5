"""Every survey's disclosure threshold is at least 10 (issue 15): lower values are raised to 10."""

from django.db import migrations, models

import surveys.validators

FLOOR = 10


def raise_to_floor(apps, schema_editor):
    Survey = apps.get_model("surveys", "Survey")
    Survey.objects.filter(min_group_size__lt=FLOOR).update(min_group_size=FLOOR)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0004_merge_20261202_2121"),
    ]

    operations = [
        migrations.RunPython(raise_to_floor, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="survey",
            name="min_group_size",
            field=models.PositiveSmallIntegerField(
                default=10, help_text="Smallest group any result may describe (standards.md §3.1); at least 10.",
                validators=[surveys.validators.min_group_size_floor]),
        ),
    ]
