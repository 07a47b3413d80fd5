"""Small filters the question templates need to read answers out of plain dicts."""

import datetime
import json

from django import template

from surveys.question_types import kind_for
from surveys.question_types.scale import point_label

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def as_list(value):
    """Ticked options: a list of codes whatever was stored (a lone special answer is a string)."""
    if isinstance(value, list):
        return value
    return [value] if value else []


@register.filter
def date_part(value, part):
    """Day, month or year of a stored ISO date, or of a half-typed date being shown again."""
    if isinstance(value, dict):
        return value.get(part, "")
    if isinstance(value, str):
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            return ""
        return getattr(date, part)
    return ""


@register.filter
def scale_points(question):
    """(value, label) for each point; only the ends carry words."""
    scale = question["scale"]
    return [(value, point_label(question, value)) for value in range(scale["min"], scale["max"] + 1)]


@register.filter
def is_checked(stored, value):
    return stored is not None and str(stored) == str(value)


@register.filter
def as_json(value):
    """A value as JSON, for a data attribute (autoescaping makes it safe there)."""
    return json.dumps(value)


@register.filter
def text_limit(question):
    """The most characters a text answer may have (the question's own limit or its type's)."""
    return question.get("max_length") or kind_for(question).default_max_length
