"""``evaluate`` counts on a hand-made case (numbers worked out by hand in the comments)."""

from __future__ import annotations

from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote
from corpus_tui.review.evaluation import Evaluation, evaluate_document, format_evaluation

TEXT = '"We will act," Kirby said. He said that the talks failed. "It is over," Antonov said.'


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def ann(name: str, quotes: list[Quote], mentions: list[Mention]) -> DocAnnotation:
    doc = Document(id="d", text=TEXT)
    return DocAnnotation(
        doc_id="d", text_sha256=doc.text_sha256, annotator=name, quotes=tuple(quotes), mentions=tuple(mentions)
    )


def test_exact_overlap_cue_and_speaker_counts():
    kirby, he, antonov = span("Kirby"), span("He"), span("Antonov")
    gold = ann(
        "gold",
        [
            Quote("q1", *span("We will act,"), kind="direct", source="m1", cue=span("said")),
            Quote(
                "q2",
                *span("the talks failed"),
                kind="indirect",
                source="m2",
                cue=(TEXT.index("said that"), TEXT.index("said that") + 4),
            ),
            Quote(
                "q3",
                *span("It is over,"),
                kind="direct",
                source="m3",
                cue=(TEXT.rindex("said"), TEXT.rindex("said") + 4),
            ),
        ],
        [
            Mention("m1", *kirby, "John Kirby"),
            Mention("m2", *he, "John Kirby"),
            Mention("m3", *antonov, "Anatoly Antonov"),
        ],
    )
    pred = ann(
        "bot",
        [
            Quote("q1", *span("We will act,"), kind="direct", source="m1", cue=span("said")),  # all right
            Quote("q2", *span("talks failed"), kind="indirect", source="m2", cue=None),  # overlap 2/3 tokens, no cue
            Quote(
                "q3",
                *span("It is over,"),
                kind="direct",
                source="m3",
                cue=(TEXT.rindex("said"), TEXT.rindex("said") + 4),
            ),
        ],
        [Mention("m1", *kirby, "john  kirby"), Mention("m2", *he, "John Kirby"), Mention("m3", *antonov, "Antonov")],
    )
    ev = Evaluation()
    evaluate_document(ev, Document(id="d", text=TEXT), gold, pred)
    result = ev.to_dict()["scores"]
    assert result["exact"]["direct"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 2,
        "n_pred": 2,
        "n_gold": 2,
    }
    assert (result["exact"]["indirect"]["tp"], result["overlap"]["indirect"]["tp"]) == (0, 1)
    assert (result["exact"]["all"]["tp"], result["overlap"]["all"]["tp"]) == (2, 3)
    # cues: gold has 3, prediction 2, both predicted cues right
    assert (result["cue"]["all"]["tp"], result["cue"]["all"]["n_pred"], result["cue"]["all"]["n_gold"]) == (2, 2, 3)
    # speakers: "john  kirby" equals "John Kirby" (case, spacing); "Antonov" is not "Anatoly Antonov"
    assert (result["speaker"]["all"]["tp"], result["speaker"]["all"]["n_pred"]) == (2, 3)
    assert ev.direct_matched == 2 and ev.direct_attributed == 1
    table = format_evaluation(ev, "gold", "bot")
    assert "speaker attribution on matched direct quotes: 0.500 (1/2)" in table
