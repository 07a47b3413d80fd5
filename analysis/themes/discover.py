"""Theme discovery without a codebook: TF-IDF on stemmed word 1-2 grams + NMF.

Answers are redacted first, so no personal detail can surface as a theme label,
a top term or a representative example. Non-answers are set aside. When the
number of themes is not given it is chosen in 4..15 by topic coherence (NPMI of
each theme's top terms) on a fixed sample, so the choice stays cheap on 100k
answers. Every random choice is seeded; the same input gives the same themes.
"""

import re
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .redact import PLACEHOLDERS, redact
from .text import is_non_answer, stem, tokens

THEME_RANGE = range(4, 16)
SAMPLE_FOR_CHOICE = 4000
TOP_TERMS = 10
EXAMPLES_PER_THEME = 5
MAX_FEATURES = 20_000
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
# Words a coder would never use to name a theme: contractions typed without the apostrophe,
# phone spellings and fillers, on top of scikit-learn's stop words. Any word with an
# apostrophe ("i'm", "don't") is dropped too.
NOT_LABEL_WORDS = ENGLISH_STOP_WORDS | frozenset(["im", "ive", "id", "ill", "youre", "youve", "theyre", "theyve", "weve", "wont", "dont", "doesnt", "didnt", "isnt", "wasnt", "werent", "arent", "cant", "couldnt", "shouldnt", "wouldnt", "havent", "hasnt", "hadnt", "aint", "thats", "whats", "theres", "heres", "lets", "just", "like", "really", "actually", "basically", "literally", "totally", "pretty", "quite", "lot", "lots", "bit", "thing", "things", "stuff", "got", "get", "gets", "getting", "gonna", "wanna", "gotta", "ok", "okay", "yeah", "yes", "yep", "nope", "lol", "omg", "tbh", "idk", "pls", "plz", "thanks", "thank", "ta", "cheers", "hi", "hello", "dear", "also", "still", "even", "ever", "way", "much", "many", "well", "good", "great", "u", "ur", "ya", "yeh", "wat", "dunno", "abit", "alot", "sooo", "soo", "xx", "xxx"])


@dataclass
class DiscoveredTheme:
    """One discovered theme: readable label, top terms, size and example answer ids."""

    number: int
    label: str
    top_terms: list[str]
    size: int
    example_ids: list = field(default_factory=list)


@dataclass
class Discovery:
    """Themes (largest first) and each answer's theme number (0 = none/non-answer)."""

    themes: list[DiscoveredTheme]
    assignments: list[int]
    non_answer: list[bool]


class _Corpus:
    """Stemmed, stop-word-free documents plus the commonest surface form per stem."""

    def __init__(self, texts):
        self.surface: dict[str, Counter] = defaultdict(Counter)
        cache: dict[str, tuple[str, bool]] = {}
        self.docs, self.non_answer = [], []
        for text in texts:
            key = text if isinstance(text, str) else str(text or "")
            if key not in cache:
                cache[key] = self._prepare(key)
            doc, skip = cache[key]
            self.docs.append("" if skip else doc)
            self.non_answer.append(skip)

    def _prepare(self, text: str) -> tuple[str, bool]:
        if is_non_answer(text):
            return "", True
        clean = _PLACEHOLDER.sub(" ", redact(text))
        words = [w for w in tokens(clean) if len(w) > 1 and "'" not in w and w not in NOT_LABEL_WORDS]
        stems = []
        for word in words:
            stems.append(stem(word))
            self.surface[stems[-1]][word] += 1
        return " ".join(stems), False

    def readable(self, term: str) -> str:
        """Map a stemmed uni/bigram back to its most frequent surface words."""
        return " ".join(self.surface[s].most_common(1)[0][0] for s in term.split())


