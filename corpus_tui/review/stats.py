"""Project progress: per annotator and status, and counts of quotes, speakers, stances.

Used by ``corpus-tui stats`` and the TUI's palette, so both show the same figures.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from corpus_tui.core.journal_reader import is_stale, read_journal
from corpus_tui.core.model import STATUSES, Status
from corpus_tui.core.project import Project
from corpus_tui.core.text import terminal_safe


def compute_stats(project: Project) -> dict[str, Any]:
    """A JSON-ready summary; ``warnings`` lists skipped torn lines (not for JSON output)."""
    documents = project.document_map()
    result: dict[str, Any] = {
        "project": project.config.name,
        "documents": len(documents),
        "annotators": {},
        # who has done what per document: {doc_id: {annotator: status, or "stale"}}; every
        # document is listed (empty: nobody has touched it), gold included as an annotator
        "per_document": {doc_id: {} for doc_id in documents},
        "warnings": [],
    }
    for name in project.annotators():
        contents = read_journal(project.journal_path(name))
        result["warnings"].extend(contents.warnings)
        status = Counter({s: 0 for s in STATUSES})
        kinds: Counter[str] = Counter()
        stances: Counter[str] = Counter()
        origins: Counter[str] = Counter()
        entities: set[str] = set()
        quotes = mentions = stale = unknown = 0
        for doc_id, ann in contents.latest.items():
            doc = documents.get(doc_id)
            if doc is None:
                unknown += 1
                continue
            result["per_document"][doc_id][name] = "stale" if is_stale(ann, doc) else ann.status
            if is_stale(ann, doc):
                stale += 1
            status[ann.status] += 1
            quotes += len(ann.quotes)
            mentions += len(ann.mentions)
            for q in ann.quotes:
                kinds[q.kind] += 1
                stances[q.stance or "none"] += 1
                origins[q.origin] += 1
            entities.update(m.entity for m in ann.mentions)
        status[Status.TODO] += len(documents) - sum(status.values())
        result["annotators"][name] = {
            "status": dict(status),
            "done": status[Status.DONE],
            "progress": round(status[Status.DONE] / len(documents), 4) if documents else 0.0,
            "quotes": quotes,
            "quote_kinds": dict(sorted(kinds.items())),
            "quote_origins": dict(sorted(origins.items())),
            "stances": dict(sorted(stances.items())),
            "speaker_mentions": mentions,
            "entities": len(entities),
            "stale": stale,
            "unknown_documents": unknown,
        }
    return result


def format_stats(stats: dict[str, Any]) -> str:
    """The CLI's and the palette's report. Names, labels and ids come from files, so each is
    ``terminal_safe`` (one line, nothing that drives the terminal) before it is laid out."""
    lines = [f"Project {terminal_safe(stats['project'])}: {stats['documents']} document(s)"]
    if not stats["annotators"]:
        lines.append("No annotations yet.")
    for name, s in stats["annotators"].items():
        statuses = _counts(s["status"], "")
        lines.append(
            f"\n{terminal_safe(name)}: {s['done']}/{stats['documents']} done ({s['progress']:.0%}) — {statuses}"
        )
        lines.append(f"  quotes {s['quotes']} ({_counts(s['quote_kinds'], 'none')})")
        lines.append(f"  speaker mentions {s['speaker_mentions']} ({s['entities']} entities)")
        stances = _counts(s["stances"], "none")
        lines.append(f"  stances: {stances}")
        if s["stale"]:
            lines.append(f"  stale (text changed since annotated): {s['stale']}")
        if s["unknown_documents"]:
            lines.append(f"  annotations of documents not in the project: {s['unknown_documents']}")
    lines.extend(_format_per_document(stats.get("per_document", {})))
    return "\n".join(lines)


def _counts(counts: dict[str, int], none: str) -> str:
    """``label n, label n`` of the non-zero counts (``none`` when there are none)."""
    return ", ".join(f"{terminal_safe(k)} {v}" for k, v in counts.items() if v) or none


def _format_per_document(per_document: dict[str, dict[str, str]]) -> list[str]:
    """A document × annotator table of statuses; documents nobody touched are only counted,
    so a 10,000-document project does not print 10,000 empty rows."""
    touched = {doc_id: row for doc_id, row in per_document.items() if row}
    if not touched:
        return []
    names = sorted({name for row in touched.values() for name in row})
    id_width = max(len("document"), *(len(d) for d in touched))
    widths = [max(len(n), *(len(row.get(n, "-")) for row in touched.values())) for n in names]

    def row_line(first: str, cells: list[str]) -> str:  # terminal_safe keeps lengths: widths hold
        line = "  ".join([first.ljust(id_width), *(c.ljust(w) for c, w in zip(cells, widths))]).rstrip()
        return terminal_safe(line)

    lines = ["", "Per document (status by annotator; - = not started):", row_line("document", names)]
    for doc_id, row in touched.items():
        lines.append(row_line(doc_id, [row.get(n, "-") for n in names]))
    untouched = len(per_document) - len(touched)
    if untouched:
        lines.append(f"{untouched} more document(s) not started by anyone.")
    return lines
