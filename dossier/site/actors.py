"""Actor pages: names and spellings, roles, claims, co-actors, mentioning sources."""
from __future__ import annotations

from typing import Any, Optional

from dossier.model import Actor, Role
from dossier.site.common import (
    bidi, chunked, clean, counted, dir_attrs, esc, heading, lang_label, link, page_path, pager, titled)
from dossier.site.graph import actor_drawing
from dossier.site.prepared import Site, actor_lang, actor_ref, claim_item, claim_ref, prepare, rating_badge, source_ref
from dossier.site.templates import markup, render as render_template
from dossier.text import script_of, to_latin
from dossier.text.romanize import arabic_name_in_latin, romanized_readings


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


#: Co-actors listed by name on an actor page (the most shared first; the rest are counted).
CO_ACTORS_LISTED = 50


def _co_actors(site: Site, actor: Actor, here: str) -> dict:
    """The actors most often linked to this one: a drawing (built here, inline SVG) and a list."""
    pairs = co_actors(site, actor.id)
    listed = [{"ref": markup(actor_ref(site, other, here)), "shared": counted(n, "shared claim")}
              for other, n in pairs[:CO_ACTORS_LISTED]]
    graph = actor_drawing(site, actor.id, CO_ACTORS_DRAWN)
    return {"graph": graph, "drawn": len(graph["nodes"]) - 1 if graph else 0, "listed": listed,
            "more": len(pairs) - len(listed)}


#: Spellings of each actor printed on a claim page, so search finds the claim by any of them.
CLAIM_SPELLINGS = 6


def claim_spellings(site: Site, actor_id: str) -> list[str]:
    """Other spellings and Latin readings of an actor (a few), once per build: a claim
    page names them so a search in any script finds the claims about the actor."""
    memo = site.memo.setdefault("actors.claim_spellings", {})
    if actor_id not in memo:
        actor = site.actors.get(actor_id)
        names = search_spellings(actor) + list(other_spellings(actor)) if actor else []  # Latin readings first
        memo[actor_id] = list(dict.fromkeys(names))[:CLAIM_SPELLINGS]
    return memo[actor_id]


def search_spellings(actor: Actor) -> list[str]:
    """Latin readings of an actor's Arabic-script spellings that no Latin alias has: guided
    by a Latin alias when there is one, else (an actor only ever written in Arabic) read
    letter by letter, so a Latin search still finds it."""
    arabic = [clean(a.name) for a in actor.aliases if script_of(a.name) == "Arab"]
    if script_of(actor.name) == "Arab":
        arabic.append(clean(actor.name))
    latin = {clean(a.name) for a in actor.aliases if script_of(a.name) == "Latn"} | {clean(actor.name)}
    readings = romanized_readings(arabic, latin)
    if readings or any(script_of(n) == "Latn" for n in latin):
        return readings
    return sorted({r for name in sorted(set(arabic)) for r in letter_readings(name)}, key=lambda n: (n.casefold(), n))


def letter_readings(arabic_name: str) -> list[str]:
    """Two Latin readings of an Arabic-script name with no Latin guide: read with its long
    vowels ("Butin", as the statements write it) and the letters as ICU transliterates
    them ("Bwtyn")."""
    plain = " ".join(to_latin(arabic_name).split()).title()
    return [n for n in dict.fromkeys((arabic_name_in_latin(arabic_name), plain)) if n]


#: Rows of a long list on an actor page; the rest continue on the actor's list pages.
ACTOR_LIST_ROWS = 100


def actor_list_page(actor_id: str, name: str, number: int) -> str:
    """Docs path of page `number` (from 2) of list `name` ("claims", "sources") of an actor,
    in a folder named after the actor (no record id can collide with it)."""
    return f"{page_path('actors', actor_id)[:-3]}/{name}-{number}.md"


def _claim_lines(site: Site, actor: Actor) -> list:
    return site.claims_by_actor.get(actor.id, [])


def _why(actor: Actor) -> str:
    """Why extraction gave the actor its kind (extract.kinds), shown beside it."""
    return f' <small class="dossier-kind-why">({esc(actor.kind_reason)})</small>' if actor.kind_reason else ""


def _source_ids(site: Site, actor: Actor) -> list[str]:
    counts = _mention_counts(actor)
    return sorted(set(counts) | set(site.cited_by.get(actor.id, [])), key=lambda s: (-counts.get(s, 0), s))


def _mention_counts(actor: Actor) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in actor.mentions:
        counts[m.source] = counts.get(m.source, 0) + 1
    return counts


def _source_rows(site: Site, actor: Actor, ids: list[str], here: str) -> list[dict]:
    """Rows of the sources table (actor_tables.html): link, date, mentions, whether it cites the actor."""
    counts, citing = _mention_counts(actor), set(site.cited_by.get(actor.id, []))
    return [{"source": markup(source_ref(site, sid, here)),
             "published": site.sources[sid].published if sid in site.sources else None,
             "mentions": counts.get(sid, 0), "cited": sid in citing} for sid in ids]


