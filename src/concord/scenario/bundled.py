"""Bundled scenarios (``src/concord/scenario/data/*.toml``) and name-or-path resolution."""

from __future__ import annotations

import difflib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from concord.errors import UnknownEntityError
from concord.scenario.spec import EntityLookup, Scenario, load_toml, parse_scenario


def _data_dir() -> Path:
    return Path(str(resources.files("concord.scenario") / "data"))


@cache
def _index() -> dict[str, tuple[Path, tuple[str, ...]]]:
    """Bundled scenario name -> (file, aliases)."""
    out: dict[str, tuple[Path, tuple[str, ...]]] = {}
    for file in sorted(_data_dir().glob("*.toml")):
        head: dict[str, Any] = load_toml(file).get("scenario", {})
        out[str(head.get("name", file.stem))] = (file, tuple(head.get("aliases", ())))
    return out


def bundled_scenarios() -> list[str]:
    """Names of the scenarios that ship with Concord."""
    return list(_index())


def bundled_path(name: str) -> Path:
    """The TOML file of a bundled scenario: exact name, an alias, or a unique name prefix."""
    index = _index()
    key = name.strip().lower()
    if key in index:
        return index[key][0]
    for file, aliases in index.values():
        if key in (a.lower() for a in aliases):
            return file
    prefixed = [n for n in index if n.startswith(key)]
    if len(prefixed) == 1:
        return index[prefixed[0]][0]
    names = list(index) + [a for _, aliases in index.values() for a in aliases]
    close = prefixed or difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    raise UnknownEntityError("scenario", name, close or list(index))


def load_scenario(name_or_path: str | Path, *, lookup: EntityLookup | None = None) -> Scenario:
    """Load and validate a scenario from a TOML path or a bundled scenario's name.

    A string that names an existing file, or ends in ``.toml``, is read as a path; anything else
    is looked up among the bundled scenarios (``kazakhstan`` -> ``kazakhstan-abraham-accords``).
    """
    text = str(name_or_path)
    path = Path(text)
    if isinstance(name_or_path, Path) or path.suffix == ".toml" or path.exists():
        resolved = path.resolve()
        return parse_scenario(load_toml(resolved), lookup=lookup, path=resolved)
    file = bundled_path(text)
    return parse_scenario(load_toml(file), lookup=lookup, path=file)
