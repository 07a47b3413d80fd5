"""Pure helpers behind the theme commands: turn checked CSV rows into codebooks,
coded examples and answers, and tagging/discovery results into CSV rows.
"""

from .codebook import Theme
from .csvio import CsvProblem, read_rows
from .discover import Discovery
from .tagger import TagResult
from .text import is_non_answer, needs_translation


def split_list(value: str) -> list[str]:
    """Split a ';'-separated cell into trimmed, non-empty items."""
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def read_codebook(path) -> tuple[list[Theme], list[str]]:
    """Themes from a ``theme,description[,keywords]`` CSV, and any warnings."""
    rows, warnings = read_rows(path, ["theme", "description"], key="theme")
    themes = [
        Theme(row["theme"], row["description"], tuple(split_list(row.get("keywords", ""))))
        for _, row in rows
    ]
    return themes, warnings


def read_examples(path, themes: list[Theme]):
    """Coded examples ``id,text,themes``: (texts, label lists, warnings)."""
    rows, warnings = read_rows(path, ["id", "text", "themes"])
    known = {t.name for t in themes}
    texts, labels = [], []
    for number, row in rows:
        names = split_list(row["themes"])
        unknown = [n for n in names if n not in known]
        if unknown:
            raise CsvProblem(
                f"{path} row {number}: theme(s) {', '.join(map(repr, unknown))} "
                f"not in the codebook (known: {', '.join(sorted(known))})"
            )
        texts.append(row["text"])
        labels.append(names)
    return texts, labels, warnings


def read_answers(path) -> tuple[list[str], list[str], list[str]]:
    """Answers ``id,text``: (ids, texts, warnings)."""
    rows, warnings = read_rows(path, ["id", "text"])
    return [r["id"] for _, r in rows], [r["text"] for _, r in rows], warnings


def tagged_rows(ids: list[str], texts: list[str], result: TagResult) -> list[dict]:
    """Output rows ``id,themes,scores,flag``; non-answers get no themes, answers not in
    English keep their (unreliable) themes and the flag "needs translation"."""
    rows = []
    for i, (answer_id, text) in enumerate(zip(ids, texts, strict=True)):
        if is_non_answer(text):
            rows.append({"id": answer_id, "themes": "", "scores": "", "flag": "non-answer"})
            continue
        ranked = sorted(result.scores(i).items(), key=lambda item: -item[1])
        scores = ";".join(f"{name}={score:.2f}" for name, score in ranked)
        flag = "needs translation" if needs_translation(text) else ""
        rows.append({"id": answer_id, "themes": ";".join(result.themes[i]), "scores": scores, "flag": flag})
    return rows


def discovery_rows(discovery: Discovery) -> list[dict]:
    """Output rows ``theme,label,top_terms,size,example_ids``."""
    return [
        {
            "theme": theme.number,
            "label": theme.label,
            "top_terms": ";".join(theme.top_terms),
            "size": theme.size,
            "example_ids": ";".join(str(i) for i in theme.example_ids),
        }
        for theme in discovery.themes
    ]
