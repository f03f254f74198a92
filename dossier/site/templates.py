"""The Jinja templates pages are made from: the package's own (`dossier/templates/`), each
replaceable by a file of the same name in `<theme.custom_dir>/dossier/`, as Material users
override the theme's templates.

Autoescape is on, and every plain string a template prints goes through `esc` (HTML and
Markdown punctuation as entities, bidi controls dropped): text from a document or a record
can never become markup, whatever a project's own template prints. Fragments made by the
site's helpers (links, badges) arrive as `Markup` and are printed as they are.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound
from markupsafe import Markup

from dossier.model.errors import DossierError
from dossier.site.common import esc

#: The package's own templates.
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: The folder inside a theme's custom_dir whose files replace the package's templates.
OVERRIDE_FOLDER = "dossier"


def _finalize(value: Any) -> Any:
    """What `{{ value }}` prints: Markup as it is, None as nothing, anything else as inert text."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(esc(str(value)))


def override_dirs(custom_dir: Optional[str]) -> tuple[str, ...]:
    """The folders searched before the package's templates for a theme's `custom_dir`."""
    if not custom_dir:
        return ()
    return (str(Path(custom_dir) / OVERRIDE_FOLDER),)


@lru_cache(maxsize=8)
def environment(dirs: tuple[str, ...] = ()) -> Environment:
    """One Jinja environment per search path (templates compile once per build)."""
    loaders = [FileSystemLoader(d) for d in dirs if Path(d).is_dir()]
    loaders.append(FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, finalize=_finalize,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["esc"] = lambda v: _finalize(v)
    return env


class TemplateError(DossierError):
    """A page template that cannot be read or rendered (a project's override, usually)."""


def render(dirs: Iterable[str], name: str, **context: Any) -> str:
    """Template `name` rendered with `context`; an override's error names its file."""
    env = environment(tuple(dirs))
    try:
        template = env.get_template(name)
        return template.render(**context)
    except TemplateNotFound as err:
        raise TemplateError(f"dossier/templates/{name}", f"page template not found: {err}") from None
    except Exception as err:  # a broken override: say which file, keep the message
        where = getattr(err, "filename", None) or name
        raise TemplateError(where, f"the page template cannot be rendered: {err}", line=getattr(err, "lineno", None),
                            hint="fix or remove the override in the theme's custom_dir") from None


def markup(text: str) -> Markup:
    """A fragment the site's helpers already escaped (links, badges): printed as it is."""
    return Markup(text)
