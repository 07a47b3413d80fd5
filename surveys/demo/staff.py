"""A demo staff survey wave: a staff list, who took part, and their (unlinked) responses.

The people who take part are drawn from the staff list; their responses are generated from
separate personas carrying only the directorate, and stored in a shuffled order, so the
demo data is as unlinkable as real data.
"""

import datetime
import random

from .generate import generate_answers
from .personas import PNS, sample_persona

# (survey answer code, staff-list label, headcount, share taking part)
DIRECTORATES = [
    ("corporate_services", "Corporate Services", 176, 0.74),
    ("policy_strategy", "Policy, Strategy and Government Relations", 92, 0.81),
    ("investment_delivery", "Investment and Delivery", 118, 0.69),
    ("place", "Place", 84, 0.71),
    ("transport_operations", "Transport operations (Merseytravel)", 412, 0.47),
    ("transport_infrastructure", "Transport infrastructure and assets", 187, 0.55),
    ("mayors_office", "Mayor's Office", 8, 0.75),  # too small to show (§3.1)
]
DEMO_ACCOUNTS_DIRECTORATE = "Corporate Services"


def staff_list_csv(extra_emails: list[str]) -> bytes:
    """The demo staff list as the CSV an administrator would upload."""
    lines = ["email,directorate"]
    number = 0
    for _, label, headcount, _ in DIRECTORATES:
        for _ in range(headcount):
            number += 1
            lines.append(f'staff.{number:04d}@lcrca.example,"{label}"')
    lines += [f'{email},"{DEMO_ACCOUNTS_DIRECTORATE}"' for email in extra_emails]
    return ("\n".join(lines) + "\n").encode()


def taking_part(rng: random.Random, staff: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(email, directorate label) of the generated staff who took part."""
    share = {label: rate for _, label, _, rate in DIRECTORATES}
    return [(email, d) for email, d in staff if email.startswith("staff.") and rng.random() < share[d]]


def staff_response_rows(definition, rng: random.Random, directorates: list[str], opens_on: datetime.date,
                        today: datetime.date) -> list[dict]:
    """One generated response per participant's directorate, in shuffled order."""
    code_for = {label: code for code, label, _, _ in DIRECTORATES}
    codes = [code_for[d] for d in directorates]
    rng.shuffle(codes)
    days = max((today - opens_on).days, 0)
    rows = []
    for code in codes:
        persona = sample_persona(rng, "staff", today)
        roll = rng.random()
        if roll < 0.95:
            persona["directorate"] = code
        elif roll < 0.98:
            persona["directorate"] = PNS
        rows.append({"answers": generate_answers(definition, rng, persona=persona),
                     "submitted_on": opens_on + datetime.timedelta(days=rng.randint(0, days)),
                     "channel": "staff-intranet" if rng.random() < 0.2 else None})
    return rows
