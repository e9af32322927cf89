"""Hunspell dictionaries through Enchant (pyenchant): the system's, LibreOffice's and any pair the user adds.

Enchant was chosen by measurement (bench/bench_writing.py): with en_US, ru_RU and kk_KZ loaded it takes 0.3 s and
~20 MB, checks a word in 5-30 µs and suggests in 80-300 ms, where the pure-Python spylls took 8.5 s, ~300 MB and
4-10 times longer per word. Enchant keeps its own files (personal word lists it creates per dictionary) in the
folder ``ENCHANT_CONFIG_DIR`` names; we point it at a folder of our own, never the user's ``~/.config/enchant``, and
link the user's extra ``.dic``/``.aff`` pairs into its ``hunspell`` subfolder so Enchant finds them by name.
"""

from __future__ import annotations

import glob
import logging
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from curator.core.errors import CuratorError
from curator.writing.languages import base_language

log = logging.getLogger(__name__)

# Where Debian, Fedora and LibreOffice put Hunspell dictionaries (Enchant itself reads the first two).
SYSTEM_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
LIBREOFFICE_GLOBS = (
    "/usr/lib/libreoffice/share/extensions/dict-*",
    "/usr/lib64/libreoffice/share/extensions/dict-*",
    "/opt/libreoffice*/share/extensions/dict-*",
    "/Applications/LibreOffice.app/Contents/Resources/extensions/dict-*",
)
# The dictionary a bare language prefers when several regions are installed.
PREFERRED = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ", "de": "de_DE", "fr": "fr_FR", "uk": "uk_UA"}


class DictionaryError(CuratorError):
    """A dictionary cannot be used; the message names the file or the language."""


def _pairs(folder: Path) -> list[Path]:
    """The ``.dic`` files in ``folder`` that have an ``.aff`` beside them."""
    try:
        return sorted(p for p in folder.glob("*.dic") if p.with_suffix(".aff").is_file())
    except OSError:
        return []


def check_pair(path: Path) -> Path:
    """``path`` (a .dic or .aff, or the name without suffix) as the .dic of a usable pair, else a clear error."""
    dic = path.with_suffix(".dic")
    for part in (dic, dic.with_suffix(".aff")):
        if not part.is_file():
            raise DictionaryError(
                f"{part} does not exist: a Hunspell dictionary is a .dic and an .aff file side by side"
            )
    with dic.open("rb") as f:
        first = f.readline().strip()
    if not first.isdigit():
        raise DictionaryError(f"{dic} is not a Hunspell dictionary: its first line should be the number of words")
    return dic


class Dictionaries:
    """The Hunspell dictionaries available by language, loaded on first use; safe to call from any thread."""

    def __init__(self, extra: Iterable[Path] = (), *, work_dir: Path | None = None) -> None:
        """``extra``: the user's own .dic files (their .aff beside them), used before the system's."""
        try:
            import enchant
        except ImportError as exc:  # the C library is missing
            raise DictionaryError(
                f"spell checking needs the Enchant library (Debian and Ubuntu: libenchant-2-2): {exc}"
            ) from None
        self._enchant: Any = enchant
        self._lock = threading.RLock()
        self._tmp = None
        if work_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="curator-enchant-")
            work_dir = Path(self._tmp.name)
        self.work_dir = work_dir
        hunspell_dir = work_dir / "hunspell"
        hunspell_dir.mkdir(parents=True, exist_ok=True)
        for old in hunspell_dir.iterdir():
            if old.is_symlink():
                old.unlink()
        self.files: dict[str, Path] = {}  # enchant tag -> .dic file
        for folder in SYSTEM_DIRS:
            for dic in _pairs(Path(folder)):
                self.files.setdefault(dic.stem, dic)
        for pattern in LIBREOFFICE_GLOBS:
            for folder in sorted(glob.glob(pattern)):
                for dic in _pairs(Path(folder)):
                    if dic.stem not in self.files:
                        self.files[dic.stem] = dic
                        self._link(hunspell_dir, dic)
        for path in extra:
            dic = check_pair(Path(path))
            self.files[dic.stem] = dic
            self._link(hunspell_dir, dic)
        with self._lock:
            # Enchant reads its folder from the environment when a broker looks for dictionaries.
            os.environ["ENCHANT_CONFIG_DIR"] = str(work_dir)
            self._broker = enchant.Broker()
            self._broker.set_ordering("*", "hunspell")
        self._dicts: dict[str, Any] = {}
        self._tags: dict[str, str | None] = {}

    @staticmethod
    def _link(folder: Path, dic: Path) -> None:
        for part in (dic, dic.with_suffix(".aff")):
            target = folder / part.name
            if target.exists() or target.is_symlink():
                target.unlink()
            try:
                target.symlink_to(part.resolve())
            except OSError:  # no symlinks (some Windows set-ups): a copy does as well
                target.write_bytes(part.read_bytes())

    @property
    def languages(self) -> list[str]:
        """The base languages with a dictionary (``en``, ``ru``, ``kk``, …), sorted."""
        return sorted({base_language(tag) for tag in self.files})

    def tag_for(self, lang: str) -> str | None:
        """The dictionary for a language tag: an exact region (en_GB) if installed, else the preferred one."""
        if lang in self._tags:
            return self._tags[lang]
        wanted = lang.replace("-", "_")
        base = base_language(lang)
        tag: str | None = None
        if "_" in wanted:
            region = f"{base}_{wanted.split('_', 1)[1].upper()}"
            tag = region if region in self.files else None
        if tag is None:
            pref = PREFERRED.get(base, f"{base}_{base.upper()}")
            same = sorted(t for t in self.files if base_language(t) == base)
            tag = pref if pref in self.files else (same[0] if same else None)
        self._tags[lang] = tag
        return tag

    def _dict(self, lang: str) -> Any:
        d = self._dicts.get(lang)
        if d is not None:
            return d
        with self._lock:
            d = self._dicts.get(lang)
            if d is None:
                tag = self.tag_for(lang)
                if tag is None:
                    raise DictionaryError(f"no Hunspell dictionary for {lang!r} is installed")
                try:
                    d = self._broker.request_dict(tag)
                except self._enchant.errors.Error as exc:
                    raise DictionaryError(f"cannot load the {tag} dictionary ({self.files.get(tag)}): {exc}") from None
                log.debug("loaded dictionary %s from %s", tag, self.files.get(tag))
                self._dicts[lang] = d
        return d

    def load(self, langs: Sequence[str]) -> None:
        for lang in langs:
            self._dict(lang)

    def check(self, lang: str, word: str) -> bool:
        d = self._dict(lang)
        with self._lock:
            return bool(d.check(word))

    def suggest(self, lang: str, word: str) -> list[str]:
        d = self._dict(lang)
        with self._lock:
            return list(d.suggest(word))

    def close(self) -> None:
        with self._lock:
            self._dicts.clear()
            self._broker = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