def _more(actor: Actor, name: str, total: int, here: str, what: str) -> str:
    """'The first 100 of 2,345; the rest: pages 2 to 24' links, or '' when all fit."""
    pages = -(-total // ACTOR_LIST_ROWS)
    if pages <= 1:
        return ""
    return (f"The first {ACTOR_LIST_ROWS} of {total}; "
            f"{pager(here, 1, pages, lambda k: here if k == 1 else actor_list_page(actor.id, name, k), what)}")


def actor_list_pages(actor: Actor, records: Any) -> dict[str, str]:
    """The pages after the first of an actor's long lists (claims, sources); not searched."""
    site = prepare(records)
    home = page_path("actors", actor.id)
    out: dict[str, str] = {}
    lists = (("claims", "claims about this actor", _claim_lines(site, actor)),
             ("sources", "sources that mention this actor", _source_ids(site, actor)))
    for name, what, items in lists:
        chunks = chunked(items, ACTOR_LIST_ROWS)
        for k in range(2, len(chunks) + 1):
            here = actor_list_page(actor.id, name, k)
            body = render_template(
                site.templates, "actor_list.html",
                claims=[markup(claim_item(site, c, here)) for c in chunks[k - 1]] if name == "claims" else [],
                sources=_source_rows(site, actor, chunks[k - 1], here) if name == "sources" else [])
            nav = pager(here, k, len(chunks), lambda n, name=name: home if n == 1 else
                        actor_list_page(actor.id, name, n), what)
            out[here] = titled(render_template(
                site.templates, "list_page.html", title=f"{clean(actor.name)}: {what}, page {k} of {len(chunks)}",
                back=markup(link(bidi(actor.name, actor_lang(actor)), here, home)), pager=markup(nav),
                body=markup(body.rstrip("\n"))), search_exclude=True)
    return out


#: Roles listed on an actor page, one per source giving one (every distinct role first); the
#: rest are counted: a name in thousands of documents keeps a page under 100 KB.
ROLES_SHOWN = 50


def _roles_shown(actor: Actor) -> list[Role]:
    """At most ROLES_SHOWN of the actor's roles, by source: each distinct role at least once."""
    roles = sorted(actor.roles, key=lambda r: (r.source, clean(r.text), r.former))
    if len(roles) <= ROLES_SHOWN:
        return roles
    seen: set[tuple[str, bool]] = set()
    first = [r for r in roles if not ((clean(r.text), r.former) in seen or seen.add((clean(r.text), r.former)))]
    chosen = {id(r) for r in first[:ROLES_SHOWN]}
    chosen |= {id(r) for r in [r for r in roles if id(r) not in chosen][:ROLES_SHOWN - len(chosen)]}
    return [r for r in roles if id(r) in chosen]


def _role_rows(site: Site, actor: Actor, here: str) -> list[dict]:
    """Rows of the roles table (actor_tables.html): the source, the role as it writes it."""
    rows = []
    for role in _roles_shown(actor):
        src = site.sources.get(role.source)
        attrs = f'class="dossier-quote" {dir_attrs(role.text, src.language if src else None)}'
        rows.append({"source": markup(source_ref(site, role.source, here)), "text": role.text, "former": role.former,
                     "quote_attrs": markup(attrs)})
    return rows


def _name_rows(actor: Actor) -> list[dict]:
    """Rows of the names table (actor_tables.html): the spellings of each language and script."""
    groups: dict[tuple[str, str], list[str]] = {}
    for alias in actor.aliases:
        groups.setdefault((alias.language or "", alias.script or ""), []).append(alias.name)
    rows = []
    for (lang, script), group in sorted(groups.items()):
        group = sorted(set(group), key=lambda n: (clean(n).casefold(), n))
        rows.append({"language": markup(lang_label(lang or None)), "script": script, "names": group,
                     "quote_attrs": markup(f'class="dossier-quote" {dir_attrs(" ".join(group), lang or None)}')})
    return rows


def render_actor(actor: Actor, records: Any) -> str:
    """The page of one actor (template actor.html): names by language, roles per source,
    claims, linked actors, mentioning sources; long lists continue on list pages."""
    site = prepare(records)
    here = page_path("actors", actor.id)
    n_sources = len({m.source for m in actor.mentions} | set(site.cited_by.get(actor.id, [])))
    claims = _claim_lines(site, actor)
    title = heading(1, actor.name, actor_lang(actor))
    spellings = other_spellings(actor)
    readings = search_spellings(actor)
    attributed: dict[str, list[str]] = {}
    for claim, ev in site.attributed_to.get(actor.id, []):
        attributed.setdefault(claim.id, []).append(ev.source)
    said = []
    for claim_id in sorted(attributed)[:ACTOR_LIST_ROWS]:
        via = ", ".join(source_ref(site, s, here) for s in sorted(set(attributed[claim_id]))[:5])
        said.append(f"- {rating_badge(site.claims[claim_id])} {claim_ref(site, site.claims[claim_id], here)} "
                    f"<small>(according to {via})</small>")
    source_ids = _source_ids(site, actor)
    page = render_template(
        site.templates, "actor.html", actor=actor,
        title_attrs=markup(title.split(" {: ", 1)[1][:-2]) if " {: " in title else "",
        summary=markup(f'<span class="dossier-kind">{esc(actor.kind)}</span>{_why(actor)} · '
                       f'{counted(n_sources, "source")} · {counted(len(claims), "claim")}'),
        spellings=markup(" · ".join(bidi(n, lang) for n, lang in spellings.items())),
        readings=" · ".join(readings),
        names=_name_rows(actor), roles=_role_rows(site, actor, here),
        roles_more=counted(len(actor.roles) - ROLES_SHOWN, "more role") if len(actor.roles) > ROLES_SHOWN else "",
        claims=[markup(claim_item(site, c, here)) for c in claims[:ACTOR_LIST_ROWS]],
        claims_more=markup(_more(actor, "claims", len(claims), here, "claims about this actor")),
        linked=_co_actors(site, actor, here), graph=markup(""),
        attributed=markup("\n".join(said)), attributed_more=max(0, len(attributed) - ACTOR_LIST_ROWS),
        sources=_source_rows(site, actor, source_ids[:ACTOR_LIST_ROWS], here),
        sources_more=markup(_more(actor, "sources", len(source_ids), here, "sources that mention this actor")))
    return titled(page, tags=[actor.name] + [a.name for a in actor.aliases] + readings)
