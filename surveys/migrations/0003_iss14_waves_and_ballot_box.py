# Issue 14: the staff survey wave models now live in surveys.waves, on their existing
# engagement_* tables (state only); the ballot box and sealed drafts are new.

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('engagement', '0003_wave_final_counts'),
        ('surveys', '0002_survey_variants_translations'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Wave',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='For example 2026.', max_length=100)),
                        ('opens_on', models.DateField()),
                        ('closes_on', models.DateField(help_text='The last day responses are accepted.')),
                        ('final_counts', models.JSONField(blank=True, editable=False, help_text='Directorate -> [headcount, taken part], kept when the staff list and participation records are erased.', null=True)),
                        ('survey', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='waves', to='surveys.survey')),
                    ],
                    options={
                        'db_table': 'engagement_wave',
                        'ordering': ['-opens_on', 'name'],
                        'constraints': [models.UniqueConstraint(fields=('survey', 'name'), name='unique_wave_name')],
                    },
                ),
                migrations.CreateModel(
                    name='StaffMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254)),
                        ('directorate', models.CharField(blank=True, max_length=100)),
                        ('invitation_hash', models.CharField(blank=True, db_index=True, max_length=64)),
                        ('invited_on', models.DateField(blank=True, null=True)),
                        ('wave', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff', to='surveys.wave')),
                    ],
                    options={
                        'db_table': 'engagement_staffmember',
                        'ordering': ['wave', 'email'],
                        'constraints': [models.UniqueConstraint(fields=('wave', 'email'), name='unique_staff_email')],
                    },
                ),
                migrations.CreateModel(
                    name='Participation',
                    fields=[
                        ('key', models.CharField(help_text='Keyed hash of wave and email.', max_length=64, primary_key=True, serialize=False)),
                        ('directorate', models.CharField(blank=True, max_length=100)),
                        ('wave', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participations', to='surveys.wave')),
                    ],
                    options={'db_table': 'engagement_participation'},
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name='SealedBallot',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('key_id', models.CharField(help_text='Which key in the ballot key store sealed it.', max_length=32)),
                ('sealed', models.BinaryField()),
                ('wave', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sealed_ballots', to='surveys.wave')),
            ],
        ),
        migrations.AddField(
            model_name='responsedraft',
            name='sealed',
            field=models.BinaryField(editable=False, null=True),
        ),
    ]
