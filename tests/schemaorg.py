"""A schema.org check of JSON-LD for the tests, offline: pyld expands the document, then every node's types and
every property are checked against a schema.org vocabulary subset (classes, properties, domains, ranges).

Why pyld: it is the JSON-LD processor (the W3C algorithms), so the check sees what a consumer sees after
expansion: a misspelled term, a value of the wrong kind or an unknown type shows up as an IRI or value the
vocabulary does not allow. The schema.org context and vocabulary are fixtures written for the project
(``tests/fixtures/schemaorg/``); the document loader serves them and refuses anything else, so nothing is fetched.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pyld import jsonld

FIXTURES = Path(__file__).parent / "fixtures" / "schemaorg"
SCHEMA = "https://schema.org/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_CONTEXT_URLS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") + "/" in {u.rstrip("/") + "/" for u in _CONTEXT_URLS}:
        document = json.loads((FIXTURES / "context.jsonld").read_text(encoding="utf-8"))
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}
    raise jsonld.JsonLdError(
        f"offline: refusing to load {url}", "jsonld.LoadDocumentError", code="loading document failed"
    )


def expand(data: Any) -> list[dict[str, Any]]:
    return jsonld.expand(data, {"documentLoader": _loader})


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """(class → its superclasses, itself included; property → (domains, ranges)), from the fixture."""
    doc = json.loads((FIXTURES / "vocabulary.jsonld").read_text(encoding="utf-8"))
    parents: dict[str, set[str]] = {}
    props: dict[str, tuple[set[str], set[str]]] = {}
    for node in expand(doc):
        types = set(node.get("@type", ()))
        ident = node["@id"]
        if f"{RDFS}Class" in types:
            parents[ident] = {p["@id"] for p in node.get(f"{RDFS}subClassOf", ())}
        if "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property" in types:
            domains = {d["@id"] for d in node.get(f"{SCHEMA}domainIncludes", ())}
            ranges = {r["@id"] for r in node.get(f"{SCHEMA}rangeIncludes", ())}
            props[ident] = (domains, ranges)
    ancestry: dict[str, set[str]] = {}

    def up(cls: str) -> set[str]:
        if cls not in ancestry:
            ancestry[cls] = {cls}
            for parent in parents.get(cls, ()):
                ancestry[cls] |= up(parent)
        return ancestry[cls]

    return {cls: up(cls) for cls in parents}, props


def _short(iri: str) -> str:
    return iri.removeprefix(SCHEMA)


def _datatype_ok(value: Any, datatype: str) -> bool:
    kind = _short(datatype)
    if kind == "Text":
        return isinstance(value, str)
    if kind == "URL":
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)
    if kind == "Date":
        try:
            return isinstance(value, str) and date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    if kind == "DateTime":
        try:
            return isinstance(value, str) and "T" in value and datetime.fromisoformat(value) is not None
        except ValueError:
            return False
    if kind == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "Boolean":
        return isinstance(value, bool)
    return False


def schema_problems(data: dict[str, Any]) -> list[str]:
    """What in one JSON-LD object is not valid schema.org (empty when it all is)."""
    classes, props = vocabulary()
    problems: list[str] = []
    expanded = expand(data)
    if not expanded:
        return ["the document expands to nothing (no @context, or no known terms)"]

    def check(node: dict[str, Any], where: str) -> None:
        types = node.get("@type", [])
        if not types:
            problems.append(f"{where}: a node without @type")
        lineage: set[str] = set()
        for t in types:
            if t not in classes:
                problems.append(f"{where}: unknown type {t}")
            else:
                lineage |= classes[t]
        for key, values in node.items():
            if key.startswith("@"):
                continue
            here = f"{where}.{_short(key)}"
            if key not in props:
                problems.append(f"{here}: not a schema.org property")
                continue
            domains, ranges = props[key]
            if lineage and not (domains & lineage):
                names = ", ".join(sorted(_short(t) for t in types))
                problems.append(f"{here}: not a property of {names}")
            for value in values:
                if "@value" in value:
                    if not any(_datatype_ok(value["@value"], r) for r in ranges if r in classes and _is_datatype(r)):
                        wanted = "/".join(sorted(_short(r) for r in ranges))
                        problems.append(f"{here}: {value['@value']!r} is not a {wanted}")
                elif "@id" in value and len(value) == 1:
                    if not any(_short(r) == "URL" for r in ranges) or not _datatype_ok(value["@id"], f"{SCHEMA}URL"):
                        problems.append(f"{here}: a reference {value['@id']!r} where it takes no URL")
                else:
                    value_types = value.get("@type", [])
                    if not any(ranges & classes.get(t, set()) for t in value_types):
                        problems.append(
                            f"{here}: a {', '.join(_short(t) for t in value_types) or 'node'} is not allowed"
                        )
                    check(value, here)

    for i, node in enumerate(expanded):
        check(node, f"[{i}]")
    return problems


_DATATYPES = {f"{SCHEMA}{n}" for n in ("Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean")}


def _is_datatype(iri: str) -> bool:
    return iri in _DATATYPES


def json_ld_blocks(html: str) -> list[dict[str, Any]]:
    """The JSON-LD objects of a page's ``<script type="application/ld+json">`` blocks."""
    blocks = re.findall(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.DOTALL)
    return [json.loads(b) for b in blocks]
