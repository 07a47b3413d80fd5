# The staff survey wave models moved to surveys.waves (issue 14). Their tables stay as they
# are: this only removes them from engagement's migration state; surveys 0003 adopts them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('engagement', '0003_wave_final_counts'),
        ('surveys', '0003_iss14_waves_and_ballot_box'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Participation'),
                migrations.DeleteModel(name='StaffMember'),
                migrations.DeleteModel(name='Wave'),
            ],
            database_operations=[],
        ),
    ]
