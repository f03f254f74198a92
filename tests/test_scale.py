"""Actor linking stays sub-quadratic, and its fast paths give the exact result."""
from __future__ import annotations

import random
from types import SimpleNamespace

from dossier.extract import linking


def test_key_pairs_pair_exactly_the_names_sharing_a_key():
    names = ["Ahmed Karimi", "أحمد كريمي", "Leyla Demir", "Lejla Demir", "Omar Haddad", "Karimi"]
    pairs = set(linking._key_pairs(names, family=True))
    keys = [linking.name_key(n) for n in names]
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if keys[i] == keys[j]:
                assert (i, j) in pairs
    assert (2, 3) in pairs  # same family name: a candidate for the given-name variant rule
    assert (0, 4) not in pairs
