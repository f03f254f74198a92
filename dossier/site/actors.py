"""Actor pages: names and spellings, roles, claims, co-actors, mentioning sources."""
from __future__ import annotations

from typing import Any, Optional

from dossier.model import Actor
from dossier.site.common import (
    ENTITIES, bidi, clean, counted, dir_attrs, esc, heading, html_table, lang_label, page_path, published_label,
    titled)
from dossier.site.prepared import Site, actor_lang, actor_ref, claim_item, claim_ref, prepare, source_ref
from dossier.text import script_of
from dossier.text.romanize import romanized_readings


def other_spellings(actor: Actor) -> dict[str, Optional[str]]:
    """An actor's other spellings (name -> language), by script then alphabetically."""
    own = " ".join(clean(actor.name).split())
    out: dict[str, Optional[str]] = {}
    for alias in sorted(actor.aliases, key=lambda a: (a.script or "", clean(a.name).casefold(), a.name,
                                                      a.language or "")):
        name = " ".join(clean(alias.name).split())
        if name and name != own and name not in out:
            out[name] = alias.language
    return out


#: How many co-actors an actor page draws (the most frequent; the rest are listed).
CO_ACTORS_DRAWN = 8


def co_actors(site: Site, actor_id: str) -> list[tuple[str, int]]:
    """(actor id, claims shared) for actors named in the same claims, most shared first."""
    counts: dict[str, int] = {}
    for claim in site.claims_by_actor.get(actor_id, []):
        for other in set(claim.actors):
            if other != actor_id and other in site.actors:
                counts[other] = counts.get(other, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], clean(site.actors[kv[0]].name).casefold(), kv[0]))


def mermaid_label(text: str) -> str:
    """A Mermaid node label: characters Mermaid reads as syntax become `#NNN;` entity codes."""
    out = []
    for ch in " ".join(clean(text).split()):
        out.append(ch if ch.isalnum() or ch in " .,'-’" else f"#{ord(ch)};")
    return '"' + "".join(out) + '"'


def _co_actors(site: Site, actor: Actor, here: str) -> list[str]:
    """A small Mermaid network of the actors most often named with this one, and a list."""
    pairs = co_actors(site, actor.id)
    if not pairs:
        return []
    drawn = pairs[:CO_ACTORS_DRAWN]
    lines = ["graph LR", f"  a0[{mermaid_label(actor.name)}]"]
    for i, (other, n) in enumerate(drawn, 1):
        lines.append(f"  a0 ---|{n}| a{i}[{mermaid_label(site.actors[other].name)}]")
    lines.append("  classDef me font-weight:bold")
    lines.append("  class a0 me")
    # Material renders <pre class="mermaid"> with Mermaid; without it the list below says it all.
    graph = "\n".join(line.translate(ENTITIES) for line in lines)
    # Material's script swaps the <pre> for the drawn diagram; while it cannot (no script,
    # offline) the <pre> stays hidden (dossier.css) and the list below says the same.
    out = ["## Named together with", "",
           f"Actors named in the same claims as {bidi(actor.name, actor_lang(actor))}, most often first "
           f"(the diagram draws the first {len(drawn)}; a line's number counts the shared claims).", "",
           f'<pre class="mermaid dossier-graph" aria-hidden="true"><code>{graph}</code></pre>', ""]
    out += [f"- {actor_ref(site, other, here)} <small>({counted(n, 'shared claim')})</small>" for other, n in pairs]
    out.append("")
    return out


def search_spellings(actor: Actor) -> list[str]:
    """Romanized readings of an actor's Arabic-script spellings that no Latin alias has."""
    latin = {clean(a.name) for a in actor.aliases if script_of(a.name) == "Latn"} | {clean(actor.name)}
    return romanized_readings([clean(a.name) for a in actor.aliases if script_of(a.name) == "Arab"], latin)


