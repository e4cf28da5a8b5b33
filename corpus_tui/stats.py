"""Project progress: per annotator and status, and counts of quotes, speakers, stances.

Used by ``corpus-tui stats`` and the TUI's palette, so both show the same figures.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from corpus_tui.model import STATUSES
from corpus_tui.store import is_stale, read_journal


def compute_stats(project: Any) -> dict[str, Any]:
    """A JSON-ready summary; ``warnings`` lists skipped torn lines (not for JSON output)."""
    documents = project.document_map()
    result: dict[str, Any] = {
        "project": project.config.name,
        "documents": len(documents),
        "annotators": {},
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
        status["todo"] += len(documents) - sum(status.values())
        result["annotators"][name] = {
            "status": dict(status),
            "done": status["done"],
            "progress": round(status["done"] / len(documents), 4) if documents else 0.0,
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
    lines = [f"Project {stats['project']}: {stats['documents']} document(s)"]
    if not stats["annotators"]:
        lines.append("No annotations yet.")
    for name, s in stats["annotators"].items():
        statuses = ", ".join(f"{k} {v}" for k, v in s["status"].items() if v)
        lines.append(f"\n{name}: {s['done']}/{stats['documents']} done ({s['progress']:.0%}) — {statuses}")
        kinds = ", ".join(f"{k} {v}" for k, v in s["quote_kinds"].items()) or "none"
        lines.append(f"  quotes {s['quotes']} ({kinds})")
        lines.append(f"  speaker mentions {s['speaker_mentions']} ({s['entities']} entities)")
        stances = ", ".join(f"{k} {v}" for k, v in s["stances"].items()) or "none"
        lines.append(f"  stances: {stances}")
        if s["stale"]:
            lines.append(f"  stale (text changed since annotated): {s['stale']}")
        if s["unknown_documents"]:
            lines.append(f"  annotations of documents not in the project: {s['unknown_documents']}")
    return "\n".join(lines)
