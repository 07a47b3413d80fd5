"""Benchmark the open-text theme pipeline on synthetic survey answers.

Run: .venv/bin/python bench/themes_bench.py [--answers 100000]
Prints throughput figures only; nothing here asserts on timing.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.themes.discover import discover_themes
from analysis.themes.redact import redact
from analysis.themes.tagger import ThemeTagger

TOPICS = {
    "Reliability": ["the {bus} was {late} again", "waited {mins} minutes for the {bus}",
                    "{bus} cancelled with no warning", "never on time, always {late}"],
    "Staff attitude": ["the driver was {nice}", "staff were {rude} to me", "{nice} driver helped me"],
    "Overcrowding": ["{bus} was {packed} at rush hour", "{packed}, no room to stand",
                     "too {packed} to get on the {bus}"],
    "Lighting & CCTV": ["the stop is {dark} at night", "need more lighting and cctv",
                        "{dark} underpass, cameras broken"],
    "Harassment": ["{gang} shouting abuse on the {bus}", "felt unsafe because of {gang}",
                   "was harassed by {gang}"],
    "Accessibility": ["ramp broken so my wheelchair could not get on", "no lift at the station",
                      "no space for my pushchair on the {bus}"],
}  # fmt: skip
FILL = {
    "bus": ["bus", "train", "tram", "42", "night bus", "service"],
    "late": ["late", "delayed", "sooo late", "late af", "running late"],
    "mins": ["10", "20", "45", "30+"],
    "nice": ["lovely", "friendly", "kind", "helpful 😀", "really nice"],
    "rude": ["rude", "abrupt", "dismissive", "sarcastic"],
    "packed": ["packed", "rammed", "crowded", "full"],
    "dark": ["dark", "pitch black", "badly lit"],
    "gang": ["drunk men", "teenagers", "a group of lads", "ppl"],
}
EXTRAS = ["", "", "", " cos it happens every day", " u need to sort it", ", call me on 07700 900123",
          ", driver Dave was there", " 😡😡", " thanks, Sarah"]  # fmt: skip
NON_ANSWERS = ["n/a", "nothing", "-", "idk", "none"]


def synthetic(n: int, seed: int = 0) -> tuple[list[str], list[list[str]]]:
    """``n`` answers with one or two themes each, typos, emoji and personal details."""
    rng = random.Random(seed)
    names = list(TOPICS)
    texts, labels = [], []
    for _ in range(n):
        if rng.random() < 0.05:
            texts.append(rng.choice(NON_ANSWERS))
            labels.append([])
            continue
        chosen = rng.sample(names, 2 if rng.random() < 0.25 else 1)
        parts = [rng.choice(TOPICS[t]).format(**{k: rng.choice(v) for k, v in FILL.items()})
                 for t in chosen]  # fmt: skip
        texts.append(" and ".join(parts) + rng.choice(EXTRAS))
        labels.append(chosen)
    return texts, labels


def timed(label: str, n: int, fn):
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{label:<46} {seconds:7.2f} s  {n / seconds:10,.0f} answers/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--coded", type=int, default=2_000)
    args = parser.parse_args()
    texts, labels = synthetic(args.answers)
    print(f"{args.answers:,} synthetic answers, {os.cpu_count()} CPUs\n")
    timed("redact", len(texts), lambda: [redact(t) for t in texts])
    found = timed("discover_themes (auto-chosen N in 4..15)", len(texts), lambda: discover_themes(texts))
    print(f"  -> {len(found.themes)} themes: " + " | ".join(t.label for t in found.themes[:6]))
    timed("discover_themes (N=10)", len(texts), lambda: discover_themes(texts, n_themes=10))
    tagger = ThemeTagger(list(TOPICS))
    coded = args.coded
    timed(f"tagger fit ({coded:,} coded + {coded * 5:,} unlabelled)", coded,
          lambda: tagger.fit(texts[:coded], labels[:coded], texts[coded : coded * 6]))  # fmt: skip
    batch = texts[-5_000:]
    timed("tagger predict (5,000 answers)", len(batch), lambda: tagger.predict(batch))
    timed(f"tagger predict ({len(texts):,} answers)", len(texts), lambda: tagger.predict(texts))


if __name__ == "__main__":
    main()
