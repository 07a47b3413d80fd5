from analysis.themes.discover import NOT_LABEL_WORDS, discover_themes


def _corpus(transport_rows, workplace_rows):
    rows = transport_rows + workplace_rows
    return [r["text"] for r in rows], [r["id"] for r in rows]


def test_discovery_is_deterministic(transport_rows, workplace_rows):
    texts, ids = _corpus(transport_rows, workplace_rows)
    first = discover_themes(texts, ids, n_themes=6)
    second = discover_themes(texts, ids, n_themes=6)
    assert first == second


def test_discovery_finds_sensible_themes(transport_rows, workplace_rows):
    texts, ids = _corpus(transport_rows, workplace_rows)
    result = discover_themes(texts, ids, n_themes=6)
    assert len(result.themes) == 6
    assert [t.number for t in result.themes] == [1, 2, 3, 4, 5, 6]
    assert [t.size for t in result.themes] == sorted((t.size for t in result.themes), reverse=True)
    flexible = [t for t in result.themes if "flexible" in t.top_terms[:5]]
    assert flexible, [t.label for t in result.themes]
    # A flexible-working theme is made of workplace answers only.
    assert all(str(i).startswith("w") for i in flexible[0].example_ids)
    # Top terms are shown as words people wrote, not stems ("flexibl").
    assert all("flexibl " not in t + " " for th in result.themes for t in th.top_terms)
    for theme in result.themes:
        assert 1 <= len(theme.label.split(", ")) <= 3
        assert theme.example_ids and len(theme.example_ids) <= 5


def test_non_answers_are_set_aside(transport_rows):
    texts = [r["text"] for r in transport_rows]
    result = discover_themes(texts, n_themes=4)
    for text, flagged, theme in zip(texts, result.non_answer, result.assignments, strict=True):
        if text in {"n/a", "nothing", "-", "idk", "none", "no comment"}:
            assert flagged and theme == 0
    assert sum(t.size for t in result.themes) <= len(texts) - sum(result.non_answer)


def test_theme_count_is_chosen_in_range(transport_rows, workplace_rows):
    texts, ids = _corpus(transport_rows, workplace_rows)
    result = discover_themes(texts, ids)
    assert 4 <= len(result.themes) <= 15


def test_no_personal_details_in_discovered_themes():
    texts = [f"driver Dave was {w} and helpful, email dave.smith@example.com" for w in
             ["kind", "lovely", "friendly", "patient", "great", "polite"]] * 4  # fmt: skip
    texts += ["bus late again call 07700 900123", "late bus, ring 07700 900123"] * 6
    result = discover_themes(texts, n_themes=2)
    shown = " ".join(th.label + " " + " ".join(th.top_terms) for th in result.themes).lower()
    for secret in ["dave", "smith", "example", "07700", "900123", "name", "phone"]:
        assert secret not in shown


def test_tiny_or_empty_input():
    assert discover_themes([]).themes == []
    result = discover_themes(["n/a", "", None])
    assert result.themes == [] and result.assignments == [0, 0, 0]


def test_labels_and_top_terms_are_content_words_only(transport_rows, workplace_rows):
    texts, ids = _corpus(transport_rows, workplace_rows)
    filler = ["i'm just saying the bus is like always late tbh", "doesnt matter, i just dont feel safe",
              "its like really dark lol, u cant see", "i've got to say the staff r great, like really"]
    result = discover_themes(texts + filler * 10, ids + [f"f{i}" for i in range(40)], n_themes=6)
    words = {w for th in result.themes for term in [th.label.replace(",", " "), *th.top_terms] for w in term.split()}
    assert words and not words & NOT_LABEL_WORDS
    assert not [w for w in words if "'" in w]
    for word in ["i'm", "just", "like", "doesnt", "dont", "tbh", "lol", "u", "really", "cant"]:
        assert word not in words
