"""Create demo programmes, accounts, channels and surveys with generated responses, and a
staff survey wave with a loaded staff list and recorded (unlinked) participation.

Safe to run again: existing demo data is kept and nothing is duplicated.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from analysis.demo_targets import demo_targets
from analysis.population import population_load_builtin, population_load_demo_workforce
from analysis.themes.demo import demo_codebooks
from engagement.models import Programme, Role, RoleAssignment, User
from surveys import services
from surveys.definition import for_version
from surveys.demo import staff as demo_staff
from surveys.demo.generate import generate_answers
from surveys.demo.loading import demo_surveys_publish
from surveys.models import Channel, Survey
from surveys.waves import services as staff_services
from surveys.waves.models import Wave

PROGRAMMES = [
    ("citizens-voice", "Citizen's Voice", "Residents' views on life and services in the city region."),
    ("staff-engagement", "Staff Engagement", "The annual staff survey, including the EDI items tracked against 6/7."),
    ("passenger-safety", "Passenger Safety", "How safe passengers feel, collected all year."),
]
ACCOUNTS = [
    ("admin@example.org", Role.ADMINISTRATOR, True),
    ("analyst@example.org", Role.ANALYST, False),
    ("author@example.org", Role.AUTHOR, False),
]
DEMO_PASSWORD = "demo-password-2026"
# Who answers each programme's surveys, and over how many days responses arrived.
AUDIENCES = {"citizens-voice": ("resident", 365), "passenger-safety": ("passenger", 540)}
CHANNELS = [
    ("knowsley-carers", "Knowsley Carers Centre", Channel.Kind.COMMUNITY),
    ("wirral-deaf-community", "Wirral Deaf Community Group", Channel.Kind.COMMUNITY),
    ("liverpool-somali-association", "Liverpool Somali Association", Channel.Kind.COMMUNITY),
    ("sefton-youth-forum", "Sefton Youth Forum", Channel.Kind.COMMUNITY),
    ("qr-lime-street-bus", "QR poster: Lime Street bus stops", Channel.Kind.QR),
    ("qr-birkenhead-interchange", "QR poster: Birkenhead bus station", Channel.Kind.QR),
    ("campaign-autumn-2026", "Autumn 2026 social media campaign", Channel.Kind.CAMPAIGN),
    ("staff-intranet", "Staff intranet banner", Channel.Kind.STAFF),
]


class Command(BaseCommand):
    help = "Load demo programmes, accounts, channels, surveys and generated responses."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=1500, help="Responses per survey (default 1500)")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, responses, seed, **options):
        rng = random.Random(seed)
        self._programmes()  # named and described before the demo surveys are published in them
        self._accounts()
        self._channels()
        for survey in demo_surveys_publish().values():  # standard surveys before their Easy Read variants
            if survey.responses.exists():
                continue
            if survey.programme.slug == "staff-engagement":
                count = self._staff_wave(survey, rng)
            else:
                count = self._responses(survey, responses // 5 if survey.variant_of_id else responses, rng)
            self.stdout.write(f"  {survey.title}: {count} responses")
        demo_codebooks(stdout=self.stdout)  # open-text themes: analysis/themes/demo.py
        population_load_builtin()  # the city region's age profile, for representativeness
        population_load_demo_workforce()  # what the staff survey is compared with by default
        demo_targets()  # the strategy's targets: analysis/demo_targets.py
        self.stdout.write(self.style.SUCCESS("Demo data ready. Staff accounts (password for each: "
                                             f"{DEMO_PASSWORD}):"))
        for email, role, _ in ACCOUNTS:
            self.stdout.write(f"  {email:<24} {role.label}")

    def _programmes(self):
        for slug, name, description in PROGRAMMES:
            Programme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})

    def _accounts(self):
        for email, role, superuser in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, is_staff=True, is_superuser=superuser)
            RoleAssignment.objects.get_or_create(user=user, role=role, programme=None)

    def _channels(self):
        for code, name, kind in CHANNELS:
            Channel.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})

    @transaction.atomic
    def _responses(self, survey: Survey, count: int, rng: random.Random) -> int:
        definition = for_version(survey.current_version_id)
        audience, days = AUDIENCES.get(survey.programme.slug, ("resident", 365))
        channel_codes = [c for c, _, kind in CHANNELS if kind != Channel.Kind.STAFF] + [None] * 4
        today = timezone.localdate()
        rows = [{"answers": generate_answers(definition, rng, audience=audience, today=today),
                 "channel": rng.choice(channel_codes), "submitted_on": today - datetime.timedelta(
                     days=rng.randrange(days) if audience == "passenger" else int(rng.expovariate(1 / 90)) % days)}
                for _ in range(count)]
        return services.responses_bulk_create(survey=survey, rows=rows, source="web")

    @transaction.atomic
    def _staff_wave(self, survey: Survey, rng: random.Random) -> int:
        """This year's wave: staff list loaded, four weeks in, participation recorded apart
        from the responses (docs/programmes.md)."""
        today = timezone.localdate()
        wave, _ = Wave.objects.get_or_create(survey=survey, name=str(today.year), defaults={
            "opens_on": today - datetime.timedelta(days=28), "closes_on": today + datetime.timedelta(days=14)})
        if not wave.staff.exists():
            staff_services.staff_import(wave=wave, content=demo_staff.staff_list_csv([e for e, _, _ in ACCOUNTS]))
            wave.staff.update(invited_on=wave.opens_on)
        if wave.participations.exists():
            return 0
        people = [staff_services.Person(email, d) for email, d in
                  demo_staff.taking_part(rng, list(wave.staff.values_list("email", "directorate")))]
        staff_services.participations_record(wave=wave, people=people)
        rows = demo_staff.staff_response_rows(for_version(survey.current_version_id), rng,
                                              [p.directorate for p in people], wave.opens_on, today)
        return services.responses_bulk_create(survey=survey, rows=rows, source="web")
