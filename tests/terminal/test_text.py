"""The one table that makes a string safe for a terminal (``core.text.terminal_safe``), its
``\\uXXXX`` form for JSON, and the CLI's stream that applies it to everything printed."""

from __future__ import annotations

import io
import json
import sys

from corpus_tui.commands.output import SafeStream, json_text, safe_output, terminal_stream
from corpus_tui.core.text import escape_unsafe, terminal_safe
from corpus_tui.tui.textlayout import display_text

from .hostile import C1_OSC, CSI, OSC, RLO, VISIBLE, raw_controls

EVERY_CONTROL = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def test_each_control_becomes_one_visible_character() -> None:
    shown = terminal_safe(EVERY_CONTROL)
    assert len(shown) == len(EVERY_CONTROL) and shown.isprintable()
    assert shown[0x1B] == "␛" and shown[0x0A] == "␊" and shown[0x09] == "␉" and shown[0x20] == "␡"
    for raw, visible in VISIBLE.items():
        assert terminal_safe(f"a{raw}b") == f"a{visible}b"


def test_zero_width_separators_and_lone_surrogates() -> None:
    for char in ("\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\u061c", "\u2060"):
        assert terminal_safe(char) == "¦"
    assert terminal_safe("a\ud800b") == "a�b"
    terminal_safe("\udcff").encode("utf-8")  # printable and encodable


def test_printable_text_is_returned_as_it_is() -> None:
    text = "Zürich – 漢字 😀 e\u0301 שלום [bold]x[/]"
    assert terminal_safe(text) is text
    assert terminal_safe(terminal_safe(OSC)) == terminal_safe(OSC)  # idempotent


def test_layout_characters_kept_or_blank_where_asked() -> None:
    assert terminal_safe("a\nb\tc\x1b", keep="\n\t") == "a\nb\tc␛"
    assert terminal_safe("a\nb\tc\x1b", blank="\t\n") == "a b c␛"
    article = f"one\ttwo\nthree{OSC}{RLO}"
    assert display_text(article) == terminal_safe(article, blank="\t\n")
    assert len(display_text(article)) == len(article)  # offsets map 1:1


def test_escaped_form_is_exact_json() -> None:
    value = {"label": f"x{OSC}{CSI}{C1_OSC}{RLO}\x7f\ud800", "name": "Zürich"}
    text = json_text(value)
    assert raw_controls(text.replace("\n", "")) == []
    assert json.loads(text) == value
    assert "Zürich" in text  # non-ASCII stays readable
    assert escape_unsafe("a\x9bb\nc", keep="\n") == "a\\u009bb\nc"


def test_safe_stream_shows_controls_and_keeps_the_layout() -> None:
    raw = io.StringIO()
    stream = SafeStream(raw)
    print(f"name{OSC}\n\tindented{C1_OSC}", file=stream)
    assert raw.getvalue() == "name␛]0;PWNED␇\n\tindented�0;PWNED�\n"
    assert terminal_stream(stream) is raw and terminal_stream(raw) is raw
    assert stream.isatty() is False


def test_safe_output_replaces_and_restores_the_streams() -> None:
    out, err = sys.stdout, sys.stderr
    with safe_output():
        assert isinstance(sys.stdout, SafeStream) and sys.stdout.raw is out
        assert isinstance(sys.stderr, SafeStream) and sys.stderr.raw is err
    assert (sys.stdout, sys.stderr) == (out, err)
