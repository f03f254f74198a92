"""Linking: the mentions of all documents clustered into `Actor` records with stable ids.

Spellings are matched across scripts with the keys of `dossier.text.names`; the editor's
pins (content/aliases.yml) force merges and forbid others.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


from dossier.io.files import stays_in
from dossier.io.safe_yaml import load_yaml_text
from dossier.text.names import nominative
from dossier.extract.display import display_name, english_romanization, split_genitives
from dossier.extract.institutions import HEAD_KEY, institution_name, settle_institutions
from dossier.extract.features import same_feature_places
from dossier.extract.gazetteer import KIN_KEY, Gazetteer, cities, gazetteer, institution_states, role_key
from dossier.extract.propagation import Lookups, propagate, propagate_scripts, propagate_spellings
from dossier.extract.scriptnames import propagate_short_arabic
from dossier.extract.reuse import Reuse
from dossier.model import ACTOR_KINDS, Actor, Alias, Document, Mention, MentionCandidate, Role
from dossier.model.errors import RecordError
from dossier.text import script_of, slugify, to_latin, unique_slug
from dossier.text.romanize import arabic_name_in_latin
from dossier.text.names import (key_strength, name_key, name_keys, normalize_surface, remember_same_names,
                                same_name, same_name_count, same_name_table)

# ---- pins: the editor's content/aliases.yml --------------------------------------------

@dataclass
class Pin:
    """Force these spellings into one actor with this canonical name (and id/kind)."""
    name: str
    aliases: list[str] = field(default_factory=list)
    id: Optional[str] = None
    kind: Optional[str] = None

    def matches(self, name: str) -> bool:
        n = normalize_surface(name)
        return any(normalize_surface(a) == n or same_name(a, name) for a in [self.name] + self.aliases)


@dataclass
class Pins:
    """The editor's merges (`pins`) and forbidden merges (`distinct`, groups of names)."""
    pins: list[Pin] = field(default_factory=list)
    distinct: list[list[str]] = field(default_factory=list)


def load_pins(content_dir: Path) -> Pins:
    """Read content/aliases.yml; an empty Pins when the file is missing or empty."""
    path = Path(content_dir) / "aliases.yml"
    if not path.exists():
        return Pins()
    shown = f"{path.parent.name}/{path.name}"
    if not stays_in(path, content_dir):  # only content/ is ever read as content
        raise RecordError(shown, "this is a link to a file outside content/; it is not read",
                          hint="keep the aliases in content/aliases.yml itself")
    try:
        data = load_yaml_text(path.read_text(encoding="utf-8"), shown)  # RecordError with the line
    except UnicodeDecodeError as err:
        raise RecordError(shown, "not UTF-8 text", hint="save the file as UTF-8") from err
    if data is None:
        return Pins()
    if not isinstance(data, list):
        raise RecordError(shown, "must be a list of entries (each starting with '- ')",
                          hint="see the commented examples in the file")
    pins = Pins()
    for n, entry in enumerate(data, 1):
        where = f"entry {n}"
        if not isinstance(entry, dict):
            raise RecordError(shown, f"{where} must be a mapping with 'name' and 'aliases', or 'distinct'")
        if "distinct" in entry:
            names = entry["distinct"]
            if not isinstance(names, list) or len(names) < 2 or not all(isinstance(x, str) for x in names):
                raise RecordError(shown, f"{where}: 'distinct' must list at least two names")
            pins.distinct.append([str(x) for x in names])
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RecordError(shown, f"{where}: 'name' (the canonical name) is required")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise RecordError(shown, f"{where} ({name}): 'aliases' must be a list of spellings")
        kind = entry.get("kind")
        if kind is not None and kind not in ACTOR_KINDS:
            raise RecordError(shown, f"{where} ({name}): kind '{kind}' is not one of {', '.join(ACTOR_KINDS)}")
        pin_id = entry.get("id")
        if pin_id is not None and (not isinstance(pin_id, str) or slugify(pin_id) != pin_id):
            raise RecordError(shown, f"{where} ({name}): id '{pin_id}' must be lowercase a-z, 0-9 and '-'")
        pins.pins.append(Pin(name=name.strip(), aliases=[a.strip() for a in aliases], id=pin_id, kind=kind))
    return pins

# ---- clustering ------------------------------------------------------------------------

class _Clusters:
    """Union-find over cluster labels, refusing merges the editor forbade."""

    def __init__(self, forbidden):
        self.parent: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        self.forbidden = forbidden

    def add(self, label: str, name: str) -> None:
        self.parent.setdefault(label, label)
        self.names.setdefault(label, set()).add(name)

    def find(self, label: str) -> str:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.forbidden(self.names[ra], self.names[rb]):
            return False
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.names[keep] |= self.names.pop(drop)
        return True


