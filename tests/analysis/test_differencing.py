"""Differencing attacks: an intruder combines every table we publish and tries to recover a
hidden group (its count, or the sum of its answers behind a mean). Each must fail."""

import datetime
import random

import pytest

from analysis.breakdown import breakdown
from analysis.filters import Filters
from analysis.trends import trend
from tests.analysis.auditor import pinned, table_knowledge

MONTHS = [1, 2, 3, 4, 5, 6]


def _people(seed=7):
    rng = random.Random(seed)
    people = []
    plan = [("female", "white", 52), ("female", "asian", 11), ("female", "black", 4), ("male", "white", 45),
            ("male", "asian", 3), ("male", "mixed", 12), ("prefer_not_to_say", "white", 6), (None, "other", 8),
            ("female", "prefer_not_to_say", 5)]
    for sex, ethnicity, count in plan:
        for _ in range(count):
            people.append({"sex": sex, "ethnic_group_broad": ethnicity, "edi_1": rng.randint(1, 7),
                           "uses_bus": rng.choice(["yes", "yes", "yes", "no", None]),
                           "month": rng.choice(MONTHS), "channel": rng.choice(["poster", "email", None])})
    return people


@pytest.fixture
def world(make_survey, add_responses, channels):
    survey = make_survey()
    people = _people()
    rows = []
    for person in people:
        answers = {"edi_1": person["edi_1"], "ethnicity": person["ethnic_group_broad"]}
        if person["sex"]:
            answers["sex"] = person["sex"]
        if person["uses_bus"]:
            answers["uses_bus"] = person["uses_bus"]
        rows.append((answers, {"submitted_on": datetime.date(2026, person["month"], 10),
                               "channel": person["channel"]}))
    add_responses(survey, rows)
    return survey, people


class Intruder:
    """Collects everything published; then tries to pin down each hidden small group."""

    def __init__(self, people):
        self.people = people
        self.counts, self.sums, self.secrets = [], [], []

    def read(self, table, keep=lambda p: True):
        published, secrets = table_knowledge(table, self.people, keep)
        self.counts += published
        self.sums += [(group, sum(self.people[i]["edi_1"] for i in group)) for group, _ in published]
        self.secrets += secrets

    def recovered(self) -> list[frozenset]:
        return [s for s in self.secrets if pinned(self.counts, s) or pinned(self.sums, s)]


def months(first, last):
    return Filters(date_from=datetime.date(2026, first, 1), date_to=datetime.date(2026, last, 28))


def in_months(first, last):
    return lambda p: first <= p["month"] <= last


def test_totals_minus_shown_groups_do_not_reveal_a_hidden_group(world):
    survey, people = world
    table = breakdown(survey, question="edi_1", by=["sex"])
    pns = next(r for r in table.rows if r["group"] == "prefer_not_to_say")
    assert pns["suppressed"]  # 6 people
    shown = sum(r["n"] for r in table.rows if not r["suppressed"])
    assert table.total["n"] - shown >= 10  # what subtraction leaves is at least a group of 10
    intruder = Intruder(people)
    intruder.read(table)
    assert intruder.secrets and not intruder.recovered()


def test_overlapping_breakdowns_together_reveal_no_hidden_group(world):
    survey, people = world
    intruder = Intruder(people)
    for by in (["sex"], ["ethnic_group_broad"], ["sex", "ethnic_group_broad"], ["ethnic_group_broad", "sex"]):
        intruder.read(breakdown(survey, question="edi_1", by=by))
    assert len(intruder.secrets) >= 5 and not intruder.recovered()


def test_filtering_out_a_few_people_does_not_expose_them(world):
    survey, people = world
    # the filter uses_bus = yes leaves out 1-9 people of several groups
    left_out = {s: sum(1 for p in people if p["sex"] == s and p["uses_bus"] != "yes") for s in ("female", "male")}
    unfiltered = breakdown(survey, question="edi_1", by=["ethnic_group_broad"])
    intruder = Intruder(people)
    intruder.read(unfiltered)
    for values in (("yes",), ("no",), ("yes", "no")):
        table = breakdown(survey, question="edi_1", by=["ethnic_group_broad"],
                          filters=Filters(where=(("uses_bus", values),)))
        intruder.read(table, lambda p, v=values: p["uses_bus"] in v)
        for row in table.rows:
            before = next(r for r in unfiltered.rows if r["group"] == row["group"])
            if not row["suppressed"] and not before["suppressed"]:
                assert before["n"] - row["n"] == 0 or before["n"] - row["n"] >= 10
    assert left_out and not intruder.recovered()


