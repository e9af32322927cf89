"""Sanitising rendered HTML with nh3: what story content may and may not carry into a page."""

from __future__ import annotations

import re
from urllib.parse import quote

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
    """Strip everything from ``html`` that could run code, load frames or restyle the page, and leave valid HTML."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "embed"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=_valid_attribute,
    )
    return _valid_elements(cleaned)


_INTEGER = re.compile(r"-?\d{1,9}")
_COUNT = re.compile(r"[1-9]\d{0,3}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_DATETIME = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_VALUES: dict[str, re.Pattern[str]] = {
    "dir": re.compile(r"ltr|rtl|auto", re.IGNORECASE),
    "lang": _LANGUAGE,
    "hreflang": _LANGUAGE,
    "width": re.compile(r"\d{1,5}"),
    "height": re.compile(r"\d{1,5}"),
    "loading": re.compile(r"lazy|eager"),
    "start": _INTEGER,
    "value": _INTEGER,
    "type": re.compile(r"[1aAiI]"),
    "colspan": _COUNT,
    "rowspan": _COUNT,
    "span": _COUNT,
    "scope": re.compile(r"row|col|rowgroup|colgroup"),
    "datetime": _DATETIME,
    "id": re.compile(r"[^\s]{1,200}"),
}
# Characters a URL may not hold as they are (the checker and some browsers refuse them); "%" is kept as typed.
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def _valid_attribute(_element: str, attribute: str, value: str) -> str | None:
    """Keep an attribute only with a value HTML allows for it (an invalid value would make the page invalid)."""
    pattern = _VALUES.get(attribute)
    if pattern is not None:
        return value.strip() if pattern.fullmatch(value.strip()) else None
    if attribute in ("href", "src", "cite"):
        return quote(value.strip(), safe=_URL_SAFE) or None
    return value


_IMG = re.compile(r"<img\b[^>]*>")
_A_WITHOUT_HREF = re.compile(r'<a((?:\s(?!href=)[a-z-]+="[^"]*")*?)\srel="[^"]*"((?:\s(?!href=)[a-z-]+="[^"]*")*)>')
_ANY_ID = re.compile(r'\sid="([^"]*)"')


def _valid_elements(html: str) -> str:
    """Elements HTML requires more of: images need a source and a text alternative, ids must be unique, and
    a link without an address may not carry rel."""
    if "<img" in html:
        html = _IMG.sub(_valid_img, html)
    if "<a" in html:
        html = _A_WITHOUT_HREF.sub(lambda m: f"<a{m.group(1)}{m.group(2)}>", html)
    if ' id="' in html:
        seen: set[str] = set()

        def once(m: re.Match[str]) -> str:
            if m.group(1) in seen:
                return ""
            seen.add(m.group(1))
            return m.group(0)

        html = _ANY_ID.sub(once, html)
    return html


def _valid_img(m: re.Match[str]) -> str:
    tag = m.group(0)
    if ' src="' not in tag:
        return ""
    if ' alt="' not in tag:
        tag = tag[:4] + ' alt=""' + tag[4:]
    return tag


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