def _forbidder(pins: Pins):
    def forbidden(names_a: set[str], names_b: set[str]) -> bool:
        for group in pins.distinct:
            hit_a = {i for i, g in enumerate(group) for n in names_a if normalize_surface(n) == normalize_surface(g)}
            hit_b = {i for i, g in enumerate(group) for n in names_b if normalize_surface(n) == normalize_surface(g)}
            if hit_a and hit_b and hit_a != hit_b:
                return True
        return False
    return forbidden


_KIND_WEIGHT = {"person": 2, "outlet": 3, "organization": 2, "state": 5, "place": 1, "other": 0.5}


def _compatible(kind_a: str, kind_b: str) -> bool:
    """Kinds that may name the same actor (an unsure 'other' goes with anything)."""
    if "other" in (kind_a, kind_b) or kind_a == kind_b:
        return True
    return {kind_a, kind_b} == {"outlet", "organization"}


def _key_pairs(names: list[str], family: bool = False) -> list[tuple[int, int]]:
    """Index pairs (i < j, sorted) of names sharing a cross-script key, never all pairs.

    Two spellings of one name have the same `name_key`; with `family`, names of two or more
    words that share the key of everything after the first word are paired too.
    """
    blocks: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        keys = {"k:" + k for k in name_keys(name)}
        words = name.split()
        if family and len(words) > 1:
            keys.update(f"f{len(words)}:" + k for k in name_keys(" ".join(words[1:])))
        for k in keys:
            blocks.setdefault(k, []).append(i)
    pairs = {(x, y) for members in blocks.values() for n, x in enumerate(members) for y in members[n + 1:]}
    return sorted(pairs)


