"""The Equality Strategy's targets, for seed_demo (standards.md §4.2 and §5).

Staff: every EDI item at least 6 out of 7 for every employee group. Passengers: the shares
feeling safe at the stop and on the bus at least Your Bus Journey's national figures
(72% and 80%, January 2025), counting "very" and "fairly safe" as feeling safe.
"""

from engagement.models import Programme

from .models import Target

EDI_ITEMS = ["edi_respect", "edi_fair_opportunity", "edi_belonging", "edi_speak_up", "edi_manager_inclusive",
             "edi_no_discrimination"]
SAFE = ["very_safe", "fairly_safe"]
DEMO_TARGETS = {
    "staff-engagement": [
        {"name": "EDI items: at least 6 out of 7 for every employee group", "question_codes": EDI_ITEMS,
         "measure": Target.Measure.MEAN, "threshold": 6.0},
    ],
    "passenger-safety": [
        {"name": "Feel safe waiting at the bus stop: at least 72%", "measure": Target.Measure.PCT_POSITIVE,
         "question_codes": ["safe_bus_wait_day", "safe_bus_wait_dark"], "threshold": 72.0, "positive": SAFE},
        {"name": "Feel safe on the bus: at least 80%", "measure": Target.Measure.PCT_POSITIVE,
         "question_codes": ["safe_bus_onboard_day", "safe_bus_onboard_dark"], "threshold": 80.0, "positive": SAFE},
    ],
}


def demo_targets() -> int:
    """Create the targets missing from the demo programmes; returns how many were added."""
    added = 0
    for slug, targets in DEMO_TARGETS.items():
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            continue
        for spec in targets:
            _, created = Target.objects.get_or_create(programme=programme, name=spec["name"],
                                                      defaults={k: v for k, v in spec.items() if k != "name"})
            added += created
    return added
