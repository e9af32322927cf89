"""Reading files in any encoding: right, or refused with a clear reason; never mojibake."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.errors import CuratorError
from curator.io.decode import Decoded, check_encoding, decode_bytes, preview, read_text_file
from curator.io.errors import EncodingUnclear, ImportFileError
from tests.conftest import FIXTURES as ALL_FIXTURES

# The import/export tests' own stories (other areas keep theirs beside them).
FIXTURES = ALL_FIXTURES / "io"

RUSSIAN = (
    "Переговоры делегаций в Астане завершились поздно вечером без совместного заявления, сообщает Степной "
    "вестник.\nПо словам источников, заявление ожидалось к полудню, однако стороны так и не договорились."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Заголовок\nТекст".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Заголовок\nТекст".encode(), "utf-8"),
        ("Заголовок\nТекст".encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Заголовок\nТекст".encode("utf-16-be"), "utf-16"),
        ("Заголовок\nТекст".encode("utf-32"), "utf-32"),
    ],
)
def test_unicode_with_and_without_byte_order_marks(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded == Decoded("Заголовок\nТекст", encoding)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866", "iso8859_5"])
def test_legacy_cyrillic_encodings_of_real_text_are_detected(encoding: str) -> None:
    decoded = decode_bytes(RUSSIAN.encode(encoding))
    assert decoded.text == RUSSIAN
    assert decoded.guessed


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5", "kz1048", "cp1252", "latin_1"]),
    st.integers(min_value=10, max_value=len(RUSSIAN)),
)
def test_legacy_text_is_read_right_or_refused_never_garbled(encoding: str, length: int) -> None:
    text = RUSSIAN[:length] if encoding not in ("cp1252", "latin_1") else "Déjà vu: the café reopened. " * 3
    try:
        decoded = decode_bytes(text.encode(encoding))
    except ImportFileError as exc:
        assert "save it as UTF-8" in str(exc)
        return
    assert decoded.text == text


def test_the_cp1251_fixture_reads_right() -> None:
    decoded = read_text_file(FIXTURES / "talks-ru-cp1251.txt")
    assert decoded.encoding == "cp1251"
    assert decoded.text.startswith("Долгий разговор: делегации завершили переговоры")
    assert "«трудным, но полезным»" in decoded.text


def test_western_legacy_text_reads_right() -> None:
    text = "The café on Abai Avenue reopened on Monday, its owner said. Prices are unchanged."
    assert decode_bytes(text.encode("cp1252")) == Decoded(text, "cp1252", guessed=True)


@pytest.mark.parametrize(
    "data",
    [
        "Привет, мир! Как дела?".encode("cp1251"),  # too short to tell cp1251 from mac-cyrillic
        "Привет, мир! Как дела?".encode("mac_cyrillic"),
        "Les négociations se sont terminées sans déclaration commune à Riyad.".encode("cp1252"),
    ],
)
def test_ambiguous_legacy_text_is_refused_naming_the_candidates(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"is not UTF-8 and it could be \S+ or \S+.*save it as UTF-8"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe broken", "not valid UTF-8"),
    ],
)
def test_bad_files_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason):
        decode_bytes(data)


def test_too_large_and_missing_files_name_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(ImportFileError, match=r"big\.txt: too large \(0\.0 MB; at most 0\.0 MB\)"):
        read_text_file(big, max_bytes=1024)
    with pytest.raises(ImportFileError, match=r"gone\.txt: cannot be read"):
        read_text_file(tmp_path / "gone.txt")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except ImportFileError:
        return
    assert decoded.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=400).filter(lambda t: t.strip()))
def test_utf8_text_always_reads_back_exactly(text: str) -> None:
    try:
        decoded = decode_bytes(text.encode("utf-8"))
    except ImportFileError as exc:
        # Only text that is mostly control characters may be refused (as binary).
        assert "binary" in str(exc)
        return
    assert decoded.text == text


# ------------------------------------------------------------------------------------ naming the encoding


def test_a_named_encoding_reads_latin1_pound_signs_and_koi8r() -> None:
    latin = "A pint costs £6.20 at the café.\nUp from £5.80.".encode("latin-1")
    with pytest.raises(EncodingUnclear) as unclear:
        decode_bytes(latin)
    assert {"cp1252", "cp1250"} <= set(unclear.value.candidates)
    assert decode_bytes(latin, encoding="latin-1").text.startswith("A pint costs £6.20 at the café.")
    koi8 = "Цены на хлеб выросли вслед за мукой.".encode("koi8-r")
    assert decode_bytes(koi8, encoding="KOI8-R") == Decoded("Цены на хлеб выросли вслед за мукой.", "koi8-r")


def test_a_named_encoding_leaves_utf8_and_marked_files_alone() -> None:
    assert decode_bytes("«хорошо» £".encode(), encoding="latin-1").text == "«хорошо» £"
    assert decode_bytes(codecs.BOM_UTF16_LE + "Тенге".encode("utf-16-le"), encoding="cp1251").text == "Тенге"


def test_bytes_a_named_encoding_cannot_read_are_refused_with_where() -> None:
    with pytest.raises(ImportFileError, match=r"is not ascii: byte 0xe9 at offset 5 has no meaning there"):
        decode_bytes(b"Hello" + "é".encode("latin-1") + b"\xc3(", encoding="ascii")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("Latin-1", "iso-8859-1"), ("KOI8-R", "koi8-r"), ("windows-1251", "cp1251"), ("iso8859_5", "iso-8859-5")],
)
def test_encoding_names_are_checked_and_made_canonical(typed: str, canonical: str) -> None:
    assert check_encoding(typed) == canonical


@pytest.mark.parametrize("name", ["klingon", "rot13", "hex"])
def test_unknown_or_non_text_encodings_are_refused(name: str) -> None:
    with pytest.raises(CuratorError, match=repr(name)):
        check_encoding(name)


def test_preview_shows_the_first_lines_in_each_candidate() -> None:
    data = "Цены на хлеб\n\nВторая строка\nТретья\nЧетвертая".encode("koi8-r")
    shown = preview(data, ["koi8-r", "cp1251"], lines=2)
    assert shown["koi8-r"] == "Цены на хлеб\nВторая строка"
    assert shown["cp1251"] != shown["koi8-r"] and shown["cp1251"].count("\n") == 1
