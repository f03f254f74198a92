"""The predicate lexicon: the package's (dossier/lexicons/predicates.yml) with the project's
own `content/predicates.yml` laid over it, so a newsroom adds or rewords propositions
without touching the package.

The project file has the package file's layout. Per predicate, the slots it writes replace
the package's (`count`, `who`, `yes-no`, flags); a predicate the package lacks is added, and
must be an event of dossier/lexicons/events.yml or of the file's own `events:`, which give
verbs per language (cues of a known event join its own; a new event comes first). `incidents` are
added after the package's (a `noun` the package has replaces its cues); `irrealis` joins.
Errors name the file and line.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from dossier.extract.cues import event_info, use_project_events
from dossier.io.files import stays_in
from dossier.io.safe_yaml import line_of, load_yaml_lines
from dossier.model.errors import RecordError
from dossier.text.languages import LEXICON_LANGUAGES
from dossier.text.lexicon import load_lexicon

#: What a predicate entry may hold.
SLOTS = ("count", "who", "yes-no", "date")
FLAGS = ("same_as", "negative", "symmetric", "sole", "count_by", "answers", "measures", "against", "one_act", "beside",
         "nominal")
#: The placeholders a statement may name.
PLACEHOLDERS = frozenset({"incident", "subject", "object", "role"})

#: The project's own file, in content/.
PROJECT_FILE = "predicates.yml"

_project: dict = {}  # the project's own file, parsed and checked (use_project)


def lexicon() -> dict:
    """The merged lexicon: the package's, with the project's laid over it."""
    base = load_lexicon("predicates")
    if not _project:
        return base
    merged = dict(base)
    preds = {k: dict(v or {}) for k, v in (base.get("predicates") or {}).items()}
    for pid, entry in (_project.get("predicates") or {}).items():
        preds.setdefault(pid, {}).update(entry)
    merged["predicates"] = preds
    extra = _project.get("incidents") or []
    nouns = {e["noun"] for e in extra}
    merged["incidents"] = [e for e in base.get("incidents") or [] if e["noun"] not in nouns] + list(extra)
    merged["irrealis"] = sorted(set(base.get("irrealis") or ()) | set(_project.get("irrealis") or ()))
    return merged


def use_project(content_dir: Optional[Path]) -> bool:
    """Read `content/predicates.yml` (none: the package's lexicon alone). True when what is in
    use changed, so that the caller drops what it derived from the old lexicon."""
    global _project
    new = load_project(content_dir) if content_dir is not None else {}
    changed = new != _project
    _project = new
    use_project_events(new.get("events") or [], new.get("counts") or {})
    return changed


def load_project(content_dir: Path) -> dict:
    """The project's predicate file, checked; {} when there is none."""
    path = Path(content_dir) / PROJECT_FILE
    if not path.exists():
        return {}
    shown = f"{path.parent.name}/{path.name}"
    if not stays_in(path, content_dir):  # only content/ is ever read as content
        raise RecordError(shown, "this is a link to a file outside content/; it is not read",
                          hint="keep the predicates in content/predicates.yml itself")
    data, lines = load_yaml_lines(path, Path(content_dir).parent)
    if data is None:
        return {}
    _check(data, lines, shown)
    return data


def _fail(shown: str, lines: dict, where: tuple, message: str, hint: Optional[str] = None) -> None:
    raise RecordError(shown, message, line=line_of(lines, where), hint=hint)


# Long: one check per key of the layout, each naming its line; a flat list reads best.
def _check(data, lines: dict, shown: str) -> None:
    if not isinstance(data, dict):
        _fail(shown, lines, (), "expected a mapping with `predicates:`, `incidents:` or `irrealis:`")
    for key in data:
        if key not in ("predicates", "incidents", "irrealis", "events", "counts"):
            _fail(shown, lines, (key,), f"unknown key {key!r}",
                  hint="use predicates, events, counts, incidents or irrealis")
    _check_counts(data.get("counts"), lines, shown)
    events = set(event_info()) | _check_events(data.get("events"), lines, shown)
    preds = data.get("predicates") or {}
    if not isinstance(preds, dict):
        _fail(shown, lines, ("predicates",), "`predicates` must be a mapping of predicate id to its slots")
    known = set(load_lexicon("predicates").get("predicates") or {})
    for pid, entry in preds.items():
        where = ("predicates", pid)
        if pid not in events and pid not in known:
            _fail(shown, lines, where, f"no event {pid!r} in the lexicon",
                  hint="a predicate is an event id of dossier/lexicons/events.yml, where its verbs are")
        if not isinstance(entry, dict):
            _fail(shown, lines, where, f"predicate {pid!r} must be a mapping of slots to statements")
        for slot, value in entry.items():
            if slot in FLAGS:
                if slot == "same_as" and value not in events:
                    _fail(shown, lines, where + (slot,), f"same_as: no event {value!r} in the lexicon")
                if slot == "count_by" and value != "subject":
                    _fail(shown, lines, where + (slot,), "count_by: only `subject` (a figure per party doing it)")
                if slot in ("answers", "measures") and not (isinstance(value, list) and all(v in events for v in value)):
                    _fail(shown, lines, where + (slot,), f"{slot}: a list of event ids of the lexicon")
                if slot in ("against", "nominal") and not (isinstance(value, dict) and all(isinstance(v, list) for v in value.values())):
                    _fail(shown, lines, where + (slot,), f"{slot}: per language, a list of words")
                if slot not in ("same_as", "count_by", "answers", "measures", "against", "nominal") and not isinstance(value, bool):
                    _fail(shown, lines, where + (slot,), f"{slot} must be true or false")
                continue
            if slot not in SLOTS:
                _fail(shown, lines, where + (slot,), f"unknown slot {slot!r}",
                      hint="slots: count, who, yes-no; flags: " + ", ".join(FLAGS))
            templates = [value] if isinstance(value, str) else value
            if not isinstance(templates, list) or not templates or not all(isinstance(t, str) for t in templates):
                _fail(shown, lines, where + (slot,), f"{slot} must be a statement or a list of statements")
            for i, template in enumerate(templates):
                unknown = set(re.findall(r"{(\w*)}", template)) - PLACEHOLDERS
                if unknown or re.search(r"\d", template):
                    _fail(shown, lines, where + (slot, i) if isinstance(value, list) else where + (slot,),
                          f"statement {template!r}: " + (f"unknown placeholder {{{sorted(unknown)[0]}}}"
                                                        if unknown else "a statement never holds a value"),
                          hint="placeholders: {incident}, {subject}, {object}, {role}")
    incidents = data.get("incidents") or []
    if not isinstance(incidents, list):
        _fail(shown, lines, ("incidents",), "`incidents` must be a list of {noun, cues}")
    for i, entry in enumerate(incidents):
        where = ("incidents", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("noun"), str) \
                or not isinstance(entry.get("cues"), dict):
            _fail(shown, lines, where, "an incident needs `noun:` (an English noun phrase) and `cues:` per language")
        for lang, cues in entry["cues"].items():
            if lang not in LEXICON_LANGUAGES and lang != "uk":
                _fail(shown, lines, where + ("cues", lang), f"unknown language {lang!r}",
                      hint="languages: " + ", ".join(LEXICON_LANGUAGES))
            if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
                _fail(shown, lines, where + ("cues", lang), "cues must be a list of words")
    irrealis = data.get("irrealis") or []
    if not isinstance(irrealis, list) or any(e not in events for e in irrealis):
        _fail(shown, lines, ("irrealis",), "`irrealis` must list event ids of dossier/lexicons/events.yml or of `events:`")


#: What a project's event may say besides its id and cues (see dossier/lexicons/events.yml).
EVENT_KEYS = ("id", "cues", "class", "frame", "slots", "count", "noun", "weak", "attach", "templates", "reach", "real",
              "promise", "own", "own_forms", "own_not_after")


def _check_events(entries, lines: dict, shown: str) -> set[str]:
    """The ids of the project's `events:` (its own verbs, per language), each checked."""
    if entries is None:
        return set()
    if not isinstance(entries, list):
        _fail(shown, lines, ("events",), "`events` must be a list of {id, cues}")
    ids = set()
    for i, entry in enumerate(entries):
        where = ("events", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip() \
                or not isinstance(entry.get("cues"), dict):
            _fail(shown, lines, where, "an event needs `id:` (its English predicate) and `cues:` per language",
                  hint="e.g. id: evacuated, cues: {en: [evacuated, evacuate*]}")
        for key in entry:
            if key not in EVENT_KEYS:
                _fail(shown, lines, where + (key,), f"unknown key {key!r}", hint="keys: " + ", ".join(EVENT_KEYS))
        if entry.get("frame") not in (None, "agent", "patient"):
            _fail(shown, lines, where + ("frame",), "frame must be agent or patient")
        for lang, cues in entry["cues"].items():
            if lang not in LEXICON_LANGUAGES and lang != "uk":
                _fail(shown, lines, where + ("cues", lang), f"unknown language {lang!r}",
                      hint="languages: " + ", ".join(LEXICON_LANGUAGES))
            if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
                _fail(shown, lines, where + ("cues", lang), "cues must be a list of words")
        ids.add(entry["id"])
    return ids


def _check_counts(counts, lines: dict, shown: str) -> None:
    """`counts:`: slot -> language -> the words a counted figure stands next to."""
    if counts is None:
        return
    if not isinstance(counts, dict):
        _fail(shown, lines, ("counts",), "`counts` must map a counted slot to its cues per language",
              hint="e.g. counts: {killed: {en: [perished]}}")
    for slot, per_lang in counts.items():
        if not isinstance(per_lang, dict):
            _fail(shown, lines, ("counts", slot), f"count {slot!r} must map languages to cues")
        for lang, cues in per_lang.items():
            if lang not in LEXICON_LANGUAGES and lang != "uk":
                _fail(shown, lines, ("counts", slot, lang), f"unknown language {lang!r}",
                      hint="languages: " + ", ".join(LEXICON_LANGUAGES))
            if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
                _fail(shown, lines, ("counts", slot, lang), "cues must be a list of words")