def _vectorise(docs: list[str]):
    min_df = 2 if len(docs) < 2000 else max(3, len(docs) // 20_000)
    vectoriser = TfidfVectorizer(
        token_pattern=r"\S+",
        ngram_range=(1, 2),
        min_df=min_df,
        max_df=0.5,
        max_features=MAX_FEATURES,
        sublinear_tf=True,
        dtype=np.float32,
    )
    return vectoriser, vectoriser.fit_transform(docs)


def _nmf(X, n_themes: int, random_state: int, max_iter: int = 300) -> NMF:
    model = NMF(n_components=n_themes, init="nndsvda", random_state=random_state, max_iter=max_iter)
    with warnings.catch_warnings():
        # Iterations are capped for speed; a not-quite-converged factorisation
        # still ranks terms and answers the same way.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X)
    return model


def npmi_coherence(binary, components: np.ndarray, top: int = TOP_TERMS) -> float:
    """Mean normalised PMI of top-term pairs, from document co-occurrence."""
    n_docs = max(binary.shape[0], 1)
    values = []
    for weights in components:
        idx = np.argsort(-weights)[:top]
        sub = binary[:, idx]
        joint = (sub.T @ sub).toarray() / n_docs
        single = np.diag(joint)
        upper = np.triu_indices(len(idx), k=1)
        p_ij = joint[upper] + 1e-12
        pmi = np.log(p_ij / (single[upper[0]] * single[upper[1]] + 1e-12))
        values.append(np.mean(pmi / -np.log(p_ij)))
    return float(np.mean(values))


def choose_theme_count(X, random_state: int = 0) -> int:
    """Theme count in THEME_RANGE with the most coherent top terms on a sample."""
    rows = np.flatnonzero(np.diff(X.indptr) > 0)
    rng = np.random.default_rng(random_state)
    if len(rows) > SAMPLE_FOR_CHOICE:
        rows = np.sort(rng.choice(rows, SAMPLE_FOR_CHOICE, replace=False))
    sample = X[rows]
    binary = (sample > 0).astype(np.float32)
    feasible = [n for n in THEME_RANGE if n < min(sample.shape)] or [min(THEME_RANGE)]
    scores = {n: npmi_coherence(binary, _nmf(sample, n, random_state, 150).components_)
              for n in feasible}  # fmt: skip
    return max(feasible, key=lambda n: (round(scores[n], 3), -n))


def _label(top_terms: list[str]) -> str:
    """Up to three top terms, skipping words already shown in an earlier phrase."""
    chosen: list[str] = []
    for term in top_terms:
        shown = {w for c in chosen for w in c.split()}
        if not set(term.split()) <= shown:
            chosen.append(term)
        if len(chosen) == 3:
            break
    return ", ".join(chosen)


def _examples(weights: np.ndarray, members: np.ndarray, docs: list[str], ids: list) -> list:
    """Ids of the members that load most on the theme, one per distinct text."""
    picked, seen = [], set()
    for row in members[np.argsort(-weights[members], kind="stable")]:
        if docs[row] not in seen:
            seen.add(docs[row])
            picked.append(ids[row])
        if len(picked) == EXAMPLES_PER_THEME:
            break
    return picked


def discover_themes(texts, ids=None, n_themes: int | None = None, random_state: int = 0) -> Discovery:
    """Find themes in ``texts``; ``ids`` name the answers in the result (default: index)."""
    texts = list(texts)
    ids = list(range(len(texts))) if ids is None else list(ids)
    corpus = _Corpus(texts)
    if sum(bool(d) for d in corpus.docs) < 2:
        return Discovery([], [0] * len(texts), corpus.non_answer)
    vectoriser, X = _vectorise(corpus.docs)
    if n_themes is None:
        n_themes = choose_theme_count(X, random_state)
    n_themes = max(1, min(n_themes, min(X.shape) - 1 or 1))
    model = _nmf(X, n_themes, random_state)
    doc_topic = model.transform(X)
    strongest = doc_topic.argmax(axis=1)
    strongest[doc_topic.max(axis=1) <= 0] = -1
    vocabulary = vectoriser.get_feature_names_out()
    themes = []
    for t in range(n_themes):
        members = np.flatnonzero(strongest == t)
        terms = [corpus.readable(vocabulary[i]) for i in np.argsort(-model.components_[t])[:TOP_TERMS]]
        examples = _examples(doc_topic[:, t], members, corpus.docs, ids)
        themes.append(DiscoveredTheme(t, _label(terms), terms, len(members), examples))
    return _numbered(themes, strongest, corpus.non_answer)


def _numbered(themes: list[DiscoveredTheme], strongest: np.ndarray, non_answer) -> Discovery:
    """Number themes 1..N from largest to smallest and map assignments to those numbers."""
    ordered = sorted(themes, key=lambda th: (-th.size, th.number))
    renumber = {th.number: i + 1 for i, th in enumerate(ordered)}
    for theme in ordered:
        theme.number = renumber[theme.number]
    assignments = [renumber.get(int(t), 0) for t in strongest]
    return Discovery(ordered, assignments, list(non_answer))
