"""The `dossier` command line: extract, build, serve, check, report, export."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import click

from dossier import exports
from dossier import pipeline
from dossier.check import FORCE_ENV, SITE_URL_MISSING, check as run_check, count_records, publishing
from dossier.extract import analysis
from dossier.extract.curation import load_orphans
from dossier.incremental import record_memory, source_texts
from dossier.io.files import build_dir, discard, os_problem, recover_now, swap_in
from dossier.io.processes import die_with_parent
from dossier.io.store import load_records
from dossier.model.errors import DossierError
from dossier.site import review

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """A ClickException that ends with a hint on what to do."""

    def __init__(self, message: str, hint: Optional[str] = None):
        super().__init__(f"{message}\nHint: {hint}" if hint else message)


def find_root(start: Path) -> Path:
    """The dossier root: `start` or the nearest parent holding content/ or mkdocs.yml."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / "content").is_dir() or (candidate / "mkdocs.yml").is_file():
            return candidate
    return start


def _root(value: Optional[str]) -> Path:
    if value:
        root = Path(value).resolve()
        if not root.is_dir():
            raise UserError(f"--root {value}: no such directory", "pass the folder that holds content/ and mkdocs.yml")
        return root
    return find_root(Path.cwd())


root_option = click.option(
    "--root", "root", type=click.Path(file_okay=False), envvar="DOSSIER_ROOT", default=None,
    help="Dossier folder (holds content/ and mkdocs.yml). Default: the current folder or its nearest parent that has content/.",
)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="dossier", prog_name="dossier", message="%(prog)s %(version)s")
def main() -> None:
    """Multilingual fact dossiers: documents in content/sources/ -> YAML records -> a website.

    \b
    Typical use:
      dossier extract   # read content/sources/, write content/records/
      dossier check     # prove the records agree with the documents
      dossier build     # extract, then build the site into site/
      dossier serve     # preview with live reload
      dossier export    # the data files alone (records.jsonl, CSV, FollowTheMoney)
    """


# ---------------------------------------------------------------------------------------
# extract
# ---------------------------------------------------------------------------------------

class _Progress:
    """Progress callback for pipeline.extract: a bar on a terminal, plain lines otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last_label: Optional[str] = None
        self.width = 0

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.tty:
            filled = int(24 * done / total) if total else 24
            line = f"\r[{'#' * filled}{'.' * (24 - filled)}] {done}/{total} {label}"[:110]
            self.stream.write(line.ljust(self.width))
            self.width = len(line)
            self.stream.flush()
        elif label != self.last_label:
            click.echo(f"  {label} ({done}/{total})", file=self.stream)
        self.last_label = label

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _count(value: Any) -> int:
    """Report fields may be counts or lists of names."""
    return len(value) if isinstance(value, (list, tuple, set, dict)) else int(value or 0)


def run_extract(root: Path) -> Any:
    """Run the pipeline with a progress display; DossierErrors become UserErrors."""
    if not (root / "content" / "sources").is_dir():
        raise UserError(f"{root}: no content/sources/ folder",
                        "put your documents (.txt, .md, .html) in content/sources/ or pass --root")
    progress = _Progress()
    try:
        return pipeline.extract(root, progress=progress)
    except DossierError as err:
        raise UserError(str(err), "fix the file named above, then run the command again") from None
    except OSError as err:  # a read-only folder, a full disk: one line, the records as they were
        raise UserError(os_problem(err, root)) from None
    finally:
        progress.close()


def summary_lines(report: Any, more_warnings: Any = ()) -> list[str]:
    """The one-screen summary of an ExtractReport, with `more_warnings` counted in."""
    get = lambda name: getattr(report, name, 0)  # noqa: E731 - older/newer reports may lack a field
    lines = [
        f"Documents:        {_count(get('documents'))}",
        f"Actors:           {_count(get('actors'))}" + (f" ({_count(get('mentions'))} mentions)" if get("mentions") else ""),
        f"Claims:           {_count(get('claims'))}",
        f"  multi-source:   {_count(get('multi_source'))}",
        f"  contested:      {_count(get('contested'))}",
    ]
    languages = get("languages") or []
    if languages:
        lines.append(f"Languages:        {', '.join(languages)}")
    lines.append(f"Record files:     {_count(get('written'))} written, {_count(get('unchanged'))} unchanged, "
                 f"{_count(get('removed'))} removed")
    return lines + warning_lines(list(get("warnings") or []) + list(more_warnings))


def warning_lines(warnings: list[str]) -> list[str]:
    """"Warnings: N" and each of them, so the count never hides what it counts."""
    return [f"Warnings:         {len(warnings)}"] + [f"  - {w}" for w in warnings]


def content_warnings(root: Path, records: Any, publishing_too: bool = True) -> list[str]:
    """What the author should look at in the records: unresolved dates, sources without a
    title, a missing site_url (when publishing); each names the file to look at or edit."""
    out = []
    for source_id in sorted(records.sources):
        s = records.sources[source_id]
        record = f"content/records/sources/{source_id}.yml"
        dates = review.date_notes(s.notes)  # why -> the dates it leaves unresolved
        out.extend(f"{record}: {note}" for note in s.notes if not review.date_notes([note]))
        for why, surfaces in dates.items():
            out.append(f"{s.path}: {len(surfaces)} date(s) left unresolved ({', '.join(map(repr, surfaces))}): "
                       f"{why}" + ("; give 'published:' in its .meta.yml sidecar" if not s.published else "")
                       + f" (listed in {record} under notes:)")
        if not s.title:
            out.append(f"{s.path}: no title found (give one as 'title:' in {s.path}.meta.yml)")
    if publishing_too and not site_url(root):
        out.append(SITE_URL_MISSING)
    return out


def site_url(root: Path) -> Optional[str]:
    """mkdocs.yml's top-level site_url, read as text (its tags need MkDocs' own loader)."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"""^site_url:[ \t]*['"]?([^'"\s#]+)""", text, re.M)
    return found.group(1) if found else None


