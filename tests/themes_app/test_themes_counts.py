"""Theme counts go through the disclosure gate like every breakdown; quotes only come from
groups of at least min_group_size answers (standards §3.1, §3.2)."""

import pytest
from django.core.exceptions import PermissionDenied

from analysis.themes.counts import ThemeCountError, theme_counts
from analysis.themes.models import AnswerTag, TextAnswer
from analysis.themes.tagging import tagging_run


@pytest.fixture
def tagged(codebook):
    tagging_run(codebook)
    return codebook


def rows_by_group(counts):
    return {row["group"]: row for row in counts.rows}


def test_counts_match_the_tags_for_shown_groups(tagged):
    counts = theme_counts(tagged, by="sex")
    rows = rows_by_group(counts)
    female = rows["female"]
    assert not female["suppressed"]
    answers = TextAnswer.objects.filter(non_answer=False, response__profile__sex="female")
    assert female["n"] == answers.count()
    for name, count, pct in zip(counts.themes, female["counts"], female["pcts"], strict=True):
        expected = AnswerTag.objects.filter(answer__in=answers, theme__name=name,
                                            source__in=["suggested", "accepted", "human"]).count()
        assert count == expected and pct == round(100 * expected / female["n"], 1)


def test_small_groups_are_suppressed_with_no_figures(tagged):
    rows = rows_by_group(theme_counts(tagged, by="sex"))
    small = rows["prefer_not_to_say"]  # 3 people
    assert small["suppressed"] and small["n"] is None
    assert small["counts"] == [None] * 4 and small["pcts"] == [None] * 4
    assert rows["not_answered"]["suppressed"]  # 4 people: hidden too, never alone


def test_complementary_suppression_stops_differencing(tagged):
    """With one small group and everyone shown, the small group's counts would be the total
    minus the others: the gate hides the next smallest group as well (§3.2)."""
    from surveys.models import Response

    for response in Response.objects.exclude(profile__has_key="area"):
        response.profile["area"] = "north"
        response.save(update_fields=["profile"])
    counts = theme_counts(tagged, by="area")
    rows = rows_by_group(counts)
    assert rows["tiny"]["suppressed"] and not counts.total["suppressed"]
    assert rows["south"]["suppressed"] and rows["south"]["counts"] == [None] * 4
    assert not rows["north"]["suppressed"]


def test_a_small_group_is_never_hidden_alone(tagged):
    for by in ("sex", "area"):
        hidden = [r for r in theme_counts(tagged, by=by).rows if r["suppressed"]]
        assert len(hidden) != 1


def test_quotes_only_from_groups_of_at_least_k(tagged):
    counts = theme_counts(tagged, by="area")
    quoted = {q["group"] for q in counts.quotes}
    assert quoted and quoted <= {"north", "south", "all"}
    sizes = {row["group"]: row["n"] for row in [*counts.rows, counts.total]}
    assert all(sizes[g] >= counts.min_group_size for g in quoted)
    tiny = set(TextAnswer.objects.filter(response__profile__area="tiny").values_list("text", flat=True))
    assert not {q["text"] for q in counts.quotes if q["group"] != "all"} & tiny


def test_quotes_are_redacted_text_of_tagged_answers(tagged):
    counts = theme_counts(tagged, by="sex")
    texts = set(TextAnswer.objects.values_list("text", flat=True))
    for quote in counts.quotes:
        assert quote["text"] in texts
        assert AnswerTag.objects.filter(answer__text=quote["text"], theme__name=quote["theme"]).exists()


def test_everyone_only_when_no_characteristic(tagged):
    counts = theme_counts(tagged)
    assert counts.rows == [] and counts.total["n"] == 111 and not counts.total["suppressed"]


def test_survey_below_the_threshold_shows_nothing(tagged):
    survey = tagged.survey
    survey.min_group_size = 500
    survey.save()
    counts = theme_counts(tagged, by="sex")
    assert all(r["suppressed"] for r in [*counts.rows, counts.total]) and counts.quotes == []


def test_unknown_characteristic_is_an_error(tagged):
    with pytest.raises(ThemeCountError) as raised:
        theme_counts(tagged, by="shoe_size")
    assert "by" in raised.value.errors


def test_counts_check_the_analyst_role(tagged, author):
    with pytest.raises(PermissionDenied):
        theme_counts(tagged, by="sex", user=author)


def test_counts_by_channel(tagged):
    counts = theme_counts(tagged, by="channel")
    assert [r["group"] for r in counts.rows] == ["not_answered"]  # no channel recorded
    assert not counts.rows[0]["suppressed"]


def test_the_counts_page_charts_one_theme_by_group_from_the_gated_counts(tagged, analyst_client):
    import re

    from django.urls import reverse

    counts = theme_counts(tagged, by="sex")
    second = counts.themes[1]
    html = analyst_client.get(reverse("analysis:themes:counts", args=[tagged.pk]),
                              {"by": "sex", "theme": second}).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    assert f"mentioning “{second}”" in svg
    for row in [*counts.rows, counts.total]:
        label = re.escape(row["label"])
        if row["suppressed"]:
            assert re.search(rf">{label}</tspan></text><text[^>]*>suppressed: too few to report<", svg)
        else:
            assert f"{row['label']} {row['pcts'][1]:.1f}%" in svg  # the chart's description, bar by bar
    everyone = analyst_client.get(reverse("analysis:themes:counts", args=[tagged.pk])).content.decode()
    assert "<svg" not in everyone  # nothing to compare without groups


def test_a_group_under_twice_the_threshold_shows_its_size_but_no_count_per_theme(tagged):
    """Issue 15: a zero in a small group's theme counts says what nobody in it mentioned."""
    survey = tagged.survey
    survey.min_group_size = 60  # everyone (111 answers) is shown, but under 2k = 120
    survey.save(update_fields=["min_group_size"])
    counts = theme_counts(tagged)
    assert counts.total["n"] == 111 and not counts.total["suppressed"]
    assert counts.total["counts"] == [None] * 4 and counts.total["pcts"] == [None] * 4
    assert any("not the count per theme" in note for note in counts.notes)
    survey.min_group_size = 55
    survey.save(update_fields=["min_group_size"])
    assert None not in theme_counts(tagged).total["counts"]
