"""seed_demo loads every programme's survey, a staff wave with participation, and is idempotent."""

import io

from django.core.management import call_command

from surveys.models import Response, Survey
from surveys.waves.models import Participation, StaffMember, Wave


def test_seed_demo_loads_all_programmes_once(db):
    call_command("seed_demo", responses=40, stdout=io.StringIO())
    surveys = {s.slug: s for s in Survey.objects.select_related("programme")}
    assert {s.programme.slug for s in surveys.values()} == {"citizens-voice", "staff-engagement", "passenger-safety"}
    assert surveys["passenger-safety"].responses.count() == 40
    staff = surveys["staff-survey"]
    wave = Wave.objects.get(survey=staff)
    assert wave.is_open and StaffMember.objects.filter(wave=wave).count() > 1000
    assert Participation.objects.filter(wave=wave).count() == staff.responses.count() > 500
    profile = staff.responses.first().profile
    assert profile.keys() & {"directorate", "sex", "age_band"}
    before = Response.objects.count()
    call_command("seed_demo", responses=40, stdout=io.StringIO())
    assert Response.objects.count() == before and Wave.objects.count() == 1
