"""Every output takes its groups from one protected table per scope (issue 15, finding 1).

The representativeness page, the breakdown, the targets board, theme counts by a
characteristic, the heat map and trends are read over the same data, and must hide the same
groups: a group hidden
by one is hidden by all, so no sum on one page minus a cell shown on another gives a hidden
count. Before the shared gate the representativeness page chose its own complementary cell
(Mixed) while the breakdown hid the base of comparisons instead, so the page's
"Mixed + Other: 19" minus the breakdown's "Mixed: 12" gave Other = 7, and the page printed the
"Not answered" count the breakdown hides. Run against that code (commit cb783c8), three
tests here failed: ``test_every_output_hides_the_same_groups`` (Mixed shown by the breakdown,
heat map, targets, themes and trend, hidden on the page),
``test_the_attack_of_finding_1_yields_no_hidden_count`` ("mixed + other = 19 on the page,
minus breakdown, gives other") and ``test_a_solver_over_every_output_pins_no_hidden_group``
("other (7) can be worked out").
"""

import pytest
from django.urls import reverse

from analysis import representativeness as rep
from analysis.breakdown import breakdown
from analysis.heatmap import heat_map
from analysis.models import Target
from analysis.population import population_load
from analysis.targets import target_statuses
from analysis.themes.counts import theme_counts
from analysis.themes.services import codebook_create
from analysis.themes.tagging import tagging_run
from analysis.trends import trend
from tests.analysis.auditor import pinned
from tests.analysis.conftest import scores

CHAR = "ethnic_group_broad"
# group -> respondents; "not_answered" leaves the question out. Other (7) is below 10.
GROUPS = {"white": 60, "asian": 30, "black": 25, "mixed": 12, "other": 7, "prefer_not_to_say": 12,
          "not_answered": 11}
SHARES = {"white": 0.7, "asian": 0.1, "black": 0.1, "mixed": 0.05, "other": 0.05}
TEXTS = ["the buses are late far too often", "more staff at the station please",
         "the buses are late and dirty", "better lighting at the stop"]


@pytest.fixture
def survey(make_survey, add_responses):
    survey = make_survey()
    rows = []
    for group, n in GROUPS.items():
        for i, score in enumerate(scores([2, 5, 7, 4, 6, 3], n)):
            answers = {"edi_1": score, "comments": TEXTS[i % len(TEXTS)]}
            if group != "not_answered":
                answers["ethnicity"] = group
            rows.append(answers)
    add_responses(survey, rows)
    population_load([{"name": "Test reference", "characteristic": CHAR, "group": g, "share": s, "source": "test"}
                     for g, s in SHARES.items()])
    return survey


def _page_counts(client, survey) -> dict[str, int | None]:
    """What the representativeness page publishes: {group or "a + b": respondents}."""
    response = client.get(reverse("analysis:survey-representativeness", args=[survey.slug]),
                          {"reference": "Test reference", "characteristic": CHAR})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    found = {" + ".join(r.members) if r.members else r.group: r.n for r in comparison.rows}
    found.update(comparison.not_stated, stated=comparison.stated)
    return found


def _breakdown_counts(survey) -> dict[str, int | None]:
    table = breakdown(survey, question="edi_1", by=[CHAR])
    return {row["group"]: row["n"] for row in table.rows}


def _target_counts(survey) -> dict[str, int | None]:
    target = Target.objects.create(programme=survey.programme, name="Fair treatment", question_codes=["edi_1"],
                                   threshold=4.0, characteristics=[CHAR])
    return {row["group"]: row["n"] for row in target_statuses(survey, targets=[target]) if row["kind"] != "total"}


def _theme_counts(survey) -> dict[str, int | None]:
    codebook = codebook_create(survey=survey, question_code="comments", name="Comments", themes=[
        {"name": "Late", "description": "Late buses", "keywords": ["late"]},
        {"name": "Staff", "description": "Staff present", "keywords": ["staff"]}])
    tagging_run(codebook)
    return {row["group"]: row["n"] for row in theme_counts(codebook, by=CHAR).rows}


