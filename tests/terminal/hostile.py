"""A project whose every name, label, target, note and journal file name carries escape
sequences, and a check that bytes on their way to a terminal carry none of them.

The sequences are the ones that did harm: an OSC 0 (sets the terminal's title), a CSI
(colours the text), their one-byte C1 forms, and bidi overrides/isolates (reorder what is
shown). ``VISIBLE`` is how each one must appear instead.
"""

from __future__ import annotations

import json
from pathlib import Path

from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote
from corpus_tui.core.project import Project

OSC = "\x1b]0;PWNED\x07"
CSI = "\x1b[31m"
C1_CSI = "\x9b31m"
C1_OSC = "\x9d0;PWNED\x9c"
RLO = "\u202e"
ISOLATE = "\u2066"

#: each sequence as it must be shown
VISIBLE = {OSC: "␛]0;PWNED␇", CSI: "␛[31m", C1_CSI: "�31m", C1_OSC: "�0;PWNED�", RLO: "¦", ISOLATE: "¦"}

PROJECT_NAME = f"news{OSC}{RLO}"
LABELS = (f"favor{CSI}", f"against{C1_CSI}", f"neutral{ISOLATE}")
TARGET = f"the deal{OSC}"
ENTITY = f"Ada{CSI} Lovelace{RLO}"
NOTE = f"see{OSC}{C1_OSC}"
QUOTE_ID = f"q1{CSI}"
#: a journal file someone else committed: its name would be an annotator's name
EVE = f"eve{OSC}"
GHOST_DOC = f"ghost{OSC}"

ARTICLE = 'Ada said "we will win the vote" today. Later she added that talks go on.'
#: an article (nobody annotated it) with an escape inside a quotation
ESCAPING_ARTICLE = f'Eve said "no{OSC} way" today.'


def shown(text: str) -> str:
    """``text`` as it must appear on a terminal (each hostile sequence in its visible form)."""
    for raw, visible in VISIBLE.items():
        text = text.replace(raw, visible)
    return text


def _toml(value: str) -> str:
    return json.dumps(value)  # a JSON string with \\u escapes is a TOML basic string


def make_hostile_project(root: Path) -> Project:
    """Config, documents and two journals (alice's and bob's) full of escapes."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    config = f"""[project]
name = {_toml(PROJECT_NAME)}
documents = ["corpus/*.jsonl"]
annotations = "annotations"

[labels]
stance = [{", ".join(_toml(label) for label in LABELS)}]
targets = [{_toml(TARGET)}]
"""
    (root / "corpus-tui.toml").write_text(config, encoding="utf-8")
    with (root / "corpus" / "docs.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, text in (("d1", ARTICLE), ("d2", ARTICLE), ("d3", ESCAPING_ARTICLE)):
            out.write(json.dumps({"id": doc_id, "text": text, "meta": {"outlet": OSC}}) + "\n")
    project = Project.load(root)
    documents = project.document_map()
    for name, label in (("alice", LABELS[0]), ("bob", LABELS[2])):
        lines = [_annotation(documents[doc_id], name, label) for doc_id in ("d1", "d2")]
        if name == "alice":  # a record of a document the project does not have
            lines.append(DocAnnotation(doc_id=GHOST_DOC, text_sha256="0" * 64, annotator=name, rev=1))
        write_journal(project.annotations_dir / f"{name}.jsonl", lines)
    return project


def write_journal(path: Path, annotations: list[DocAnnotation]) -> None:
    """Journal lines as another tool (or a hostile commit) would have written them."""
    with path.open("a", encoding="utf-8") as out:
        for ann in annotations:
            out.write(json.dumps(ann.to_dict()) + "\n")


def _annotation(document: Document, annotator: str, stance: str) -> DocAnnotation:
    text = document.text

    def at(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    return DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator,
        rev=1,
        status="done",
        mentions=(Mention("m1", *at("Ada"), ENTITY), Mention("m2", *at("she"), ENTITY)),
        quotes=(
            Quote(QUOTE_ID, *at("we will win the vote"), "direct", "m1", at("said"), stance, TARGET),
            Quote("q2", *at("talks go on"), "indirect", "m2", at("added"), LABELS[1]),
        ),
        doc_stance=DocStance(LABELS[1], TARGET),
        note=NOTE,
    )


#: characters that must never reach a terminal raw: C0 but the layout's \n and \t, DEL, C1,
#: bidi embeddings, overrides and isolates
_FORBIDDEN = frozenset(
    chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
) - {"\n", "\t"}


def raw_controls(output: str | bytes) -> list[str]:
    """The forbidden characters in ``output`` (bytes are decoded strictly as UTF-8)."""
    text = output.decode("utf-8") if isinstance(output, bytes) else output
    return sorted(set(text) & _FORBIDDEN)
