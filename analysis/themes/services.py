"""Writes for codebooks and discovered themes: create and edit themes, and turn a discovery
into a codebook (rename, merge, drop; splitting is a job, see ``jobs``).

Every function validates and raises ``ValidationError`` with a message per field, so the
pages and the API report problems the same way.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .answers import text_question
from .models import Codebook, DiscoveredTheme, DiscoveryRun, Theme

KEYWORDS_FROM_TERMS = 3  # discovered top terms that become a new theme's keywords
MAX_KEYWORDS = 30


def split_keywords(value) -> list[str]:
    """Keywords from a list, or text separated by semicolons, commas or new lines."""
    if isinstance(value, str):
        value = value.replace("\n", ";").replace(",", ";").split(";")
    cleaned = [str(k).strip() for k in value or () if str(k).strip()]
    return list(dict.fromkeys(cleaned))[:MAX_KEYWORDS]


def codebook_create(*, survey, question_code: str, name: str, user=None, themes=()) -> Codebook:
    """A codebook for one open-text question; ``themes``: dicts of name/description/keywords."""
    name = (name or "").strip()
    errors = {}
    if text_question(survey, question_code) is None:
        errors["question_code"] = f"‘{question_code}’ is not an open-text question of this survey"
    if not name:
        errors["name"] = "Enter a name for the codebook"
    elif Codebook.objects.filter(survey=survey, question_code=question_code, name=name).exists():
        errors["name"] = "This question already has a codebook with that name"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        codebook = Codebook.objects.create(survey=survey, question_code=question_code, name=name,
                                           created_by=user if user and user.is_authenticated else None)
        for theme in themes:
            theme_save(codebook=codebook, **theme)
    return codebook


def theme_save(*, codebook: Codebook, name: str, description: str = "", keywords=(),
               theme: Theme | None = None) -> Theme:
    """Create a theme, or update ``theme``; names are unique within a codebook."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the theme"})
    clash = Theme.objects.filter(codebook=codebook, name__iexact=name)
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"name": f"The codebook already has a theme called ‘{name}’"})
    if theme is None:
        last = codebook.themes.aggregate(last=Max("position"))["last"]
        theme = Theme(codebook=codebook, position=(last or 0) + 1)
    theme.name, theme.description, theme.keywords = name, (description or "").strip(), split_keywords(keywords)
    theme.save()
    return theme


def theme_delete(*, theme: Theme) -> None:
    """Remove a theme with its tags (people's decisions about it go too)."""
    theme.delete()


def discovered_rename(*, theme: DiscoveredTheme, name: str) -> DiscoveredTheme:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the theme"})
    theme.name = name[:120]
    theme.save(update_fields=["name"])
    return theme


def discovered_set_status(*, theme: DiscoveredTheme, keep: bool) -> DiscoveredTheme:
    """Drop a theme from the codebook-to-be, or bring it back."""
    theme.status = DiscoveredTheme.Status.KEPT if keep else DiscoveredTheme.Status.DROPPED
    theme.save(update_fields=["status"])
    return theme


@transaction.atomic
def discovered_merge(*, themes: list[DiscoveredTheme], name: str = "") -> DiscoveredTheme:
    """Fold the themes into the first: members, examples and top terms combined."""
    kept = [t for t in themes if t.status == DiscoveredTheme.Status.KEPT]
    if len(kept) < 2 or len({t.run_id for t in kept}) != 1:
        raise ValidationError({"themes": "Choose at least two kept themes from the same discovery"})
    into, others = kept[0], kept[1:]
    for other in others:
        into.member_ids = list(dict.fromkeys([*into.member_ids, *other.member_ids]))
        into.example_ids = list(dict.fromkeys([*into.example_ids, *other.example_ids]))[:5]
        into.top_terms = list(dict.fromkeys(_interleave(into.top_terms, other.top_terms)))[:10]
        other.status, other.merged_into = DiscoveredTheme.Status.MERGED, into
        other.save(update_fields=["status", "merged_into"])
    into.size = len(into.member_ids)
    into.name = (name or "").strip()[:120] or " / ".join(t.name for t in kept)[:120]
    into.save()
    return into


def _interleave(first: list, second: list) -> list:
    merged = []
    for i in range(max(len(first), len(second))):
        merged += [terms[i] for terms in (first, second) if i < len(terms)]
    return merged


def codebook_from_discovery(*, run: DiscoveryRun, name: str, user=None) -> Codebook:
    """A codebook with one theme per kept discovered theme. The top terms describe it and the
    first few become keywords, so tagging works before anyone has coded an answer."""
    kept = list(run.themes.filter(status=DiscoveredTheme.Status.KEPT))
    if not kept:
        raise ValidationError({"themes": "Keep at least one theme"})
    names = [t.name.strip() for t in kept]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValidationError({"themes": f"Rename the themes that share a name: {', '.join(duplicates)}"})
    themes = [{"name": t.name, "description": "Found by discovery; common words: " + ", ".join(t.top_terms),
               "keywords": t.top_terms[:KEYWORDS_FROM_TERMS]} for t in kept]
    with transaction.atomic():
        codebook = codebook_create(survey=run.survey, question_code=run.question_code, name=name,
                                   user=user, themes=themes)
        codebook.source_run = run
        codebook.save(update_fields=["source_run"])
    return codebook