def _heat_map_counts(survey) -> dict[str, int | None]:
    grid = heat_map(survey, characteristic=CHAR, questions=["edi_1"])
    row = grid.rows[0]
    return {column["group"]: cell["n"] for column, cell in zip(grid.columns, row.cells, strict=True)
            if column["group"] != "all"}


def _trend_counts(survey) -> dict[str, int | None]:
    result = trend(survey, question="edi_1", period="month", by=[CHAR])  # one month: every response
    return {row["group"]: row["n"] for row in result.rows if row["group"] != "all"}


@pytest.fixture
def outputs(survey, signed_in, analyst):
    return {"representativeness": _page_counts(signed_in(analyst), survey), "breakdown": _breakdown_counts(survey),
            "targets": _target_counts(survey), "themes": _theme_counts(survey),
            "heat map": _heat_map_counts(survey), "trend": _trend_counts(survey)}


def test_every_output_hides_the_same_groups(outputs):
    """Everyone answered edi_1 and the comments, so each output counts the same people in a
    group: a group is either hidden everywhere or shown with the same count everywhere."""
    for group, n in GROUPS.items():
        shown = {name: counts[group] for name, counts in outputs.items() if counts.get(group) is not None}
        hidden = [name for name, counts in outputs.items() if group in counts and counts[group] is None]
        assert not (shown and hidden), f"{group}: shown by {sorted(shown)}, hidden by {hidden}"
        assert all(count == n for count in shown.values()), (group, shown)
    assert outputs["breakdown"]["other"] is None  # the small group itself


def test_the_attack_of_finding_1_yields_no_hidden_count(outputs):
    """A page's combined row minus the cells another output shows must not leave a single
    hidden group; the page's "not answered" must not be a count the breakdown hides."""
    page = outputs["representativeness"]
    for label, n in page.items():
        members = label.split(" + ")
        if n is None or len(members) < 2:
            continue
        for name, counts in outputs.items():
            left = [m for m in members if counts.get(m) is None]
            assert len(left) != 1, f"{label} = {n} on the page, minus {name}, gives {left[0]}"
    for special in ("prefer_not_to_say", "not_answered"):
        if outputs["breakdown"][special] is None:
            assert page[special] is None, f"the page shows the {special} count the breakdown hides"


def test_a_solver_over_every_output_pins_no_hidden_group(outputs):
    """Everything the outputs publish, as sets of people with known sizes (the base, combined
    rows, not-stated counts, every group, everyone), given to a linear program: the size of
    every group a breakdown hides stays open."""
    people = {g: frozenset((g, i) for i in range(n)) for g, n in GROUPS.items()}
    valid = frozenset().union(*(p for g, p in people.items() if g not in ("prefer_not_to_say", "not_answered")))

    def members(label):
        return valid if label == "stated" else frozenset().union(*(people[g] for g in label.split(" + ")))

    published = [(frozenset().union(*people.values()), sum(GROUPS.values()))]
    published += [(members(label), n) for counts in outputs.values() for label, n in counts.items()
                  if n is not None]
    hidden = [g for g, n in outputs["breakdown"].items() if n is None]
    assert "other" in hidden
    for group in hidden:
        assert not pinned(published, people[group]), f"{group} ({GROUPS[group]}) can be worked out"


def test_channel_reach_hides_what_the_breakdown_by_channel_and_group_hides(survey, channels):
    from surveys.models import Response

    for i, response in enumerate(Response.objects.filter(survey=survey).order_by("pk")):
        response.channel = channels[i % 5 == 0]
        response.save(update_fields=["channel"])
    reach = rep.channel_reach(survey, CHAR)
    table = breakdown(survey, question="edi_1", by=["channel", CHAR])
    shown = {(row["groups"]["channel"], row["groups"][CHAR]): row["n"] for row in table.rows}
    assert any(n is None for n in shown.values())
    for cell, n in shown.items():
        assert reach.cells[cell] == n, cell  # everyone answered edi_1: the same people, hidden alike
