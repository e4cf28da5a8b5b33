"""The keymap registry: every binding once, under a namespaced id, and ``[keys]`` checked
against it (the TUI-level tests rebind keys in a running app, see test_screens.py)."""

from __future__ import annotations

import re

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.tui import keymap
from corpus_tui.tui.keymap import ALL, BINDING_IDS, LEGACY_IDS, resolve_keymap

ID = re.compile(r"^(app|corpus|list|annotate|adjudicate|help|picker|prompt|text|agreement|unsaved)\.[a-z0-9_]+$")


def test_every_binding_has_one_namespaced_id() -> None:
    ids = [b.id for b in ALL]
    assert all(i is not None and ID.match(i) for i in ids), [i for i in ids if not (i and ID.match(i))]
    assert len(ids) == len(set(ids))  # no id names two bindings


def test_the_apps_and_screens_take_their_bindings_from_the_registry() -> None:
    from corpus_tui.tui.adjudicate import AdjudicateApp
    from corpus_tui.tui.app import CorpusTuiApp
    from corpus_tui.tui.screens.annotate import AnnotateScreen
    from corpus_tui.tui.screens.corpus import CorpusScreen
    from corpus_tui.tui.screens.review import ReviewScreen
    from corpus_tui.tui.widgets.document_list import DocumentList

    for owner, group in [
        (CorpusTuiApp, keymap.APP),
        (AdjudicateApp, keymap.ADJUDICATE_APP),
        (AnnotateScreen, keymap.ANNOTATE),
        (CorpusScreen, keymap.CORPUS),
        (ReviewScreen, keymap.ADJUDICATE),
        (DocumentList, keymap.DOCUMENT_LIST),
    ]:
        bindings = owner.BINDINGS
        assert bindings == group, owner.__name__


def test_old_flat_ids_name_todays_bindings() -> None:
    assert set(LEGACY_IDS.values()) <= set(BINDING_IDS)
    assert not set(LEGACY_IDS) & set(BINDING_IDS)
    assert LEGACY_IDS["mark_quote"] == "annotate.mark_quote"
    assert LEGACY_IDS["adjudicate_take_none"] == "adjudicate.take_none"
    assert LEGACY_IDS["quit"] == "app.quit"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("mark_qoute", "annotate.mark_quote"),  # the screen left out, and a typo
        ("annotate.mark_qoute", "annotate.mark_quote"),
        ("corpus.opne", "corpus.open"),
        ("adjudicate.tkae_1", "adjudicate.take_1"),
        ("qiut", "app.quit"),
    ],
)
def test_an_unknown_id_is_one_sentence_with_the_nearest(name: str, suggestion: str) -> None:
    with pytest.raises(CorpusError) as caught:
        resolve_keymap({name: "m"}, "corpus-tui.toml")
    assert str(caught.value) == (f"corpus-tui.toml: [keys] names no key binding {name!r}; did you mean {suggestion!r}?")


def test_an_id_like_nothing_says_what_ids_look_like() -> None:
    with pytest.raises(CorpusError, match=r"'zzz' \(binding ids look like 'annotate.mark_quote'"):
        resolve_keymap({"zzz": "m"}, "corpus-tui.toml")


def test_old_ids_are_translated_with_one_notice_and_the_new_id_wins() -> None:
    resolved = resolve_keymap({"mark_quote": "m", "annotate.mark_quote": "M", "undo": "U"}, "p.toml")
    assert resolved.keys == {"annotate.mark_quote": "M", "annotate.undo": "U"}
    (notice,) = resolved.notices
    assert notice.startswith("p.toml: [keys] uses old binding ids (mark_quote → annotate.mark_quote, undo →")
    assert resolve_keymap({"annotate.undo": "U"}, "p.toml").notices == ()
