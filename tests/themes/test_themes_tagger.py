import numpy as np
import pytest

from analysis.themes.tagger import ThemeTagger


def labels_of(rows: list[dict]) -> list[list[str]]:
    return [[t for t in r["themes"].split(";") if t] for r in rows]


@pytest.fixture(scope="module")
def coded(transport_rows):
    # Answers with at least one theme; the first 50 are "coded", the rest held out.
    rows = [r for r in transport_rows if r["themes"]]
    return rows[:50], rows[50:]


@pytest.fixture(scope="module")
def fitted(codebook, coded, transport_rows):
    train, _ = coded
    texts = [r["text"] for r in train]
    return ThemeTagger(codebook).fit(texts, labels_of(train), [r["text"] for r in transport_rows])


def test_tags_held_out_answers_with_examples(fitted, coded):
    _, held_out = coded
    result = fitted.predict([r["text"] for r in held_out])
    gold = labels_of(held_out)
    hits = sum(len(set(p) & set(g)) for p, g in zip(result.themes, gold, strict=True))
    predicted = sum(len(p) for p in result.themes)
    total = sum(len(g) for g in gold)
    assert 2 * hits / (predicted + total) >= 0.6


def test_obvious_answers_with_examples(fitted):
    result = fitted.predict(
        ["The bus was 40 minutes late and then cancelled", "so crowded, packed like sardines"]
    )
    assert result.themes[0][0] == "Reliability"
    assert "Overcrowding" in result.themes[1]


def test_confidences_are_probabilities_for_every_theme(fitted):
    result = fitted.predict(["driver was rude", ""])
    assert result.confidences.shape == (2, len(fitted.theme_names))
    assert np.all((result.confidences >= 0) & (result.confidences <= 1))
    assert set(result.scores(0)) == set(fitted.theme_names)


def test_zero_examples_uses_codebook(codebook, transport_rows):
    tagger = ThemeTagger(codebook).fit([], [], unlabelled=[r["text"] for r in transport_rows])
    result = tagger.predict(
        ["the bus is always late", "so crowded I could not get on", "no lighting at the stop",
         "a drunk man was shouting abuse", "the ramp was broken for my wheelchair"]
    )  # fmt: skip
    expected = ["Reliability", "Overcrowding", "Lighting & CCTV", "Harassment", "Accessibility"]
    for themes, theme in zip(result.themes, expected, strict=True):
        assert themes and themes[0] == theme
    assert tagger.predict(["the weather was nice"]).themes == [[]]


def test_unknown_theme_in_examples_is_rejected(codebook):
    with pytest.raises(ValueError, match="not in the codebook: Parking"):
        ThemeTagger(codebook).fit(["no spaces"], [["Parking"]])


def test_corrections_override_and_retrain(codebook, coded, transport_rows):
    train, _ = coded
    tagger = ThemeTagger(codebook).fit([r["text"] for r in train], labels_of(train))
    answer = "the heating on the bus never works and it is freezing"
    assert "Accessibility" not in tagger.predict([answer]).themes[0]
    tagger.correct([answer], [["Accessibility"]])
    # The corrected answer itself now carries exactly the human's themes...
    assert tagger.predict([answer]).themes == [["Accessibility"]]
    # ...and the re-fitted model moves similar, unseen answers the same way.
    before = ThemeTagger(codebook).fit([r["text"] for r in train], labels_of(train))
    similar = "heating never works on the bus, freezing"
    column = tagger.theme_names.index("Accessibility")
    assert tagger.predict_proba([similar])[0, column] > before.predict_proba([similar])[0, column]


def test_repeated_correction_replaces_the_earlier_one(codebook, coded):
    train, _ = coded
    tagger = ThemeTagger(codebook).fit([r["text"] for r in train], labels_of(train))
    tagger.correct(["bus smelt of smoke"], [["Harassment"]], refit=False)
    tagger.correct(["Bus smelt of SMOKE"], [["Overcrowding"]])
    assert tagger.predict(["bus smelt of smoke"]).themes == [["Overcrowding"]]


def test_suggest_next_is_uncoded_distinct_and_deterministic(fitted, coded, transport_rows):
    train, _ = coded
    pool = [r["text"] for r in transport_rows] + ["the bus was late"] * 5
    picks = fitted.suggest_next(pool, k=5)
    assert len(picks) == 5 and len(set(picks)) == 5
    coded_texts = {r["text"] for r in train}
    assert not any(pool[i] in coded_texts for i in picks)
    assert len({pool[i].lower() for i in picks}) == 5
    assert all(pool[i] not in {"n/a", "nothing", "-", "idk", "none", "no comment"} for i in picks)
    assert fitted.suggest_next(pool, k=5) == picks


def test_save_and_load_round_trip(fitted, tmp_path):
    path = tmp_path / "tagger.joblib"
    fitted.save(path)
    loaded = ThemeTagger.load(path)
    texts = ["driver was rude", "bus late again"]
    assert np.allclose(loaded.predict_proba(texts), fitted.predict_proba(texts))


def test_load_rejects_other_files(tmp_path):
    import joblib

    joblib.dump({"something": "else"}, tmp_path / "x.joblib")
    with pytest.raises(ValueError, match="not a theme tagger"):
        ThemeTagger.load(tmp_path / "x.joblib")


def test_model_keeps_no_personal_details(codebook):
    texts = ["driver Dave was rude, call me 07700 900123", "email jo@example.com the bus was late"]
    tagger = ThemeTagger(codebook).fit(texts * 3, [["Staff attitude"], ["Reliability"]] * 3)
    stored = " ".join(t for t, _ in tagger.examples)
    vocabulary = " ".join(tagger.features.word.vocabulary_) + " ".join(tagger.features.char.vocabulary_)
    for secret in ["dave", "900123", "jo@example", "example.com"]:
        assert secret not in stored.lower()
        assert secret not in vocabulary
