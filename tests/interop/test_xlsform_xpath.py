"""XLSForm relevant/constraint expressions to and from our condition JSON (pure functions)."""

import re

import pytest

from surveys.xlsform.xpath import (
    Unsupported,
    constraint_limits,
    from_condition,
    limits_constraint,
    to_condition,
)

CODES = {name: name for name in ("q", "multi", "age", "dob", "rating", "other")}
KINDS = {"q": "single", "multi": "multiple", "age": "number", "dob": "date", "rating": "scale", "other": "text"}


@pytest.mark.parametrize(("relevant", "condition"), [
    ("${q} = 'yes'", {"question": "q", "equals": "yes"}),
    ('${q}="yes"', {"question": "q", "equals": "yes"}),
    ("'yes' = ${q}", {"question": "q", "equals": "yes"}),
    ("${q} != 'no'", {"not": {"question": "q", "equals": "no"}}),
    ("selected(${multi}, 'bus')", {"question": "multi", "equals": "bus"}),
    ("${q} = ''", {"question": "q", "answered": False}),
    ("${q} != ''", {"question": "q", "answered": True}),
    ("count-selected(${multi}) > 0", {"question": "multi", "answered": True}),
    ("${age} >= 16", {"question": "age", "gte": 16}),
    ("${rating} <= 2", {"question": "rating", "lte": 2}),
    ("${rating} = 5", {"question": "rating", "equals": 5}),
    ("${q} = 3", {"question": "q", "equals": "3"}),
    ("${age} > 15.5", {"all": [{"question": "age", "gte": 15.5}, {"not": {"question": "age", "lte": 15.5}}]}),
    ("${q} = 'a' or ${q} = 'b'", {"question": "q", "in": ["a", "b"]}),
    ("selected(${multi}, 'bus') or selected(${multi}, 'rail')", {"question": "multi", "in": ["bus", "rail"]}),
    ("${q} != '' and not(${q} = 'a' or ${q} = 'b')", {"question": "q", "not_in": ["a", "b"]}),
    ("${age} >= 16 and (${q} = 'yes' or selected(${multi}, 'bus'))",
     {"all": [{"question": "age", "gte": 16},
              {"any": [{"question": "q", "equals": "yes"}, {"question": "multi", "equals": "bus"}]}]}),
    ("not(${q} = 'yes')", {"not": {"question": "q", "equals": "yes"}}),
    ("int((today() - ${dob}) div 365.25) >= 16", {"question": "dob", "age_gte": 16}),
    ("int(${age}) >= 16", {"question": "age", "age_gte": 16}),
    ("selected(../multi, 'other')", {"question": "multi", "equals": "other"}),  # as pyxform writes or_other
    ("${rating}<=2", {"question": "rating", "lte": 2}),
])
def test_common_relevant_expressions_are_understood(relevant, condition):
    assert to_condition(relevant, CODES, KINDS) == condition


@pytest.mark.parametrize(("relevant", "reason"), [
    ("${later} = 'x'", "refers to 'later', which is not an earlier question"),
    ("${q} + 1 > 3", "unexpected '+'"),
    ("${q} = 'a' # comment", "cannot read '#'"),
    ("string-length(${other}) > 3", "a comparison needs a ${question} on one side"),
    ("${q} > 'b'", "only understood for number and scale questions"),
    ("true()", "only comparisons"),
    ("${q} = 'a' and", "expected"),
    ("position(..) = 1", "unexpected '..'"),
])
def test_other_expressions_are_refused_with_a_reason(relevant, reason):
    with pytest.raises(Unsupported, match=re.escape(reason)):
        to_condition(relevant, CODES, KINDS)


@pytest.mark.parametrize("condition", [
    {"question": "q", "equals": "yes"},
    {"question": "multi", "equals": "bus"},
    {"question": "rating", "equals": 5},
    {"question": "q", "in": ["a", "b"]},
    {"question": "multi", "not_in": ["bus", "rail"]},
    {"question": "q", "answered": True},
    {"question": "q", "answered": False},
    {"question": "age", "gte": 16},
    {"question": "rating", "lte": 2},
    {"question": "dob", "age_gte": 16},
    {"question": "age", "age_gte": 18},
    {"not": {"question": "q", "equals": "it's"}},
    {"all": [{"question": "age", "gte": 16}, {"any": [{"question": "q", "equals": "yes"},
                                                      {"question": "multi", "in": ["bus", "rail"]}]}]},
])
def test_conditions_survive_a_round_trip(condition):
    assert to_condition(from_condition(condition, KINDS), CODES, KINDS) == condition


def test_multiple_choice_uses_selected():
    assert from_condition({"question": "multi", "in": ["bus", "rail"]}, KINDS) == \
        "selected(${multi}, 'bus') or selected(${multi}, 'rail')"


@pytest.mark.parametrize(("constraint", "limits"), [
    (". >= 0 and . <= 120", {"min": 0, "max": 120}),
    (". <= 7.5", {"max": 7.5}),
    ("string-length(.) <= 200", {"max_length": 200}),
    ("not(selected(., 'none') and count-selected(.) > 1)", {"exclusive": ["none"]}),
    ("not(selected(., 'none') and count-selected(.) > 1) and not(selected(., 'dk') and count-selected(.) > 1)",
     {"exclusive": ["none", "dk"]}),
])
def test_simple_constraints_become_limits(constraint, limits):
    assert constraint_limits(constraint) == limits


@pytest.mark.parametrize("constraint", ["regex(., '^[0-9]+$')", ". > 0", ". != 5", "${q} = 'x'"])
def test_other_constraints_are_refused(constraint):
    with pytest.raises(Unsupported):
        constraint_limits(constraint)


def test_limits_are_written_back_as_constraints():
    q = {"min": 0.0, "max": 120, "max_length": None,
         "options": [{"code": "none", "exclusive": True}, {"code": "bus"}]}
    written = limits_constraint(q)
    assert written == ". >= 0 and . <= 120 and not(selected(., 'none') and count-selected(.) > 1)"
    assert constraint_limits(written) == {"min": 0, "max": 120, "exclusive": ["none"]}
