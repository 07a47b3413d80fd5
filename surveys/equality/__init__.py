"""Equality monitoring: a reusable question block, the groupings derived from it, and the
labels analysis needs (standards.md §1).

    from surveys.equality import CHARACTERISTICS, equality_pages
    definition["pages"] += equality_pages()

Importing this package registers the derivations in ``surveys.characteristics.DERIVED``;
``SurveysConfig.ready`` does so at start-up.
"""

from surveys.characteristics import DERIVED

from .block import equality_pages
from .derive import DERIVATIONS
from .metadata import CHARACTERISTICS, group_label

DERIVED.extend(d for d in DERIVATIONS if d not in DERIVED)

__all__ = ["CHARACTERISTICS", "equality_pages", "group_label"]
