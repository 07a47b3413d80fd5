"""Release every staff survey wave's sealed ballots that have reached k (safe to run at any time)."""

from django.core.management.base import BaseCommand

from surveys.waves.ballots import ballots_release
from surveys.waves.models import Wave


class Command(BaseCommand):
    help = "Release sealed staff survey ballots in shuffled batches of at least k (the minimum group size)."

    def handle(self, *args, **options):
        for wave in Wave.objects.filter(sealed_ballots__isnull=False).distinct().select_related("survey"):
            result = ballots_release(wave)
            self.stdout.write(f"{wave}: {result['released']} released" +
                              (f", {result['lost']} lost (key missing)" if result["lost"] else ""))