def render_actor(actor: Actor, records: Any) -> str:
    """The page of one actor: names by language, roles per source, claims, mentioning sources."""
    site = prepare(records)
    here = page_path("actors", actor.id)
    n_sources = len({m.source for m in actor.mentions} | set(site.cited_by.get(actor.id, [])))
    n_claims = len(site.claims_by_actor.get(actor.id, []))
    out = [heading(1, actor.name, actor_lang(actor)), "",
           f'<span class="dossier-kind">{esc(actor.kind)}</span> · {counted(n_sources, "source")} · '
           f'{counted(n_claims, "claim")}', ""]
    if actor.description:  # curation: the editor's description
        out += [f'<p class="dossier-description" markdown="span">{esc(actor.description)}</p>', ""]
    # Every spelling on the page's first section, so the search index finds the actor
    # by any of them (Arabic, Latin, Cyrillic ...) and ranks this page first.
    spellings = other_spellings(actor)
    if spellings:
        names = " · ".join(bidi(n, lang) for n, lang in spellings.items())
        out += [f'<p class="dossier-aka" markdown="span"><strong>Also written:</strong> {names}</p>', ""]
    readings = search_spellings(actor)
    if readings:
        out += [f'<p class="dossier-aka" markdown="span"><strong>Romanized from the Arabic spellings</strong> '
                f'(for search): {" · ".join(esc(n) for n in readings)}</p>', ""]

    groups: dict[tuple[str, str], list[str]] = {}
    for alias in actor.aliases:
        groups.setdefault((alias.language or "", alias.script or ""), []).append(alias.name)
    if groups:
        out += ["## Names and spellings", ""]
        rows, attrs = [], []
        for (lang, script), names in sorted(groups.items()):
            names = sorted(set(names), key=lambda n: (clean(n).casefold(), n))
            sample = " ".join(names)
            rows.append([lang_label(lang or None), esc(script or "?"),
                         " · ".join(esc(n) for n in names)])
            attrs.append(["", "", f'class="dossier-quote" {dir_attrs(sample, lang or None)}'])
        out += [html_table(["Language", "Script", "Names"], rows, cell_attrs=attrs), ""]

    if actor.roles:
        out += ["## Roles, as each source states them", ""]
        rows, attrs = [], []
        for role in sorted(actor.roles, key=lambda r: (r.source, clean(r.text), r.former)):
            src = site.sources.get(role.source)
            rows.append([source_ref(site, role.source, here), esc(role.text),
                         '<span class="dossier-former">former</span>' if role.former else "current"])
            attrs.append(["", f'class="dossier-quote" {dir_attrs(role.text, src.language if src else None)}', ""])
        out += [html_table(["Source", "Role as written", "Status"], rows, cell_attrs=attrs), ""]

    claims = site.claims_by_actor.get(actor.id, [])
    out += ["## Claims about this actor", ""]
    out += [claim_item(site, c, here) for c in claims] or ["None."]
    out.append("")

    out += _co_actors(site, actor, here)

    attributed = site.attributed_to.get(actor.id, [])
    if attributed:
        out += ["## Claims attributed to this actor", ""]
        seen: dict[str, list[str]] = {}
        for claim, ev in attributed:
            seen.setdefault(claim.id, []).append(ev.source)
        for claim_id in sorted(seen):
            claim = site.claims[claim_id]
            via = ", ".join(source_ref(site, s, here) for s in sorted(set(seen[claim_id])))
            out.append(f"- {claim_ref(site, claim, here)} <small>(according to {via})</small>")
        out.append("")

    counts: dict[str, int] = {}
    for m in actor.mentions:
        counts[m.source] = counts.get(m.source, 0) + 1
    citing = set(site.cited_by.get(actor.id, []))
    if counts or citing:
        out += ["## Sources that mention this actor", ""]
        rows = []
        for source_id in sorted(set(counts) | citing,
                                key=lambda s: (-counts.get(s, 0), s)):
            rows.append([source_ref(site, source_id, here), published_label(site.sources.get(source_id)),
                         str(counts.get(source_id, 0)), "yes" if source_id in citing else ""])
        out += [html_table(["Source", "Published", "Mentions", "Cited as a source"], rows), ""]
    return titled("\n".join(out), tags=[actor.name] + [a.name for a in actor.aliases] + readings)