def test_two_filtered_views_differing_by_one_answer_reveal_nothing(world):
    survey, people = world
    intruder = Intruder(people)
    for values in (("1", "2", "3"), ("1", "2"), ("3",), ("4", "5", "6", "7")):
        table = breakdown(survey, question="uses_bus", by=["sex"], positive=["yes"],
                          filters=Filters(where=(("edi_1", values),)))
        intruder.read(table, lambda p, v=values: str(p["edi_1"]) in v and p["uses_bus"])
    assert intruder.secrets and not [s for s in intruder.secrets if pinned(intruder.counts, s)]


def test_the_intruder_wins_without_the_gate(world):
    """Control: had the groups been published as computed, the same attack would succeed."""
    survey, people = world
    intruder = Intruder(people)
    for values in (("yes",), ("yes", "no")):
        table = breakdown(survey, question="edi_1", by=["ethnic_group_broad"],
                          filters=Filters(where=(("uses_bus", values),)))
        intruder.read(table, lambda p, v=values: p["uses_bus"] in v)

    def group(ethnicity, values):
        return frozenset(i for i, p in enumerate(people) if p["ethnic_group_broad"] == ethnicity
                         and p["uses_bus"] in values)

    small = [(e, group(e, ("no",))) for e in ("white", "asian", "mixed") if 0 < len(group(e, ("no",))) < 10]
    assert small
    for ethnicity, secret in small:
        ungated = [(g, len(g)) for g in (group(ethnicity, ("yes",)), group(ethnicity, ("yes", "no")))]
        assert pinned(ungated, secret)
        assert not pinned(intruder.counts, secret)


def test_date_ranges_and_channels_reveal_nothing(world):
    survey, people = world
    intruder = Intruder(people)
    intruder.read(breakdown(survey, question="edi_1", by=["sex"]))
    for first, last in ((1, 3), (1, 4), (4, 6), (2, 2), (1, 6)):
        intruder.read(breakdown(survey, question="edi_1", by=["sex"], filters=months(first, last)),
                      in_months(first, last))
    for chosen in (("poster",), ("email",), ("poster", "email")):
        intruder.read(breakdown(survey, question="edi_1", by=["sex"], filters=Filters(channels=chosen)),
                      lambda p, c=chosen: p["channel"] in c)
    assert not intruder.recovered()


def test_date_filters_cover_whole_months(world):
    survey, _ = world
    narrow = breakdown(survey, question="edi_1", by=["sex"], filters=Filters(
        date_from=datetime.date(2026, 3, 11), date_to=datetime.date(2026, 3, 12)))
    whole = breakdown(survey, question="edi_1", by=["sex"], filters=months(3, 3))
    assert narrow.filters["from"] == "2026-03-01" and narrow.filters["to"] == "2026-03-31"
    assert narrow.total == whole.total


def test_a_trend_adds_nothing_to_breakdowns(world):
    survey, people = world
    intruder = Intruder(people)
    intruder.read(breakdown(survey, question="edi_1", by=["sex"]))
    result = trend(survey, question="edi_1", period="month", by=["sex"])
    for month in MONTHS:
        rows = [r for r in result.rows if r["period"] == f"2026-{month:02d}"]
        intruder.read(_Table(rows, result), in_months(month, month))
    intruder.read(breakdown(survey, question="edi_1", by=["sex"], filters=months(1, 3)), in_months(1, 3))
    assert not intruder.recovered()


class _Table:
    """A trend period read as a table."""

    def __init__(self, rows, result):
        self.rows = [r for r in rows if r["group"] != "all"]
        self.total = next(r for r in rows if r["group"] == "all")
        self.by, self.min_group_size = result.by, result.min_group_size
        self.comparison_base = next(p["comparison_base"] for p in result.periods
                                    if p["period"] == self.total["period"])
        self.disclosure = {}
