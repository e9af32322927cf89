"""Reading text files whatever their encoding, or refusing them clearly: never importing mojibake.

UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order mark are read as they say.
Anything else is guessed with charset-normalizer, but only among the legacy encodings that English, Russian and
Kazakh text actually comes in, and only when the guess is unambiguous: every candidate that fits the bytes
equally well must give the same text, or one must fit clearly better, or all but one must read as nonsense
(letters of two scripts in one word, symbols inside words, control characters). Otherwise the file is refused
with the candidates named (:class:`EncodingUnclear`), and someone who knows can say which it is: an encoding
given by name (``curator import --encoding``, the app's import summary) reads every file that is neither UTF-8
nor marked by a byte-order mark. :func:`preview` shows a file's first lines in each candidate, to choose by.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from curator.core.errors import CuratorError
from curator.io.errors import EncodingUnclear, ImportFileError

MAX_FILE_BYTES = 10 * 1024 * 1024
# Legacy encodings worth guessing: Windows, KOI8, Mac, DOS and ISO Cyrillic (Russian, Kazakh), Windows/ISO Latin.
GUESSED_ENCODINGS = (
    "cp1251",
    "koi8_r",
    "koi8_u",
    "mac_cyrillic",
    "cp866",
    "iso8859_5",
    "kz1048",
    "ptcp154",
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1250",
    "iso8859_2",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Candidates whose mess ratio is this close to the best one are taken as fitting equally well.
_CHAOS_MARGIN = 0.02
_COHERENCE_MARGIN = 0.1


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False


def read_text_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES, encoding: str | None = None) -> Decoded:
    """The text of ``path``; raises :class:`ImportFileError` naming the file and the reason. ``encoding`` reads
    a file that is neither UTF-8 nor marked by a byte-order mark in that encoding instead of guessing."""
    try:
        # Opened without blocking (a FIFO would wait for a writer for ever) and checked on the open file itself, so
        # a name swapped for a device or a pipe after it was listed is still refused; never more read than allowed.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ImportFileError(f"is not a regular file ({file_kind(info.st_mode)})", path)
            if info.st_size > max_bytes:
                raise ImportFileError(f"too large ({_megabytes(info.st_size)}; at most {_megabytes(max_bytes)})", path)
            with os.fdopen(fd, "rb", closefd=False) as f:
                data = f.read(max_bytes + 1)
        finally:
            os.close(fd)
        if len(data) > max_bytes:
            raise ImportFileError(f"too large (over {_megabytes(max_bytes)})", path)
    except OSError as exc:
        raise ImportFileError(f"cannot be read: {exc.strerror or exc}", path) from None
    try:
        return decode_bytes(data, encoding=encoding)
    except ImportFileError as exc:
        raise exc.at(path) from None


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _megabytes(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def check_encoding(name: str) -> str:
    """The canonical name of an encoding someone typed ("Latin-1" → "latin-1", "koi8r" → "koi8-r"); raises
    :class:`CuratorError` for a name Python does not know, or one that is not a text encoding of bytes."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        raise CuratorError(f"unknown encoding {name!r} (for example: latin-1, cp1251, koi8-r, cp1252)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise CuratorError(f"{name!r} is not a text encoding")
    return info.name.replace("_", "-").replace("iso8859", "iso-8859")


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes (see the module's docstring); raises :class:`ImportFileError` when it cannot.

    ``encoding`` is used for bytes that carry no byte-order mark and are not UTF-8; UTF-8 and marked files
    are read as they are, so one encoding can be given for a folder of mixed files.
    """
    if not data.strip():
        raise ImportFileError("the file is empty")
    for bom, marked in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(marked)
            except UnicodeDecodeError:
                name = marked.replace("-sig", "").upper()
                raise ImportFileError(f"starts with a {name} byte-order mark but is not valid {name}") from None
            return Decoded(_checked(text), marked.replace("-sig", ""))
    if b"\x00" in data:
        return _bomless_utf16(data)
    try:
        return Decoded(_checked(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    if encoding is not None:
        return _forced(data, check_encoding(encoding))
    return _guess(data)


def _forced(data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"is not {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start} has no meaning there"
        ) from None
    return Decoded(_checked(text), encoding)


def preview(data: bytes, encodings: Sequence[str], *, lines: int = 3, width: int = 100) -> dict[str, str]:
    """The first ``lines`` non-blank lines of ``data`` read in each encoding ("" where it cannot be read),
    each cut at ``width`` characters: what someone chooses an encoding by."""
    out: dict[str, str] = {}
    for encoding in encodings:
        try:
            text = data[: 64 * 1024].decode(encoding, errors="strict" if len(data) <= 64 * 1024 else "ignore")
        except (UnicodeDecodeError, LookupError):
            out[encoding] = ""
            continue
        shown = [line.strip()[:width] for line in text.splitlines() if line.strip()][:lines]
        out[encoding] = "\n".join(shown)
    return out


def _checked(text: str) -> str:
    if _control_ratio(text) > 0.01:
        raise ImportFileError("looks like a binary file, not text")
    if not text.strip():
        raise ImportFileError("the file is empty")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _bomless_utf16(data: bytes) -> Decoded:
    """UTF-16 without a byte-order mark shows itself by NULs in every other byte (for mostly-ASCII text)."""
    if len(data) % 2 == 0:
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        units = len(data) // 2
        for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
            if units >= 4 and zeros >= units * 0.3 and others == 0:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    break
                if _control_ratio(text) == 0 and text.strip():
                    return Decoded(text, encoding.replace("-", "_"), guessed=True)
    if data.count(0) <= len(data) // 100:
        # A stray NUL or two in UTF-8 text (they are dropped when the story is stored).
        try:
            return Decoded(_checked(data.decode("utf-8")), "utf-8")
        except UnicodeDecodeError:
            pass
    raise ImportFileError("looks like a binary file, not text (it contains NUL bytes)")


def _guess(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(GUESSED_ENCODINGS)))
    if not matches:
        raise EncodingUnclear(_refusal("its encoding cannot be told"), _display(GUESSED_ENCODINGS[:3]))
    best_chaos = min(m.chaos for m in matches)
    contenders = [m for m in matches if m.chaos <= best_chaos + _CHAOS_MARGIN]
    texts: dict[str, list[str]] = {}
    coherence: dict[str, float] = {}
    for m in contenders:
        text = str(m)
        texts.setdefault(text, []).append(m.encoding)
        coherence[text] = max(coherence.get(text, 0.0), m.coherence)
    for encodings in texts.values():
        # Name the most common of the encodings that give the same text (windows-1252, not windows-1250).
        encodings.sort(key=_commonness)
    if len(texts) > 1:
        ranked = sorted(texts, key=lambda t: coherence[t], reverse=True)
        if coherence[ranked[0]] - coherence[ranked[1]] >= _COHERENCE_MARGIN:
            texts = {ranked[0]: texts[ranked[0]]}
    if len(texts) > 1:
        plausible = {t: encs for t, encs in texts.items() if _plausible(t)}
        if len(plausible) == 1:
            texts = plausible
    if len(texts) == 1:
        ((text, encodings),) = texts.items()
        if _plausible(text):
            return Decoded(_checked(text), _commonest(data, text, encodings[0]), guessed=True)
        raise ImportFileError(_refusal(f"read as {_names(encodings)} it would be garbled"))
    # The most likely first: the reading that makes the most sense of the words.
    firsts = [texts[t][0] for t in sorted(texts, key=lambda t: coherence[t], reverse=True)]
    raise EncodingUnclear(_refusal(f"it could be {_names(firsts)}, which read differently"), _display(firsts))


def _commonest(data: bytes, text: str, found: str) -> str:
    """The most common encoding that reads ``data`` as ``text`` (several often agree on a given text)."""
    for encoding in GUESSED_ENCODINGS:
        try:
            if data.decode(encoding) == text:
                return encoding
        except UnicodeDecodeError:
            continue
    return found


def _commonness(encoding: str) -> int:
    return GUESSED_ENCODINGS.index(encoding) if encoding in GUESSED_ENCODINGS else len(GUESSED_ENCODINGS)


def _names(encodings: list[str]) -> str:
    names = [codecs.lookup(e).name for e in encodings]
    return " or ".join(dict.fromkeys(names))


def _refusal(why: str) -> str:
    return f"is not UTF-8 and {why}; import it again with the encoding named (--encoding), or save it as UTF-8"


def _display(encodings: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(check_encoding(e) for e in encodings))


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def _plausible(text: str) -> bool:
    """Whether decoded text reads like text: few symbols inside words, no word mixing two alphabets."""
    suspicious = 0
    letters = 0
    for word in text.split():
        core = word.strip(".,;:!?\"'()[]{}«»“”„‘’—–-…")
        scripts = set()
        for ch in core:
            if ch.isalpha():
                if not ch.isascii():
                    letters += 1
                scripts.add(_script(ch))
            elif not ch.isdigit() and ch not in "-'’.&/_+@#%" and unicodedata.category(ch) != "Sc":
                # Currency signs stand beside figures ("£5", "5€", "₸500"); other symbols in a word are suspect.
                suspicious += 1
            if unicodedata.category(ch) in ("Cc", "Co", "Cn"):
                suspicious += 1
        if len(scripts) > 1:
            suspicious += 1
    if not letters:
        return suspicious == 0
    return suspicious <= max(1, letters // 100)
