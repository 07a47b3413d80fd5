from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(share, places=1):
    """A 0-1 share as a percentage: 0.1234 -> "12.3%"; None -> "–"."""
    return "–" if share is None else f"{100 * share:.{int(places)}f}%"


@register.filter
def points(difference):
    """A difference of shares in percentage points, signed: -0.031 -> "-3.1"."""
    return "–" if difference is None else f"{100 * difference:+.1f}"
