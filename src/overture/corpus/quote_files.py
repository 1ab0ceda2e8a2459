"""Reading a list of quotations to verify from YAML: a list (or a `quotes:` mapping) of items
with `id`, `source` and `text`, reported with the line of each bad item. A `sources:` list
beside the quotes (as doctrine files have) maps source ids to their `location` or `title`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from overture.corpus.provenance import QuoteClaim
from overture.corpus.reading import read_source
from overture.errors import InputError, SourceLocation


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_quote_claims(path: str | Path) -> list[QuoteClaim]:
    """The quotations listed in a YAML file (see the module docstring)."""
    raw = read_source(Path(path), max_bytes=5 * 1024 * 1024)
    where = str(path)
    try:
        data = yaml.load(raw.text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"malformed YAML: {getattr(exc, 'problem', exc)}",
            SourceLocation(where, mark.line + 1 if mark else None,
                           mark.column + 1 if mark else None),
        ) from None  # fmt: skip
    refs: dict[str, str] = {}
    if isinstance(data, dict) and "quotes" in data:
        for source in data.get("sources") or []:
            if isinstance(source, dict) and "id" in source:
                ref = source.get("location") or source.get("title") or source["id"]
                refs[str(source["id"])] = str(ref)
        data = data["quotes"]
    if not isinstance(data, list):
        raise InputError("expected a list of quotes (each with id, source, text)",
                         SourceLocation(where, 1))  # fmt: skip
    claims: list[QuoteClaim] = []
    for index, item in enumerate(data):
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            raise InputError(f"quote #{index + 1} is not a mapping", SourceLocation(where, line))
        missing = [k for k in ("source", "text") if not isinstance(item.get(k), str)]
        if missing:
            raise InputError(f"quote #{index + 1} lacks {' and '.join(missing)} (as text)",
                             SourceLocation(where, line))  # fmt: skip
        quote_id = str(item.get("id", f"#{index + 1}"))
        source = str(item["source"])
        claims.append(QuoteClaim(quote_id, refs.get(source, source), str(item["text"])))
    return claims
