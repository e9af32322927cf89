"""The house style profile: the ``[writing]`` table of ``settings.toml`` in the config folder.

```toml
[writing]
headline_max = 90              # characters; 0 turns a check off
dek_max = 220
require_byline = true
require_photo_credit = true    # when the story has a photo
require_photo_caption = true
numbers = "ap"                 # English: spell out one to nine ("off" to stop)
dates = "words"                # all-numeric dates (02.12.2026) are flagged ("off" to stop)
quotes = true                  # “…” in English, «…» in Russian and Kazakh
repeated_words = true
double_spaces = true
sentence_max_words = 35
skip_all_caps = true           # acronyms (NATO, ЕАЭС) are not spell-checked
dictionaries = ["~/dicts/de_CH.dic"]   # extra Hunspell pairs (the .aff beside each .dic)

[writing.gate]                 # what holds a story back from each status
ready = ["spelling"]
published = ["spelling", "required"]

[writing.discouraged.en]       # phrase = what to write instead; banned ones block like misspellings
"in order to" = "to"
[writing.banned.ru]
"ложить" = "класть"
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.errors import CuratorError
from curator.writing.findings import Category

SETTINGS_FILENAME = "settings.toml"
MY_DICTIONARY_FILENAME = "dictionary.txt"


class WritingSettingsError(CuratorError):
    """The ``[writing]`` settings cannot be used; the message names the file and the setting."""


# Newsroom defaults: plain words over officialese, in each language the desk writes.
DEFAULT_DISCOURAGED: dict[str, dict[str, str]] = {
    "en": {
        "utilize": "use",
        "utilise": "use",
        "in order to": "to",
        "at this point in time": "now",
        "prior to": "before",
        "in the event that": "if",
        "commence": "begin",
        "whilst": "while",
        "amidst": "amid",
        "a total of": "(the number alone)",
        "in close proximity": "near",
        "is able to": "can",
        "with regard to": "about",
    },
    "ru": {
        "на сегодняшний день": "сегодня",
        "в настоящее время": "сейчас",
        "является": "тире или «это»",
        "осуществлять": "делать, проводить",
        "в связи с тем, что": "потому что",
        "данный": "этот",
        "в рамках": "на, во время, в",
        "с целью": "чтобы",
        "имеет место": "есть, бывает",
    },
    "kk": {
        "қазіргі таңда": "қазір",
        "болып табылады": "сызықша немесе «-ды/-ді»",
        "жүзеге асыру": "жасау, өткізу",
    },
}
DEFAULT_BANNED: dict[str, dict[str, str]] = {
    "en": {"irregardless": "regardless", "very unique": "unique", "could of": "could have"},
    "ru": {"ложить": "класть", "ихний": "их", "ихние": "их", "волнительный": "волнующий"},
    "kk": {},
}
# Misspellings hold a story back from Ready; banned words and missing required fields from Published too; style
# and readability findings are advice and never hold anything back unless the desk says so.
DEFAULT_GATE = {
    "ready": (Category.SPELLING.value,),
    "published": (Category.SPELLING.value, Category.BANNED.value, Category.REQUIRED.value),
}


@dataclass(frozen=True)
class WritingSettings:
    headline_max: int = 90
    dek_max: int = 220
    require_byline: bool = True
    require_photo_credit: bool = True
    require_photo_caption: bool = True
    numbers: str = "ap"
    dates: str = "words"
    quotes: bool = True
    repeated_words: bool = True
    double_spaces: bool = True
    sentence_max_words: int = 35
    skip_all_caps: bool = True
    dictionaries: tuple[Path, ...] = ()
    discouraged: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: DEFAULT_DISCOURAGED)
    banned: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: DEFAULT_BANNED)
    gate: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_GATE))
    path: Path | None = field(default=None, compare=False)

    def blocking(self, status: str) -> frozenset[str]:
        """The finding categories that hold a story back from ``status`` (``ready``, ``published``)."""
        return frozenset(self.gate.get(status, ()))

    @property
    def blocking_any(self) -> frozenset[str]:
        return frozenset(c for cats in self.gate.values() for c in cats)

    @classmethod
    def load(cls, config_dir: Path | None) -> WritingSettings:
        """The settings in ``config_dir/settings.toml``, or the defaults when there is no such file."""
        if config_dir is None:
            return cls()
        path = config_dir / SETTINGS_FILENAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path=path)
        except OSError as exc:
            raise WritingSettingsError(f"cannot read {path}: {exc.strerror}") from None
        try:
            data = tomllib.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise WritingSettingsError(f"{path} is not UTF-8 text") from None
        except tomllib.TOMLDecodeError as exc:
            raise WritingSettingsError(f"{path} is not valid TOML: {exc}") from None
        return cls.from_mapping(data.get("writing", {}), path=path)

    @classmethod
    def from_mapping(cls, table: Any, *, path: Path | None = None) -> WritingSettings:
        where = f"{path or SETTINGS_FILENAME} [writing]"
        if not isinstance(table, Mapping):
            raise WritingSettingsError(f"{where} must be a table")
        defaults = cls()
        values: dict[str, Any] = {}
        for name in ("headline_max", "dek_max", "sentence_max_words"):
            if name in table:
                v = table[name]
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    raise WritingSettingsError(f"{where} {name} must be a whole number, 0 or more")
                values[name] = v
        for name in ("require_byline", "require_photo_credit", "require_photo_caption", "quotes",
                     "repeated_words", "double_spaces", "skip_all_caps"):
            if name in table:
                if not isinstance(table[name], bool):
                    raise WritingSettingsError(f"{where} {name} must be true or false")
                values[name] = table[name]
        for name, allowed in (("numbers", ("ap", "off")), ("dates", ("words", "off"))):
            if name in table:
                if table[name] not in allowed:
                    raise WritingSettingsError(f"{where} {name} must be one of {', '.join(map(repr, allowed))}")
                values[name] = table[name]
        if "dictionaries" in table:
            dics = table["dictionaries"]
            if not isinstance(dics, list) or not all(isinstance(d, str) for d in dics):
                raise WritingSettingsError(f"{where} dictionaries must be a list of .dic file paths")
            values["dictionaries"] = tuple(Path(d).expanduser() for d in dics)
        for name, base in (("discouraged", DEFAULT_DISCOURAGED), ("banned", DEFAULT_BANNED)):
            if name in table:
                values[name] = _word_lists(table[name], base, f"{where}.{name}")
        if "gate" in table:
            gate = table["gate"]
            known = {c.value for c in Category}
            if not isinstance(gate, Mapping):
                raise WritingSettingsError(f"{where}.gate must be a table of status = [categories]")
            merged = dict(defaults.gate)
            for status, cats in gate.items():
                if status not in ("ready", "published"):
                    raise WritingSettingsError(f"{where}.gate: {status!r} is not a gated status (ready, published)")
                if not isinstance(cats, list) or not all(c in known for c in cats):
                    raise WritingSettingsError(
                        f"{where}.gate.{status} must list categories from: {', '.join(sorted(known))}"
                    )
                merged[status] = tuple(cats)
            values["gate"] = merged
        return cls(**values, path=path)


def _word_lists(table: Any, base: Mapping[str, Mapping[str, str]], where: str) -> dict[str, dict[str, str]]:
    """Per-language tables of phrase = preferred form, added to (or, with an empty preferred form, removed from)
    the defaults."""
    if not isinstance(table, Mapping):
        raise WritingSettingsError(f"{where} must be a table of languages, e.g. [{where.split(' ')[-1]}.en]")
    out = {lang: dict(words) for lang, words in base.items()}
    for lang, words in table.items():
        if not isinstance(words, Mapping) or not all(isinstance(v, str) for v in words.values()):
            raise WritingSettingsError(f"{where}.{lang} must map phrases to what to write instead")
        target = out.setdefault(lang, {})
        for phrase, preferred in words.items():
            if preferred == "":
                target.pop(phrase, None)
            else:
                target[phrase] = preferred
    return out


# ------------------------------------------------------------------------------------------ writing them back

_SCALARS = ("headline_max", "dek_max", "sentence_max_words", "require_byline", "require_photo_credit",
            "require_photo_caption", "numbers", "dates", "quotes", "repeated_words", "double_spaces", "skip_all_caps")


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def writing_toml(settings: WritingSettings) -> str:
    """The ``[writing]`` tables for ``settings``: every option, and the word lists as changes to the defaults."""
    lines = ["[writing]"]
    for name in _SCALARS:
        lines.append(f"{name} = {_toml_value(getattr(settings, name))}")
    lines.append(f"dictionaries = {_toml_value([str(p) for p in settings.dictionaries])}")
    lines += ["", "[writing.gate]"]
    for status in ("ready", "published"):
        lines.append(f"{status} = {_toml_value(list(settings.gate.get(status, ())))}")
    for name, base in (("discouraged", DEFAULT_DISCOURAGED), ("banned", DEFAULT_BANNED)):
        table: Mapping[str, Mapping[str, str]] = getattr(settings, name)
        for lang in sorted(set(table) | set(base)):
            now, default = table.get(lang, {}), base.get(lang, {})
            changes = {p: v for p, v in now.items() if default.get(p) != v}
            changes.update({p: "" for p in default if p not in now})  # "" takes a default phrase off the list
            if changes:
                lines += ["", f"[writing.{name}.{lang}]"]
                lines += [f"{_toml_string(p)} = {_toml_string(v)}" for p, v in sorted(changes.items())]
    return "\n".join(lines) + "\n"


def _without_writing_tables(text: str) -> str:
    """``text`` (a settings.toml) without its ``[writing]`` and ``[writing.…]`` tables; other tables untouched."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            name = stripped.strip("[]").split("#")[0].strip().strip('"')
            skipping = name == "writing" or name.startswith("writing.")
        elif stripped.startswith("[["):
            name = stripped.strip("[]").strip()
            skipping = name == "writing" or name.startswith("writing.")
        if not skipping:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + ("\n" if out else "")


def save(settings: WritingSettings, config_dir: Path) -> Path:
    """Write ``settings`` as the ``[writing]`` tables of ``config_dir/settings.toml``, keeping every other table
    (the fact-check verdict scale, …) as it is; the file is replaced whole or not at all."""
    from curator.core.files import write_text_atomic

    path = config_dir / SETTINGS_FILENAME
    try:
        old = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        old = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise WritingSettingsError(f"cannot read {path}: {exc}") from None
    rest = _without_writing_tables(old)
    text = (rest + "\n" if rest else "") + writing_toml(settings)
    WritingSettings.from_mapping(tomllib.loads(text).get("writing", {}), path=path)  # reads back as written
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise WritingSettingsError(f"cannot write {path}: {exc.strerror}") from None
    return path
