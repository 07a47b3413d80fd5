"""Shared fixtures: small, hand-written survey answers (no shared dataset needed)."""

import csv
from pathlib import Path

import pytest

from analysis.themes.codebook import Theme

FIXTURES = Path(__file__).parent / "fixtures"


def read_csv(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def transport_rows() -> list[dict]:
    return read_csv("transport_answers.csv")


@pytest.fixture(scope="session")
def workplace_rows() -> list[dict]:
    return read_csv("workplace_answers.csv")


@pytest.fixture(scope="session")
def codebook() -> list[Theme]:
    return [
        Theme(r["theme"], r["description"], tuple(k.strip() for k in r["keywords"].split(";")))
        for r in read_csv("transport_codebook.csv")
    ]
