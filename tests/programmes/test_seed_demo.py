"""seed_demo loads every programme's survey, a staff wave with participation, and is idempotent."""

import io

from django.core.management import call_command

from analysis.models import Target
from analysis.targets import target_statuses
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
    # The strategy's targets, once: the EDI items for every employee group, passengers feeling safe.
    edi = Target.objects.get(programme__slug="staff-engagement")
    assert (edi.measure, edi.threshold, edi.characteristics, len(edi.question_codes)) == ("mean", 6.0, [], 6)
    safe = Target.objects.filter(programme__slug="passenger-safety")
    assert sorted(t.threshold for t in safe) == [72.0, 80.0]
    assert all(t.positive == ["very_safe", "fairly_safe"] and t.measure == "pct_positive" for t in safe)
    statuses = target_statuses(staff, only=["directorate"])
    assert {s["question"] for s in statuses} == set(edi.question_codes)
    assert {s["status"] for s in statuses if not s["suppressed"]} <= {"met", "not_met", "inconclusive"}
