"""Front matter read with libyaml (C) gives what PyYAML's own loader gives: values, refusals and messages."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.io.errors import ImportFileError
from curator.io.frontmatter import _NoAliasLoader, _yaml

SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.datetimes(),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
MAPPINGS = st.dictionaries(st.text(min_size=1, max_size=12), VALUES, min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(MAPPINGS, st.sampled_from([{}, {"default_flow_style": True}, {"allow_unicode": True}]))
def test_the_c_loader_reads_what_the_python_loader_reads(data: dict, style: dict) -> None:
    raw = yaml.safe_dump(data, **style)
    assert _yaml(raw) == yaml.load(raw, Loader=_NoAliasLoader)


@settings(max_examples=300, deadline=None)
# Tabs aside: libyaml accepts a few uses of tabs PyYAML's scanner refuses ("a:\t", "::\t"); such front matter
# imports now where it was refused before (see test_tabs_libyaml_accepts).
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{},'\"&*!#|>\n\\%@`?")), max_size=40))
def test_odd_front_matter_gives_the_same_value_or_the_same_refusal(raw: str) -> None:
    try:
        expected = yaml.load(raw, Loader=_NoAliasLoader)
    except yaml.YAMLError:
        with pytest.raises(ImportFileError, match="malformed front matter"):
            _yaml(raw)
        return
    except RecursionError:
        return
    if expected is None or isinstance(expected, dict):
        assert _yaml(raw) == (expected or {})


def test_aliases_are_refused() -> None:
    with pytest.raises(ImportFileError, match="aliases are not allowed"):
        _yaml("a: &x [1, 2]\nb: *x\n")


def test_tabs_libyaml_accepts() -> None:
    # The one difference found: PyYAML's own scanner refuses this, libyaml reads the mapping it means.
    assert _yaml("a:\t1\n") == {"a": 1}