def _nasal_variant(a: str, b: str) -> bool:
    """Same family name; given names equal but for a final n/m (Ilhan ~ Ilham)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or not same_name(" ".join(wa[1:]), " ".join(wb[1:])):
        return False
    ka, kb = name_key(wa[0]), name_key(wb[0])
    return ka != kb and len(ka) >= 3 and ka[:-1] == kb[:-1] and {ka[-1], kb[-1]} == {"n", "m"}


def _canonical(mentions: list[MentionCandidate]) -> str:
    """The name an actor is shown under (see `display.display_name`)."""
    return display_name(mentions)


def resolve(docs: list[Document], mentions: list[MentionCandidate], existing: list[Actor],
            pins: Optional[Pins], memo: Optional[Reuse] = None
            ) -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    """Cluster mentions of all documents into actors with stable ids.

    Names found by a cue in one document are first looked up in every other document
    (see `propagate`); the new MentionCandidates are APPENDED to `mentions` in place so
    the caller can pair them with their actor ids. Returns the actors (sorted by id) and
    a map (source id, start, end) -> actor id for every mention.
    """
    pins = pins or Pins()
    # name comparisons of earlier runs (a pure function of two strings)
    table_key = memo.key("same-name") if memo is not None else None
    if table_key is not None:
        remember_same_names(memo.get(table_key) or {})
    known = same_name_count()
    lookups = Lookups(memo) if memo is not None else None  # each document's entry read once for all passes
    extra = propagate(docs, mentions, lookups)
    mentions.extend(extra)
    mentions.extend(propagate_scripts(docs, mentions, lookups))
    mentions.extend(propagate_spellings(docs, mentions, lookups))
    mentions.extend(propagate_short_arabic(docs, mentions, lookups))
    ordered, glued = _split_glued(sorted(mentions, key=lambda m: (m.source, m.start, m.end, m.name)))
    ordered, joined = _split_connected(ordered)
    glued.update(joined)
    ordered, stands = settle_institutions(ordered)
    glued.update(stands)
    ordered, genitives = split_genitives(ordered)
    glued.update(genitives)
    clusters = _Clusters(_forbidder(pins))
    label_of, fulls, singles = _label_mentions(ordered, pins, clusters)
    _merge_full_names(ordered, fulls, clusters)
    _merge_cut_arabic(ordered, fulls, clusters)
    _merge_reversed(ordered, fulls, clusters)
    _merge_patronymic_address(ordered, fulls, clusters)
    _merge_place_spellings(ordered, fulls, label_of, clusters)
    same_feature_places({lab: ordered[ix[0]].name for lab, ix in fulls.items()  # "Dnipro River" = "Dnipro Nehri"
                         if ordered[ix[0]].kind in ("place", "other")}, clusters.union)
    _merge_contained(ordered, fulls, clusters)
    pending = _attach_single_words(ordered, fulls, singles, clusters, label_of)
    _merge_single_words(ordered, pending, clusters, label_of)
    _merge_joined(ordered, fulls, pending, clusters, label_of)
    _merge_river_towns(ordered, pending, clusters, label_of)
    _merge_suffixed(ordered, pending, clusters, label_of)

    # 5. Build the actors.
    groups: dict[str, list[MentionCandidate]] = {}
    for idx, m in enumerate(ordered):
        groups.setdefault(clusters.find(label_of[idx]), []).append(m)
    if table_key is not None and same_name_count() > known:
        memo.put(table_key, same_name_table())
    actors, mapping = _build_actors(groups, existing, pins, gazetteer())
    for whole, tail in glued.items():  # the glued span stands for the name after the glue
        mapping[whole] = mapping[(tail.source, tail.start, tail.end)]
    return actors, dict(sorted(mapping.items()))


def _split_glued(ordered: list[MentionCandidate]) -> tuple[list[MentionCandidate], dict[tuple[str, int, int], MentionCandidate]]:
    """"ООО Вектор Иван Белов": a run of three or more words whose last two are a full name
    found on its own elsewhere and whose first word is a name found alone elsewhere is two
    names glued by capitals; it is split in two. Returns the mentions and, per split span,
    the mention of its tail."""
    fulls = {name_key(m.name): m.name for m in ordered if len(m.name.split()) == 2 and m.kind in ("person", "other")
             and not m.key.startswith(("state:", "inst:", "place:", KIN_KEY))}
    singles: dict[str, list[str]] = {}
    for m in ordered:
        if len(m.name.split()) == 1 and key_strength(name_key(m.name)) >= 3:
            singles.setdefault(name_key(m.name), []).append(m.name)
    out: list[MentionCandidate] = []
    glued: dict[tuple[str, int, int], MentionCandidate] = {}
    for m in ordered:
        words = m.name.split()
        spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.text)] if len(words) == 3 else []
        if len(words) == 3 == len(spans) and m.kind in ("person", "other") and m.key == name_key(m.name) \
                and any(same_name(words[0], n) for n in sorted(set(singles.get(name_key(words[0]), [])))):
            tail_name = " ".join(words[1:])
            other = fulls.get(name_key(tail_name))
            if other is not None and same_name(other, tail_name):
                head_end, tail_start = m.start + spans[0][1], m.start + spans[1][0]
                head = MentionCandidate(source=m.source, start=m.start, end=head_end, text=m.text[:spans[0][1]],
                                        name=words[0], kind="other", language=m.language, script=m.script,
                                        key=name_key(words[0]))
                tail = MentionCandidate(source=m.source, start=tail_start, end=m.end, text=m.text[spans[1][0]:],
                                        name=tail_name, kind=m.kind, language=m.language, script=m.script,
                                        title=m.title, former=m.former, key=name_key(tail_name))
                out += [head, tail]
                glued[(m.source, m.start, m.end)] = tail
                continue
        out.append(m)
    return sorted(out, key=lambda m: (m.source, m.start, m.end, m.name)), glued


_CONNECTED = {"de", "du", "of", "von", "di", "del"}


def _split_connected(ordered: list[MentionCandidate]
                     ) -> tuple[list[MentionCandidate], dict[tuple[str, int, int], MentionCandidate]]:
    """"Saint-Lucien de Lyon": a name, a connector and a place word, each name found alone
    elsewhere (the place as a place or unsure name), are two names; the span stands for the
    first. A person's name (Charles de Gaulle) is never split. Returns the mentions and, per
    split span, the mention of its head."""
    alone: dict[str, set[str]] = {}
    for m in ordered:
        if len(m.name.split()) == 1:
            alone.setdefault(normalize_surface(m.name), set()).add(m.kind)
    out: list[MentionCandidate] = []
    split: dict[tuple[str, int, int], MentionCandidate] = {}
    for m in ordered:
        words = m.text.split()
        if len(words) == 3 and words[1].casefold() in _CONNECTED and m.kind not in ("person", "state") \
                and not m.key.startswith(("state:", "inst:", "place:", KIN_KEY)) and m.name.split() == words \
                and alone.get(normalize_surface(words[0])) and alone.get(normalize_surface(words[2]), set()) & {"place", "other"}:
            tail_start = m.end - len(words[2])
            head = MentionCandidate(source=m.source, start=m.start, end=m.start + len(words[0]), text=words[0],
                                    name=words[0], kind=m.kind, language=m.language, script=m.script,
                                    title=m.title, former=m.former, key=name_key(words[0]))
            tail = MentionCandidate(source=m.source, start=tail_start, end=m.end, text=words[2], name=words[2],
                                    kind="other", language=m.language, script=m.script, key=name_key(words[2]))
            out += [head, tail]
            split[(m.source, m.start, m.end)] = head
            continue
        out.append(m)
    return sorted(out, key=lambda m: (m.source, m.start, m.end, m.name)), split


def _fixed_label(m: MentionCandidate, pins: Pins) -> str:
    """The label of a pinned name or a lexicon actor, else ""."""
    for i, pin in enumerate(pins.pins):
        if pin.matches(m.name):
            return f"pin:{i:04d}"
    if m.key.startswith(("state:", "inst:", "place:")):
        return m.key
    return ""


def _label_mentions(ordered: list[MentionCandidate], pins: Pins, clusters: _Clusters
                    ) -> tuple[dict[int, str], dict[str, list[int]], list[int]]:
    """1. Lexicon actors and pins get fixed labels; full names (2+ words) their own.

    Returns the label of each labelled mention (by index in `ordered`), the mentions under
    each full-name label, and the single-word mentions still unlabelled.
    """
    label_of: dict[int, str] = {}
    fulls: dict[str, list[int]] = {}
    singles: list[int] = []
    for idx, m in enumerate(ordered):
        fixed = _fixed_label(m, pins)
        if fixed:
            label_of[idx] = fixed
            clusters.add(fixed, m.name)
        elif len(m.name.split()) > 1:
            lab = "name:" + normalize_surface(m.name)
            label_of[idx] = lab
            clusters.add(lab, m.name)
            fulls.setdefault(lab, []).append(idx)
        else:
            singles.append(idx)
    return label_of, fulls, singles


def _merge_full_names(ordered: list[MentionCandidate], fulls: dict[str, list[int]], clusters: _Clusters) -> None:
    """2. Full names that are spellings of one another merge (cross-script by key); so do
    two people whose given names differ only by a final n/m (Ilhan/Ilham, a common
    mistranslation) when the family name AND a role agree."""
    full_labels = sorted(fulls)
    kinds = {lab: Counter(ordered[i].kind for i in fulls[lab]) for lab in full_labels}
    roles = {lab: {role_key(ordered[i].title, ordered[i].language) for i in fulls[lab] if ordered[i].title} - {None}
             for lab in full_labels}
    # Only pairs that share a key can pass (same_name implies equal name_key; a nasal
    # variant has the same family name): blocking by key keeps this linear.
    for a_i, b_i in _key_pairs([ordered[fulls[lab][0]].name for lab in full_labels], family=True):
        a, b = full_labels[a_i], full_labels[b_i]
        na, nb = ordered[fulls[a][0]].name, ordered[fulls[b][0]].name
        ka, kb = kinds[a].most_common(1)[0][0], kinds[b].most_common(1)[0][0]
        if not _compatible(ka, kb) or key_strength(name_key(na)) < 3:
            continue
        if same_name(na, nb) or (ka == kb == "person" and roles[a] & roles[b] and _nasal_variant(na, nb)):
            clusters.union(a, b)


def _merge_cut_arabic(ordered: list[MentionCandidate], fulls: dict[str, list[int]], clusters: _Clusters) -> None:
    """2b. An Arabic name is read at most two words after its title (no capitals tell where it
    ends): two Arabic words join the one person whose longer name opens with them
    (two Arabic words = the three-word Latin name they open); when several names open so, none."""
    longer: dict[str, list[str]] = {}
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        words = re.split(r"[\s\-]+", m.name)
        if len(words) >= 3 and m.kind in ("person", "other") and not m.key.startswith(KIN_KEY):
            for k in name_keys(" ".join(words[:2])):
                longer.setdefault(k, []).append(lab)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        if m.script != "Arab" or len(m.name.split()) != 2 or m.kind not in ("person", "other") \
                or key_strength(name_key(m.name)) < 4:
            continue
        fits = sorted({clusters.find(o) for k in name_keys(m.name) for o in longer.get(k, [])
                       if same_name(m.name, " ".join(re.split(r"[\s\-]+", ordered[fulls[o][0]].name)[:2]))})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


def _merge_reversed(ordered: list[MentionCandidate], fulls: dict[str, list[int]], clusters: _Clusters) -> None:
    """2c. "Karim Naddaf" for "Naddaf Karim": two words in the other order name the same
    person when both carry the same role; without a shared role they stay apart."""
    roles = {lab: {role_key(ordered[i].title, ordered[i].language) for i in fulls[lab] if ordered[i].title} - {None}
             for lab in fulls}
    by_key: dict[str, list[str]] = {}
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        if m.kind == "person" and len(m.name.split()) == 2 and roles[lab]:
            for k in name_keys(m.name):
                by_key.setdefault(k, []).append(lab)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        words = m.name.split()
        if m.kind != "person" or len(words) != 2 or not roles[lab] or key_strength(name_key(m.name)) < 4:
            continue
        flipped = f"{words[1]} {words[0]}"
        for other in sorted({o for k in name_keys(flipped) for o in by_key.get(k, [])}):
            if other != lab and roles[lab] & roles[other] and same_name(flipped, ordered[fulls[other][0]].name):
                clusters.union(lab, other)


_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична|ovich|evich|ovna|evna)$", re.I)


def _merge_patronymic_address(ordered: list[MentionCandidate], fulls: dict[str, list[int]],
                              clusters: _Clusters) -> None:
    """2d. "Александр Григорьевич": a first name and patronymic (the polite address) is the
    one person of the dossier with that first name and a family name; with two, none."""
    people: dict[str, set[str]] = {}
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        words = m.name.split()
        if m.kind == "person" and len(words) >= 2 and not _PATRONYMIC.search(words[-1]):
            for k in name_keys(words[0]):
                people.setdefault(k, set()).add(lab)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        words = m.name.split()
        if len(words) != 2 or m.kind not in ("person", "other") or not _PATRONYMIC.search(words[1]):
            continue
        fits = sorted({clusters.find(o) for k in name_keys(words[0]) for o in people.get(k, set())
                       if same_name(words[0], ordered[fulls[o][0]].name.split()[0])})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


def _merge_place_spellings(ordered: list[MentionCandidate], fulls: dict[str, list[int]], label_of: dict[int, str],
                           clusters: _Clusters) -> None:
    """2e. A name of several words guessed from capitals that spells a gazetteer place or
    region another way ("East Kazachstan" = East Kazakhstan) is that place."""
    places: dict[str, set[str]] = {}
    for idx, m in enumerate(ordered):
        if label_of.get(idx, "").startswith("place:") and len(m.name.split()) > 1:
            for k in name_keys(m.name):
                places.setdefault(k, set()).add(idx)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        if m.kind not in ("place", "other") or key_strength(name_key(m.name)) < 4:
            continue
        fits = sorted({label_of[i] for k in name_keys(m.name) for i in places.get(k, set())
                       if same_name(m.name, ordered[i].name)})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


def _contains(short: list[str], long: list[str]) -> bool:
    """The words of `short`, same name for same name, in order inside `long`; the last ones meet."""
    if len(short) >= len(long) or not same_name(short[-1], long[-1]):
        return False
    k = 0
    for w in short[:-1]:
        while k < len(long) - 1 and not same_name(w, long[k]):
            k += 1
        if k == len(long) - 1:
            return False
        k += 1
    return True


def _merge_contained(ordered: list[MentionCandidate], fulls: dict[str, list[int]], clusters: _Clusters) -> None:
    """2f. "Reza Karimzad" is "Javad Reza Karimzad" when it is the one longer person's
    name that holds its words in order (a first name, an honorific, a middle name more);
    Farid Karimov is never Emin Karimov: the given names must be there."""
    people: dict[str, list[str]] = {}
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        if m.kind in ("person", "other") and not m.key.startswith(KIN_KEY):
            for k in name_keys(m.name.split()[-1]):
                people.setdefault(k, []).append(lab)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        short = m.name.split()
        if m.kind not in ("person", "other") or m.key.startswith(KIN_KEY) or key_strength(name_key(short[-1])) < 2:
            continue
        fits = sorted({clusters.find(o) for k in name_keys(short[-1]) for o in people.get(k, [])
                       if _contains(short, ordered[fulls[o][0]].name.split())} - {clusters.find(lab)})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


def _attach_single_words(ordered: list[MentionCandidate], fulls: dict[str, list[int]], singles: list[int],
                         clusters: _Clusters, label_of: dict[int, str]) -> list[int]:
    """3. A single word joins the full name it abbreviates: the one used in the same
    document, else the only one anywhere; when several fit it stays apart (returned).

    A relative introduced by a kinship word ("his father, George") never takes the
    bare family name: in that document the surname means the main person.
    """
    by_doc_full: dict[str, set[str]] = {}
    for lab, idxs in fulls.items():
        for i in idxs:
            if not ordered[i].key.startswith(KIN_KEY):
                by_doc_full.setdefault(ordered[i].source, set()).add(lab)

    places = {normalize_surface(ordered[i].name) for i in singles if ordered[i].kind == "place"}

    def fits(single: MentionCandidate, lab: str) -> bool:
        full = ordered[fulls[lab][0]]
        if not _compatible(single.kind, full.kind):
            return False
        if full.kind in ("person", "outlet", "organization") and normalize_surface(single.name) in places:
            return False  # "Lyon" is the city, not the newspaper "Lyon Matin" or a body it opens
        words = full.name.split()
        if all(ordered[i].key.startswith(KIN_KEY) for i in fulls[lab]):
            return len(words) > 1 and same_name(words[0], single.name) and single.kind == "person"
        parts = [words[-1]] if full.kind == "person" else [words[0], words[-1]]
        if full.kind == "other" or single.kind == "other":
            parts = [words[0], words[-1]]
        # a place's two consonants across scripts are too few to tell "Essen" from "سان" (San-)
        weak = 3 if single.kind in ("place", "other") and full.kind == "other" \
            and script_of(full.name) != script_of(single.name) else 2
        return any(normalize_surface(p) == normalize_surface(single.name) or
                   (key_strength(name_key(p)) >= weak and same_name(p, single.name)) for p in parts)

    # full labels by the keys of their first and last words: `fits` needs one of them
    by_part: dict[str, set[str]] = {}
    for lab in sorted(fulls):
        words = ordered[fulls[lab][0]].name.split()
        for p in {words[0], words[-1]}:
            for k in ["k:" + k for k in name_keys(p)] + ["s:" + normalize_surface(p)]:
                by_part.setdefault(k, set()).add(lab)

    fitted: dict[tuple[str, str, str], bool] = {}  # `fits` reads the single's name and kind only

    def fits_once(single: MentionCandidate, lab: str) -> bool:
        key = (single.name, single.kind, lab)
        if key not in fitted:
            fitted[key] = fits(single, lab)
        return fitted[key]

    pending: list[int] = []
    docs: dict[str, set[str]] = {}  # full name -> the documents naming it in full (made when needed)
    for idx in singles:
        m = ordered[idx]
        local = sorted({clusters.find(lab) for lab in by_doc_full.get(m.source, set()) if fits_once(m, lab)})
        if not local:
            near = by_part.get("s:" + normalize_surface(m.name), set()).union(
                *(by_part.get("k:" + k, set()) for k in name_keys(m.name)))
            local = sorted({clusters.find(lab) for lab in near if fits_once(m, lab)})
            local = local if len(local) < 2 else [t for t in [_prominent(local, fulls, ordered, clusters, docs)] if t]
        target = local[0] if len(local) == 1 else None
        if target is not None:
            label_of[idx] = target
            clusters.names[clusters.find(target)].add(m.name)
        else:
            pending.append(idx)
    return pending


#: A full name in this many times the documents of any other a word fits is the one it means.
PROMINENT = 3


def _prominent(labels: list[str], fulls: dict[str, list[int]], ordered: list[MentionCandidate],
               clusters: _Clusters, docs: dict[str, set[str]]) -> Optional[str]:
    """The full name of several a surname fits that two or more documents name, far more often
    than any other ("Osric Valdi" in fifteen, a misread "Törene Valdi" in one)."""
    if not docs:
        for lab, idxs in fulls.items():
            docs.setdefault(clusters.find(lab), set()).update(ordered[i].source for i in idxs)
    first, second = sorted(((len(docs.get(lab, ())), lab) for lab in labels), reverse=True)[:2]
    return first[1] if first[0] >= 2 and first[0] >= PROMINENT * second[0] else None


def _merge_joined(ordered: list[MentionCandidate], fulls: dict[str, list[int]], pending: list[int],
                  clusters: _Clusters, label_of: dict[int, str]) -> None:
    """4b. A name one script writes as two words and another as one (غوكتشه آدا = Gökçeada,
    Nour-Kazemian = Nourkazemian) merges when the joined reading is the same name."""
    singles: dict[str, list[int]] = {}
    for idx in pending:
        for k in name_keys(ordered[idx].name):
            singles.setdefault(k, []).append(idx)
    for lab in sorted(fulls):
        m = ordered[fulls[lab][0]]
        for k in name_keys(m.name):
            if " " in k or key_strength(k) < 4:
                continue
            for idx in singles.get(k, []):
                single = ordered[idx]
                if _compatible(m.kind, single.kind) and same_name(m.name, single.name):
                    clusters.union(lab, label_of[idx])


def _merge_suffixed(ordered: list[MentionCandidate], pending: list[int], clusters: _Clusters,
                    label_of: dict[int, str]) -> None:
    """4d. "Karvendalın", "Gökovada": a Turkish or Azerbaijani case suffix written straight onto a
    lone word (no apostrophe) that is, without it, a name found elsewhere (vowel harmony kept)."""
    words: dict[str, dict[tuple[str, str], int]] = {}  # key -> (name, kind) -> its first mention
    for idx, m in enumerate(ordered):
        if len(m.name.split()) == 1 and idx in label_of:
            for k in name_keys(m.name):
                words.setdefault(k, {}).setdefault((m.name, m.kind), idx)
    found: dict[tuple[str, str], Optional[int]] = {}  # (bare word, kind) -> the first such mention
    for idx in pending:
        m = ordered[idx]
        if m.language not in ("tr", "az") or m.script != "Latn" or len(m.name.split()) != 1:
            continue
        bare = nominative([m.name], m.language)[0]
        if bare == m.name:
            continue
        if (bare, m.kind) not in found:
            found[(bare, m.kind)] = min((i for k in name_keys(bare) for (name, kind), i in words.get(k, {}).items()
                                         if _compatible(m.kind, kind) and same_name(bare, name)), default=None)
        first = found[(bare, m.kind)]
        if first is not None:
            clusters.union(label_of[idx], label_of[first])


_RIVER_TOWN = re.compile(r"^(\w+)[-‐ ](?:on|na|am|sur|upon|an der|nad)[-‐ ]\w+$", re.I)


def _merge_river_towns(ordered: list[MentionCandidate], pending: list[int], clusters: _Clusters,
                       label_of: dict[int, str]) -> None:
    """4c. "Zelov-on-Mar", "Зелов-на-Маре", "Frankfurt am Main": a town named with its
    river is the town its first word names alone, when that word is a lone place name."""
    alone: dict[str, list[int]] = {}
    for idx in pending:
        m = ordered[idx]
        if len(m.name.split()) == 1 and "-" not in m.name and m.kind in ("place", "other"):
            alone.setdefault(normalize_surface(m.name), []).append(idx)
    for idx, m in enumerate(ordered):
        hit = _RIVER_TOWN.match(m.name)
        if hit is None or idx not in label_of or m.kind not in ("place", "other") or m.key.startswith(("state:", "inst:")):
            continue
        town = alone.get(normalize_surface(hit.group(1)), [])
        if town:
            clusters.union(label_of[idx], label_of[town[0]])


def _merge_single_words(ordered: list[MentionCandidate], pending: list[int], clusters: _Clusters,
                        label_of: dict[int, str]) -> None:
    """4. Remaining single words cluster among themselves: same surface, or the same
    spelling across scripts when the key is strong enough to trust."""
    single_labels: list[str] = []
    for idx in pending:
        m = ordered[idx]
        lab = "word:" + normalize_surface(m.name)
        label_of[idx] = lab
        clusters.add(lab, m.name)
        if lab not in single_labels:
            single_labels.append(lab)
    single_labels.sort()
    rep: dict[str, MentionCandidate] = {}
    for i in pending:
        rep.setdefault(label_of[i], ordered[i])
    for a_i, b_i in _key_pairs([rep[lab].name for lab in single_labels]):
        a, b = single_labels[a_i], single_labels[b_i]
        ma, mb = rep[a], rep[b]
        latin = {ma.script, mb.script} <= {"Latn", "Cyrl"} and len(ma.name) >= 4
        # an acronym in capitals spelled letter for letter in the other script (РИА = RIA)
        acronym = {ma.script, mb.script} == {"Latn", "Cyrl"} and ma.name.isupper() and mb.name.isupper() \
            and to_latin(ma.name) == to_latin(mb.name)
        # ... or read out in Arabic letters (ORKA = أوركا): the consonants and vowels fit
        acronym = acronym or {ma.script, mb.script} == {"Latn", "Arab"} and any(
            x.script == "Latn" and x.name.isupper() and len(x.name) >= 3 for x in (ma, mb)) \
            and key_strength(ma.key) >= 2 and same_name(ma.name, mb.name)
        # a short Arabic place name, in a place's position, and its twin (ليون = Lyon)
        place = "place" in {x.kind for x in (ma, mb) if x.script == "Arab"} and {ma.script, mb.script} - {"Arab"}
        if _compatible(ma.kind, mb.kind) and (acronym or (key_strength(ma.key) >= 3 or latin or place)
                                             and same_name(ma.name, mb.name)):
            clusters.union(a, b)
    _merge_place_adjectives(single_labels, rep, clusters)
    _merge_read_out_acronyms(ordered, single_labels, rep, clusters, label_of)


def _merge_read_out_acronyms(ordered: list[MentionCandidate], labels: list[str], rep: dict[str, MentionCandidate],
                             clusters: _Clusters, label_of: dict[int, str]) -> None:
    """A lone Arabic word that reads out the acronym of a lexicon organisation or a pinned
    name (أوركا = ORKA) is that organisation: the one acronym it spells, if only one."""
    acronyms: dict[str, set[tuple[str, str]]] = {}
    for idx, m in enumerate(ordered):
        lab = label_of.get(idx, "")
        if lab.startswith(("inst:", "pin:")) and m.script == "Latn" and m.name.isupper() and len(m.name) >= 3:
            for k in name_keys(m.name):
                acronyms.setdefault(k, set()).add((m.name, lab))
    for lab in labels:
        m = rep[lab]
        if m.script != "Arab" or len(m.name.split()) != 1:
            continue
        fits = sorted({clusters.find(fixed) for k in name_keys(m.name) if key_strength(k) >= 2
                       for name, fixed in acronyms.get(k, set()) if same_name(m.name, name)})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


# Russian/Ukrainian adjectives made from a place's name: Тверская (область), Київський.
_PLACE_ADJECTIVE = re.compile(r"^(\w{3,}?)(?:ь)?(?:ск|зьк|цьк|ськ)(?:ая|ий|ой|ого|ому|ом|ую|ое|их|ым|ая|ої|ій|а|е|у|і|ого)$",
                              re.I)


def _merge_place_adjectives(labels: list[str], rep: dict[str, MentionCandidate], clusters: _Clusters) -> None:
    """A lone Cyrillic adjective of a place (Тверская, no title) joins the one lone place
    word whose name is its stem (Тверь, Tver); a person's name never takes it."""
    places: dict[str, list[str]] = {}
    for lab in labels:
        if rep[lab].kind in ("place", "other") and not rep[lab].title:
            for k in name_keys(rep[lab].name):
                places.setdefault(k, []).append(lab)
    for lab in labels:
        m = rep[lab]
        stem = _PLACE_ADJECTIVE.match(m.name) if m.script == "Cyrl" and not m.title else None
        if stem is None or key_strength(name_key(stem.group(1))) < 3:
            continue
        fits = sorted({clusters.find(o) for o in places.get(name_key(stem.group(1)), [])
                       if o != lab and same_name(stem.group(1), rep[o].name)})
        if len(fits) == 1:
            clusters.union(lab, fits[0])


