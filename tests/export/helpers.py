"""Small real projects on disk for the export tests (documents + journals written by the real Journal)."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote
from corpus_tui.core.project import Project, init_project

ARTICLE = (
    "Officials met on Monday.\n"
    '"We will not accept this deal," Minister Jane Roe told reporters in the capital.\n'
    "Roe said the talks would continue next week, adding that nothing was settled.\n"
    "Analysts were not surprised."
)


def make_project(root: Path, texts: dict[str, str]) -> Project:
    init_project(root, "test-news")
    for doc_id, text in texts.items():
        (root / "corpus" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return Project.load(root)


def annotate(document: Document, annotator: str = "gold", status: str = "done", **changes) -> DocAnnotation:
    """A full annotation of ARTICLE-like text: a direct quote with speaker and cue, an indirect one."""
    t = document.text
    q1s = t.index("We will")
    q1e = t.index("deal,") + len("deal")
    m1s = t.index("Minister Jane Roe")
    m2s = t.index("Roe said")
    q2s = t.index("the talks")
    ann = DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator=annotator,
        status=status,
        mentions=(
            Mention("m1", m1s, m1s + len("Minister Jane Roe"), "Jane Roe"),
            Mention("m2", m2s, m2s + 3, "Jane Roe", "accepted"),
        ),
        quotes=(
            Quote("q1", q1s, q1e, "direct", "m1", (t.index("told"), t.index("told") + 4), "against", "the deal"),
            Quote("q2", q2s, t.index(" next week"), "indirect", "m2", (m2s + 4, m2s + 8), None, None, "accepted"),
        ),
        doc_stance=DocStance("against", "the deal"),
        note="checked twice",
    )
    from msgspec.structs import replace

    return replace(ann, **changes)


def save(project: Project, annotations: list[DocAnnotation], annotator: str = "gold") -> None:
    with project.open_journal(annotator) as journal:
        journal.save_many(annotations)


def write_raw(project: Project, annotator: str, record: dict) -> None:
    """Append a journal line as-is (to plant an invalid annotation that the editor would refuse)."""
    path = project.journal_path(annotator)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")


def comparable(ann: DocAnnotation) -> dict:
    """An annotation without the bookkeeping a journal assigns (rev, time, who)."""
    data = ann.to_dict()
    for key in ("rev", "updated", "annotator"):
        data.pop(key)
    data["mentions"] = sorted(data["mentions"], key=lambda m: m["id"])
    data["quotes"] = sorted(data["quotes"], key=lambda q: q["id"])
    return data