@main.command(context_settings=CONTEXT)
@root_option
def extract(root: Optional[str]) -> None:
    """Read content/sources/ and (re)write the records in content/records/."""
    path = _root(root)
    report = run_extract(path)
    click.echo("\n".join(summary_lines(report, content_warnings(path, _records(path), publishing_too=False))))
    exit_if_unread(report)


def exit_if_unread(report: Any) -> None:
    """Exit status 1 when a document or sidecar could not be read (the others were extracted)."""
    unread = getattr(report, "unread", 0) or 0
    if unread:
        click.echo(f"{unread} file(s) could not be read (named above); the other documents were extracted. "
                   "Fix or remove those files, then run the command again.", err=True)
        sys.exit(1)


# ---------------------------------------------------------------------------------------
# build / serve
# ---------------------------------------------------------------------------------------

def _mkdocs_config(root: Path) -> Path:
    """The dossier's mkdocs.yml; the `docs_dir` it names (the editor's own pages) is created
    when missing, empty, since MkDocs refuses to build without it."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise UserError(f"{root}: no mkdocs.yml", "run the command from the dossier folder, or pass --root")
    found = re.search(r"(?m)^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", config.read_text(encoding="utf-8"))
    pages = (root / found.group(1)).resolve() if found else None
    if pages is not None and pages.is_relative_to(root.resolve()) and not pages.exists():
        pages.mkdir(parents=True)
        click.echo(f"Created {pages.relative_to(root.resolve())}/ (docs_dir in mkdocs.yml: your own pages go there).",
                   err=True)
    return config


def run_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run `cmd` to its end, passing on SIGINT, SIGTERM and SIGHUP and waiting for it: its
    exit status, 0 when it ended because this process was asked to stop."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, preexec_fn=die_with_parent)
    stopped: list[int] = []

    def forward(signum, _frame) -> None:
        stopped.append(signum)
        try:
            proc.send_signal(signum)
        except ProcessLookupError:
            pass

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        code = proc.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0 if stopped else code


def _mkdocs_env() -> dict[str, str]:
    # Material prints a multi-line end-of-life banner on every build; the user did not ask.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(root: Path, site_dir: Optional[Path] = None, force: bool = False) -> Path:
    """`mkdocs build --strict` into a temp folder, then swap it in: a failed build keeps the old site.
    `force`: publish although the records no longer match the documents."""
    config = _mkdocs_config(root)
    site = site_dir or root / "site"
    try:
        recover_now(site)  # what a killed build left: site/ put back after a cut swap, temp folders gone
        tmp = build_dir(".site.tmp-", site.parent)
    except OSError as err:
        raise UserError(os_problem(err, root)) from None
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(tmp)]
    try:
        env = {**_mkdocs_env(), **({FORCE_ENV: "1"} if force else {})}
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env,
                              preexec_fn=die_with_parent)
        if done.returncode != 0:
            output = (done.stderr + done.stdout).strip()
            raise UserError("mkdocs build failed; the previous site/ is unchanged.\n" + output,
                            "fix the warnings above (strict mode turns warnings into errors)")
        swap_in(tmp, site)
    except OSError as err:
        raise UserError(os_problem(err, root)) from None
    finally:
        discard(tmp)
    return site


@main.command(context_settings=CONTEXT)
@root_option
@click.option("--no-extract", is_flag=True, help="Build from the records as they are; do not re-read the documents.")
@click.option("--force", is_flag=True,
              help="Publish even when the records no longer match the documents (a changed source, a quote it "
                   "no longer has). Reported in the summary.")
def build(root: Optional[str], no_extract: bool, force: bool) -> None:
    """Extract, then build the website into site/ (mkdocs build --strict, swapped in atomically).
    Refuses to publish records that no longer match their documents, naming the files."""
    path = _root(root)
    _mkdocs_config(path)
    report = None if no_extract else run_extract(path)
    records = _records(path)
    _texts, blockers = publishing(path, records)
    if blockers and not force:
        raise UserError(f"not published: the records no longer match {len(blockers)} document(s) or quote(s):\n"
                        + "\n".join(f"  {b}" for b in blockers),
                        "run `dossier build` without --no-extract (or `dossier extract`) to re-read the documents "
                        "and check the claims that changed; `--force` publishes anyway")
    site = build_site(path, force=bool(blockers))
    more = [f"published anyway (--force): {b}" for b in blockers] + content_warnings(path, records)
    if report is not None:
        click.echo("\n".join(summary_lines(report, more)))
    else:
        click.echo("\n".join([_report_text(_report_data(path))] + warning_lines(more)))
    click.echo(f"Site:             {_shown(site, path)}/ (open {_shown(site, path)}/index.html, "
               f"or preview it with `dossier serve` at http://127.0.0.1:8000/)")
    exit_if_unread(report)


@main.command(context_settings=CONTEXT)
@root_option
@click.option("-a", "--dev-addr", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--extract/--no-extract", "do_extract", default=False, show_default=True,
              help="Run an extraction before serving.")
@click.option("--full", is_flag=True,
              help="Render every page on every rebuild (by default only the pages an edit changes: mkdocs serve --dirty).")
def serve(root: Optional[str], dev_addr: Optional[str], do_extract: bool, full: bool) -> None:
    """Preview the site with live reload (mkdocs serve); edits in content/ rebuild it."""
    path = _root(root)
    config = _mkdocs_config(path)
    if do_extract:
        click.echo("\n".join(summary_lines(run_extract(path))))
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)] + ([] if full else ["--dirty"])
    if dev_addr:
        cmd += ["-a", dev_addr]
    code = run_child(cmd, path, _mkdocs_env())
    if code:
        raise UserError(f"mkdocs serve exited with status {code}", "see its messages above")


# ---------------------------------------------------------------------------------------
# check / report
# ---------------------------------------------------------------------------------------

@main.command(context_settings=CONTEXT)
@root_option
def check(root: Optional[str]) -> None:
    """Prove the records are valid and agree with each other and the documents (exit 1 if not)."""
    path = _root(root)
    problems = run_check(path)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) found. Fix the files named above: a record can also be "
                   "regenerated with `dossier extract`; a curation or sidecar file is yours to edit "
                   "or delete (see README, \"Curating a dossier\").", err=True)
        sys.exit(1)
    click.echo(f"OK: {count_records(path / 'content')} records checked")


def _records(root: Path) -> Any:
    try:
        return load_records(root / "content", record_memory(root / "content"))
    except DossierError as err:
        raise UserError(str(err), "run `dossier check` for details, or `dossier extract` to regenerate") from None


def _report_data(root: Path) -> dict:
    recs = _records(root)
    live = {cid: c for cid, c in recs.claims.items() if getattr(c, "rejected", None) is None}
    claims = []
    for claim_id, claim in sorted(live.items()):
        sources = sorted({e.source for e in claim.evidence})
        claims.append({"id": claim_id, "status": claim.status, "sources": len(sources),
                       "evidence": len(claim.evidence), "statement": claim.statement,
                       "source_ids": sources,
                       "origins": [{"id": o.id, "kind": o.kind, "via": list(o.via)} for o in claim.origins]})
    counted = analysis.counts(list(recs.sources.values()), list(recs.actors.values()), list(live.values()))
    return {**counted, "rejected": len(recs.claims) - len(live), "per_claim": claims}


def _report_text(data: dict) -> str:
    lines = [
        f"Documents:        {data['documents']}",
        f"Actors:           {data['actors']} ({data['mentions']} mentions)",
        f"Claims:           {data['claims']}",
        f"  multi-source:   {data['multi_source']}",
        f"  contested:      {data['contested']}",
        f"  multi-origin:   {data['multi_origin']}",
    ] + ([f"  rejected:       {data['rejected']} (kept for their pages, out of every listing)"]
         if data.get("rejected") else [])
    if data["languages"]:
        lines.append(f"Languages:        {', '.join(data['languages'])}")
    return "\n".join(lines)


@main.command(context_settings=CONTEXT)
@root_option
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of text.")
def report(root: Optional[str], as_json: bool) -> None:
    """Summarise the records on disk: counts, and how many sources back each claim."""
    data = _report_data(_root(root))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
        return
    click.echo(_report_text(data))
    if data["per_claim"]:
        click.echo("\nSources  Origins  Status          Claim")
        for c in sorted(data["per_claim"], key=lambda c: (-c["sources"], -len(c["origins"]), c["id"])):
            origins = ", ".join(o["id"] for o in c["origins"])
            click.echo(f"{c['sources']:>7}  {len(c['origins']):>7}  {c['status']:<14}  {c['id']}"
                       + (f"  [{origins}]" if c["sources"] > 1 else ""))


@main.command(name="review", context_settings=CONTEXT)
@root_option
def review_command(root: Optional[str]) -> None:
    """List what an editor should look at: likely duplicate claims and actors, orphaned
    curation, unresolved dates; each with the file to edit (the site's review.html, too)."""
    path = _root(root)
    records = _records(path)
    orphans = [{"file": o.path, "line": o.line, "message": o.message} for o in load_orphans(path / "content")]
    items = review.review_items(records, orphans)
    for section in review.SECTIONS:
        mine = [i for i in items if i.section == section]
        click.echo(f"{section}: {len(mine)}")
        click.echo("".join(f"  - {item}\n" for item in mine), nl=False)
    click.echo(f"{len(items)} item(s) to review; the site lists them on {review.REVIEW_PAGE[:-3]}.html "
               "(kept out of search).")


# ---------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------

@main.command(context_settings=CONTEXT)
@root_option
@click.option("--out", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Folder for the files. Default: exports/ in the dossier folder.")
@click.option("--site-url", default=None, metavar="URL",
              help="The site's address (site_url in mkdocs.yml): FollowTheMoney entities link to their pages.")
@click.option("--directory-urls", is_flag=True,
              help="Page addresses as claims/x/ rather than claims/x.html (use_directory_urls in mkdocs.yml).")
def export(root: Optional[str], out: Optional[str], site_url: Optional[str], directory_urls: bool) -> None:
    """Write the data files the site publishes under data/ (records.jsonl, claims.csv,
    citations.csv, ftm.json, schemas/), from the records as they are, without building the site."""
    path = _root(root)
    records = _records(path)
    texts, problems, _ = source_texts(path, records.sources)
    for problem in problems:
        click.echo(f"Warning: {problem}", err=True)
    folder = Path(out).resolve() if out else path / "exports"
    try:
        written = exports.write(folder, exports.exports(records, texts, site_url, directory_urls))
    except OSError as err:
        raise UserError(f"cannot write to {folder}: {err}", "pass a writable folder with --out") from None
    click.echo(f"Wrote {len(written)} files to {_shown(folder, path)}/")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":  # python -m dossier.cli
    main()