def _state_of(ms: list[MentionCandidate], state_ids: dict[str, str]) -> Optional[str]:
    """The actor id of the state a lexicon institution belongs to, when the dossier names it."""
    states = institution_states()
    codes = sorted({states[m.key[5:]] for m in ms if m.key.startswith("inst:") and m.key[5:] in states}
                   | {m.key[m.key.rindex("@state:") + 7:] for m in ms if m.key.startswith(HEAD_KEY) and "@state:" in m.key})
    found = sorted({state_ids[c] for c in codes if c in state_ids})
    return found[0] if len(found) == 1 else None


def _build_actors(groups: dict[str, list[MentionCandidate]], existing: list[Actor], pins: Pins,
                  gaz: Gazetteer) -> tuple[list[Actor], dict[tuple[str, int, int], str]]:
    by_mention: dict[tuple[str, int, int], str] = {}
    by_alias: dict[str, str] = {}
    for actor in sorted(existing, key=lambda a: a.id):
        for mt in actor.mentions:
            by_mention.setdefault((mt.source, mt.start, mt.end), actor.id)
        for al in actor.aliases:
            by_alias.setdefault(normalize_surface(al.name), actor.id)
        by_alias.setdefault(normalize_surface(actor.name), actor.id)

    drafts = []
    for label in sorted(groups):
        ms = groups[label]
        votes: Counter = Counter()
        for m in ms:
            votes[m.kind] += _KIND_WEIGHT.get(m.kind, 1) * (2 if m.title else 1)
        if len(votes) > 1:
            votes.pop("other", None)  # an unsure guess never outvotes a kind a cue or the context gave
        kind = sorted(votes, key=lambda k: (-votes[k], k))[0]
        pin = pins.pins[int(label[4:])] if label.startswith("pin:") else None
        if label.startswith("state:"):
            name, kind = gaz.english.get(label[6:], label[6:]), "state"
        elif label.startswith(HEAD_KEY):
            name, kind = institution_name(label, ms), "organization"
        elif label.startswith("inst:"):
            name = label[5:]
        elif label.startswith("place:"):
            # The spelling English documents use (Aktobe), else ICU's English name (Aqtobe).
            seen = [m for m in ms if m.language == "en" and m.script == "Latn"]
            name = _canonical(seen) if seen else cities().english.get(label[6:]) or _canonical(ms)
            kind = "place"
        else:
            name = _canonical(ms)
        if pin is not None:
            name, kind = pin.name, pin.kind or kind
        drafts.append((label, name, kind, ms, pin))

    # Ids: reuse an existing actor's id when it shares a mention or an alias; else a slug.
    taken_now: set[str] = set()
    ids: dict[str, str] = {}
    for label, name, kind, ms, pin in sorted(drafts, key=lambda d: (-len(d[3]), d[1], d[0])):
        chosen = pin.id if pin is not None and pin.id else None
        if chosen is None:
            old = sorted({by_mention[(m.source, m.start, m.end)] for m in ms if (m.source, m.start, m.end) in by_mention} - taken_now)
            if not old:
                old = sorted({by_alias[normalize_surface(m.name)] for m in ms if normalize_surface(m.name) in by_alias} - taken_now)
            chosen = old[0] if old else None
        if chosen is None or chosen in taken_now:
            existing_ids = {a.id for a in existing}
            # an Arabic-only name's id reads as words: "fuludimir-zilinski", not "fwlwdymyr-zylnsky"
            latin = arabic_name_in_latin(name) if script_of(name) == "Arab" else name
            if script_of(name) == "Cyrl":  # "andrei-zhukov", as English writes Russian, not "andrej-zukov"
                latin = " ".join(english_romanization(w) for w in name.split())
            chosen = unique_slug(slugify(latin) or "actor", taken_now | existing_ids)
        taken_now.add(chosen)
        ids[label] = chosen

    state_ids = {m.key[6:]: ids[label] for label, _n, _k, ms, _p in drafts for m in ms if m.key.startswith("state:")}
    actors = []
    mapping: dict[tuple[str, int, int], str] = {}
    for label, name, kind, ms, pin in drafts:
        aid = ids[label]
        aliases = sorted({(m.name, m.language, m.script) for m in ms}, key=lambda a: (a[2], a[1] or "", a[0]))
        mentions = sorted({(m.source, m.start, m.end, m.text) for m in ms})
        roles = sorted({(m.source, m.title, m.former) for m in ms if m.title})
        actors.append(Actor(id=aid, name=name, kind=kind,
                            aliases=[Alias(name=n, language=lang, script=s) for n, lang, s in aliases],
                            mentions=[Mention(source=s, start=a, end=b, text=t) for s, a, b, t in mentions],
                            roles=[Role(source=s, text=t, former=f) for s, t, f in roles],
                            state=_state_of(ms, state_ids)))
        for m in ms:
            mapping[(m.source, m.start, m.end)] = aid
    actors.sort(key=lambda a: a.id)
    return actors, dict(sorted(mapping.items()))
