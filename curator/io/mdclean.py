"""Making Markdown safe to hand to other tools: Pelican renders raw HTML in Markdown as it is, so a Markdown export
must not carry scripts, event handlers, ``javascript:`` links, frames, style sheets or ``<meta http-equiv>``.

Raw HTML outside fenced code is filtered tag by tag with the same allow-list as Curator's own sanitiser; link
destinations, reference definitions and attribute lists are checked too. Text that is already safe is left
exactly as it was, so exporting and importing again changes nothing.
"""

from __future__ import annotations

import html
import re

from curator.render.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "title", "xmp", "svg", "math"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background"})
_ATTR = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_TAG = re.compile(rf"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:{_ATTR})*)\s*(?P<self>/)?>")
_ATTR_PARTS = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_SPECIAL = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)|<![A-Za-z][^>]*>", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:(?:https?|mailto|tel):[^\s<>]*|[^\s<>@/]+@[^\s<>]+)>")
_STRAY_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_LINK_DEST = re.compile(r"(\]\(\s*)(<[^>\n]*>|[^\s)]*)")
_REF_DEF = re.compile(r"^([ ]{0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_ATTR_LIST_PAIR = re.compile(r"""([^\s=]+)=("[^"]*"|'[^']*'|[^\s}]+)""")
_SAFE_ATTR_LIST_KEYS = frozenset({"lang", "dir", "title"})
_TEXT_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center|justify)\s*;?\s*$", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """Whether a link destination is a web, mail or phone address, or relative (never javascript:, data: …)."""
    text = html.unescape(url)
    text = "".join(ch for ch in text if ch > " " and ch != "\x7f")
    colon = text.find(":")
    if colon == -1:
        return True
    if any(c in text[:colon] for c in "/?#"):
        return True
    return text[:colon].lower() in URL_SCHEMES


def clean_markdown(text: str) -> str:
    """``text`` with everything that could run code or restyle a page taken out (fenced code is left alone)."""
    blocks: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            if prose:
                blocks.append(clean_prose("\n".join(prose)))
                prose = []
            fence = m.group(1)
            blocks.append(line)
        elif fence is not None:
            blocks.append(line)
            closing = m.group(1) if m else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence) and not line.strip()[len(closing) :]:
                fence = None
        else:
            prose.append(line)
    if prose:
        blocks.append(clean_prose("\n".join(prose)))
    return "\n".join(blocks)


def clean_prose(text: str) -> str:
    text = clean_html(text)
    text = _LINK_DEST.sub(lambda m: m.group(0) if safe_url(m.group(2).strip("<>")) else f"{m.group(1)}#", text)
    text = _REF_DEF.sub(lambda m: m.group(0) if safe_url(m.group(2).strip("<>")) else f"{m.group(1)}#", text)
    return _ATTR_LIST.sub(_clean_attr_list, text)


def _clean_attr_list(m: re.Match[str]) -> str:
    body = m.group(1)
    pairs = _ATTR_LIST_PAIR.findall(body)
    if all(key.lower() in _SAFE_ATTR_LIST_KEYS for key, _value in pairs):
        return m.group(0)
    kept = _ATTR_LIST_PAIR.sub(lambda p: p.group(0) if p.group(1).lower() in _SAFE_ATTR_LIST_KEYS else "", body)
    kept = " ".join(kept.split())
    return "{: " + kept + " }" if kept else ""


def clean_html(text: str) -> str:
    """Raw HTML in ``text`` filtered through the sanitiser's allow-list; everything else untouched."""
    if "<" not in text:
        return text
    text = _SPECIAL.sub("", text)
    pieces: list[str] = []
    pos = 0
    while True:
        m = _TAG.search(text, pos)
        if m is None:
            pieces.append(_escape_stray(text[pos:]))
            break
        pieces.append(_escape_stray(text[pos : m.start()]))
        name = m.group("name").lower()
        if name in _DROP_WITH_CONTENT and not m.group("close"):
            end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, m.end())
            if end is not None:
                pos = end.end()
            else:
                blank = text.find("\n\n", m.end())
                pos = len(text) if blank == -1 else blank
            continue
        if name not in ALLOWED_TAGS:
            pos = m.end()
            continue
        pieces.append(_clean_tag(m, name))
        pos = m.end()
    return "".join(pieces)


def _escape_stray(text: str) -> str:
    """A "<" that starts something tag-like the patterns above did not accept (malformed markup) becomes text."""
    if "<" not in text:
        return text
    out = []
    pos = 0
    for m in _AUTOLINK.finditer(text):
        out.append(_STRAY_TAG_START.sub("&lt;", text[pos : m.start()]))
        out.append(m.group(0) if safe_url(m.group(0)[1:-1]) else "&lt;" + m.group(0)[1:])
        pos = m.end()
    out.append(_STRAY_TAG_START.sub("&lt;", text[pos:]))
    return "".join(out)


def _clean_tag(m: re.Match[str], name: str) -> str:
    if m.group("close"):
        return f"</{name}>" if m.group(0) != f"</{m.group('name')}>" else m.group(0)
    allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(name, set())
    kept: list[tuple[str, str | None]] = []
    changed = False
    for attr in _ATTR_PARTS.finditer(m.group("attrs")):
        key = attr.group(1).lower()
        raw = attr.group(2)
        value = None if raw is None else html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
        ok = key in allowed
        if ok and key in _URL_ATTRIBUTES and value is not None and not safe_url(value):
            ok = False
        if ok and key == "style" and (value is None or not _TEXT_ALIGN.match(value)):
            ok = False
        if ok:
            kept.append((key, value))
        else:
            changed = True
    if not changed:
        return m.group(0)
    attrs = "".join(f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in kept)
    return f"<{name}{attrs}{' /' if m.group('self') else ''}>"
