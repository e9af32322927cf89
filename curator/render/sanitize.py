"""Sanitising rendered HTML with nh3: what story content may and may not carry into a page."""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    }
)
_COMMON_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    # Table cells keep their alignment as style="text-align: …" (the align attribute is obsolete HTML);
    # every other style property is stripped.
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "abbr": set(),
    "q": {"cite"},
    "blockquote": {"cite"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "col": {"span"},
    "colgroup": {"span"},
}
# No javascript:, data: or vbscript: anywhere; relative URLs stay allowed.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitize_html(html: str) -> str:
    """Strip everything from ``html`` that could run code, load frames or restyle the page."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "embed"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


_ID_ATTR = re.compile(r'(\s(?:id|href)=")(#?)([^"]*)"')


def prefix_ids(html: str, prefix: str) -> str:
    """Namespace every ``id`` and in-page ``href="#…"`` of sanitised HTML, for pages showing several stories.

    Works on the output of :func:`sanitize_html` only, whose attributes are always double-quoted.
    """
    if not prefix:
        return html

    def repl(m: re.Match[str]) -> str:
        attr, hash_, value = m.group(1), m.group(2), m.group(3)
        if attr.endswith('id="'):
            return f'{attr}{prefix}{value}"'
        if hash_:
            return f'{attr}#{prefix}{value}"'
        return m.group(0)

    return _ID_ATTR.sub(repl, html)
