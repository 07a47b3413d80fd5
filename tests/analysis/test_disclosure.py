"""The disclosure gate on hand-built cubes: primary, complementary and inherited suppression,
and a fuzz test in which an LP intruder tries to pin down every primary-suppressed cell."""

import itertools
import random

import pytest

from analysis.disclosure import ALL, NOT_ANSWERED, PREFER_NOT_TO_SAY, VALID, Dim, gate
from tests.analysis.auditor import pinned

SEX = [Dim("sex")]


def hidden(fine, dims=SEX, k=10):
    return gate({key: (n, n) for key, n in fine.items()}, dims, k).suppressed


def test_nothing_is_hidden_when_every_group_is_big_enough():
    assert hidden({("female",): 40, ("male",): 30, (PREFER_NOT_TO_SAY,): 10}) == set()


def test_a_small_group_is_hidden_with_the_next_smallest():
    assert hidden({("female",): 40, ("male",): 30, ("other",): 3}) == {("other",), ("male",)}


def test_complements_are_added_until_the_hidden_groups_hold_k_people():
    found = hidden({("a",): 50, ("b",): 2, ("c",): 3, ("d",): 4, ("e",): 30})
    assert found == {("b",), ("c",), ("d",), ("e",)}  # 2 + 3 + 4 = 9 < 10, so e too


def test_empty_groups_are_not_suppressed():
    assert hidden({("female",): 40, ("male",): 30, ("other",): 0}) == set()


def test_small_prefer_not_to_say_hides_not_answered_with_it():
    found = hidden({("female",): 40, ("male",): 30, (PREFER_NOT_TO_SAY,): 3, (NOT_ANSWERED,): 12})
    assert found == {(PREFER_NOT_TO_SAY,), (NOT_ANSWERED,)}


def test_small_prefer_not_to_say_alone_hides_the_comparison_base_and_a_group():
    # everyone = valid + PNS, so the valid total (behind every comparison) must go, and
    # then a group, or the valid total would be the sum of the groups shown
    found = hidden({("female",): 40, ("male",): 30, ("other",): 12, (PREFER_NOT_TO_SAY,): 3})
    assert found == {(PREFER_NOT_TO_SAY,), (VALID,), ("other",)}


def test_a_small_whole_table_is_hidden():
    assert hidden({("female",): 4, ("male",): 3}) == {("female",), ("male",), (VALID,), (ALL,)}


def test_cells_of_a_hidden_group_are_hidden_in_finer_tables():
    fine = {("female", "white"): 40, ("female", "black"): 12, ("male", "white"): 30,
            ("male", "black"): 14, ("other", "white"): 3, ("other", "black"): 4}
    found = hidden(fine, [Dim("sex"), Dim("ethnicity")])
    assert {("other", ALL), ("male", ALL)} <= found  # 7 people, and the next smallest group
    assert {("male", "white"), ("male", "black")} <= found  # 30 and 14, but inside a hidden group
    assert ("female", "white") not in found


def test_a_filter_atom_with_few_people_is_hidden_with_a_complement():
    fine = {("female", "yes"): 20, ("female", "no"): 3, ("male", "yes"): 25, ("male", "no"): 15}
    found = hidden(fine, [Dim("sex"), Dim("uses_bus", "atom")])
    assert ("female", "no") in found and ("female", "yes") in found
    assert ("male", "yes") not in found or ("male", "no") in found


def test_shows_refuses_any_view_touching_a_hidden_cell():
    fine = {("female", "yes"): (20, 20), ("female", "no"): (3, 3), ("male", "yes"): (25, 25),
            ("male", "no"): (15, 15)}
    result = gate(fine, [Dim("sex"), Dim("uses_bus", "atom")], 10)
    assert not result.shows(("female",), (["yes"],))
    assert result.shows(("female",), (None,))  # the unfiltered group is still shown
    assert result.size(("female",), (None,)) == (23, 23)


def _random_cube(rng, dims):
    values = {"sex": ["female", "male", "other", PREFER_NOT_TO_SAY, NOT_ANSWERED],
              "eth": ["white", "black", "asian", PREFER_NOT_TO_SAY],
              "q": ["1", "2", "3", "__missing__"]}
    fine = {}
    for key in itertools.product(*(values[d.name] for d in dims)):
        size = rng.choice([0, 0, 1, 2, 3, 5, 8, 11, 14, 20, 35])
        if size:
            fine[key] = size
    return fine


def _published_and_secrets(result, fine, k):
    """Every shown cube cell is published; every hidden primary cell (1..k-1) is a secret.
    People are numbered within their finest cell."""
    people = {key: frozenset((key, i) for i in range(n)) for key, n in fine.items()}

    def members(cell):
        return frozenset().union(*(p for key, p in people.items() if all(
            c in (ALL, v) or c == VALID and v not in (PREFER_NOT_TO_SAY, NOT_ANSWERED)
            for c, v in zip(cell, key, strict=True))))

    published = [(members(cell), n) for cell, (n, _) in result.sizes.items() if cell not in result.suppressed]
    secrets = [members(cell) for cell, (n, _) in result.sizes.items() if cell in result.suppressed and 0 < n < k]
    return published, secrets


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("names", [("sex",), ("sex", "eth"), ("sex", "q")])
def test_no_published_combination_pins_down_a_small_cell(seed, names):
    rng = random.Random(seed * 7 + len(names))
    dims = [Dim(n, "atom" if n == "q" else "group") for n in names]
    fine = _random_cube(rng, dims)
    result = gate({key: (n, n) for key, n in fine.items()}, dims, 10)
    published, secrets = _published_and_secrets(result, fine, 10)
    for secret in secrets:
        assert not pinned(published, secret), f"a hidden cell of {len(secret)} people can be recovered"


def test_a_not_stated_sub_cell_is_hidden_before_a_valid_group():
    """Issue 15: when a second cell must go, prefer-not-to-say and not-answered sub-cells (and
    margins) go before a valid group. Found by a random search: the earlier rule, the
    smallest cell first, hid the 52 people of r1 / c2 here; no hidden cell is recoverable."""
    fine = {("r0", "c0"): 7, ("r0", "c1"): 15, ("r0", "c2"): 11, ("r1", "c0"): 2, ("r1", "c1"): 15,
            ("r1", "c2"): 52, (NOT_ANSWERED, "c1"): 1, (NOT_ANSWERED, "c2"): 2, (PREFER_NOT_TO_SAY, "c2"): 20}
    dims = [Dim("group"), Dim("channel", "atom")]
    result = gate({key: (n, n) for key, n in fine.items()}, dims, 10)
    assert ("r1", "c2") not in result.suppressed
    assert (PREFER_NOT_TO_SAY, "c2") in result.suppressed
    published, secrets = _published_and_secrets(result, fine, 10)
    assert secrets and not any(pinned(published, secret) for secret in secrets)


def test_seeded_cells_are_hidden_as_primary_ones_are_and_protected_in_turn():
    """A question's table is seeded with the scope's hidden cells (analysis.protected): they
    are hidden even when big enough, with a complement so they cannot be worked out."""
    fine = {("female",): 40, ("male",): 30, ("other",): 12, (PREFER_NOT_TO_SAY,): 15}
    assert hidden(fine) == set()
    found = gate({key: (n, n) for key, n in fine.items()}, SEX, 10, seed=[("other",)]).suppressed
    assert ("other",) in found and len(found) >= 2
    assert ("female",) not in found and ("male",) not in found  # the base and not-stated cell go instead
