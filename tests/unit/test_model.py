"""The data model: every record survives to_dict/from_dict, and every broken rule is named."""

from __future__ import annotations

import json

import pytest

from corpus_tui.core.errors import ValidationError
from corpus_tui.core.model import (
    DocAnnotation,
    DocStance,
    Document,
    Mention,
    Quote,
    Rejected,
    is_safe_id,
    text_sha256,
    validate,
    validation_errors,
)

TEXT = '"We are concerned," Kirby said. He added that talks would go on.'
DOC = Document(id="doc-1", text=TEXT)


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


KIRBY, SAID, HE, ADDED, TALKS = at("Kirby"), at("said"), at("He"), at("added"), at("talks would go on")
LABELS = ("favor", "against", "neutral")


def full_annotation() -> DocAnnotation:
    return DocAnnotation(
        doc_id="doc-1",
        text_sha256=DOC.text_sha256,
        annotator="alice",
        rev=3,
        updated="2024-01-01T00:00:00.000Z",
        status="done",
        mentions=(
            Mention("m1", *KIRBY, "John Kirby"),
            Mention("m2", *HE, "John Kirby", origin="accepted"),
        ),
        quotes=(
            Quote("q1", 1, 17, "direct", "m1", SAID, "against", "t", "manual"),
            Quote("q2", *TALKS, "indirect", "m2", ADDED, None, None, "suggested"),
        ),
        doc_stance=DocStance("against", "t"),
        note="checked twice",
        rejected=(Rejected("quote", 0, 5), Rejected("mention", 6, 8)),
    )


def test_fixture_spans_are_what_they_claim() -> None:
    ann = full_annotation()
    assert TEXT[1:17] == "We are concerned"
    assert len(TEXT) == 64
    assert validation_errors(ann, DOC, LABELS) == []


@pytest.mark.parametrize(
    "record",
    [
        Mention("m1", 0, 4, "Ann Lee", "suggested"),
        Quote("q1", 3, 9, "mixed", "m1", (0, 2), "favor", "target", "accepted"),
        Quote("q2", 3, 9),
        DocStance("neutral", None),
        DocStance("favor", "a target"),
        Rejected("cue", 1, 2),
    ],
    ids=repr,
)
def test_record_round_trip(record: object) -> None:
    data = record.to_dict()  # type: ignore[attr-defined]
    again = type(record).from_dict(json.loads(json.dumps(data)))  # type: ignore[attr-defined]
    assert again == record
    assert again.to_dict() == data  # type: ignore[attr-defined]


def test_doc_annotation_round_trip_through_json() -> None:
    ann = full_annotation()
    data = json.loads(json.dumps(ann.to_dict()))
    again = DocAnnotation.from_dict(data)
    assert again == ann
    assert again.quotes[0].cue == SAID  # a tuple again, not a list
    assert DocAnnotation.from_dict(again.to_dict()).to_dict() == ann.to_dict()


def test_empty_annotation_round_trip_and_defaults() -> None:
    ann = DocAnnotation.empty(DOC, "bob")
    assert (ann.status, ann.rev, ann.quotes, ann.doc_stance) == ("todo", 0, (), None)
    assert DocAnnotation.from_dict(ann.to_dict()) == ann
    minimal = DocAnnotation.from_dict({"doc_id": "d", "text_sha256": "x", "annotator": "a", "rev": 1})
    assert (minimal.status, minimal.mentions, minimal.rejected, minimal.note) == ("todo", (), (), "")


def test_lookups() -> None:
    ann = full_annotation()
    assert ann.mention("m2") == Mention("m2", *HE, "John Kirby", origin="accepted")
    assert ann.mention(None) is None
    assert ann.quote("q2").kind == "indirect"  # type: ignore[union-attr]
    assert ann.quote("nope") is None
    assert ann.speaker_of(ann.quotes[0]) == "John Kirby"
    assert ann.speaker_of(Quote("q9", 0, 1)) is None


def test_text_sha256_and_safe_ids() -> None:
    assert DOC.text_sha256 == text_sha256(TEXT) != text_sha256(TEXT + " ")
    assert is_safe_id("000_09eab72cb69c561b") and is_safe_id("a.b-c")
    for bad in ("", "../x", "a/b", ".hidden", "-x", "with space", "x" * 201):
        assert not is_safe_id(bad), bad


def _errors(**changes: object) -> list[str]:
    from dataclasses import replace

    return validation_errors(replace(full_annotation(), **changes), DOC, LABELS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"quotes": (Quote("q1", 60, 99),)}, "quote 'q1' ends at 99, past the end of the text (64 characters)"),
        ({"quotes": (Quote("q1", -1, 3),)}, "quote 'q1' starts at -1, before the text"),
        ({"quotes": (Quote("q1", 5, 5),)}, "quote 'q1' has start 5 >= end 5"),
        ({"quotes": (Quote("q1", 9, 4),)}, "quote 'q1' has start 9 >= end 4"),
        ({"mentions": (Mention("m1", 70, 72, "X"),), "quotes": ()}, "mention 'm1' ends at 72, past the end"),
        ({"quotes": (Quote("q1", 0, 10), Quote("q2", 9, 20))}, "quotes 'q1' and 'q2' overlap"),
        ({"quotes": (Quote("q1", 0, 10, source="m7"),)}, "quote 'q1' has unknown source mention 'm7'"),
        ({"quotes": (Quote("q1", 0, 10, stance="love"),)}, "quote 'q1' has unknown stance label 'love'"),
        ({"quotes": (Quote("q1", 0, 10, kind="rumour"),)}, "quote 'q1' has unknown kind 'rumour'"),
        ({"quotes": (Quote("q1", 0, 10, origin="robot"),)}, "quote 'q1' has unknown origin 'robot'"),
        ({"mentions": (Mention("m1", 0, 2, "X", origin="robot"),), "quotes": ()}, "mention 'm1' has unknown origin"),
        ({"mentions": (Mention("m1", 0, 2, "  "),), "quotes": ()}, "mention 'm1' has an empty entity name"),
        ({"quotes": (Quote("q1", 0, 10, cue=(30, 80)),)}, "cue of quote 'q1' ends at 80, past the end"),
        ({"quotes": (Quote("q1", 0, 10, cue=(8, 8)),)}, "cue of quote 'q1' has start 8 >= end 8"),
        ({"status": "finished"}, "status 'finished' is not one of todo, in_progress, done, skipped, flagged"),
        ({"rev": -1}, "rev -1 is negative"),
        ({"doc_stance": DocStance("love")}, "document stance has unknown label 'love'"),
        ({"rejected": (Rejected("speaker", 0, 1),)}, "rejected span has unknown type 'speaker'"),
        ({"quotes": (Quote("q1", 0, 5), Quote("q1", 10, 12))}, "quote 'q1': id is used twice"),
        (
            {"mentions": (Mention("m1", 0, 2, "X"), Mention("m1", 3, 4, "Y")), "quotes": ()},
            "mention 'm1': id is used twice",
        ),
        ({"quotes": (Quote("m1", 0, 5),)}, "quote 'm1': id is used twice"),  # ids are shared by mentions/quotes
        ({"doc_id": "other"}, "annotation is for document 'other', not 'doc-1'"),
    ],
)
def test_each_broken_rule_is_named(changes: dict[str, object], expected: str) -> None:
    errors = _errors(**changes)
    assert any(e.startswith(expected) for e in errors), errors


def test_stale_annotation_is_named_and_bounds_are_not_checked_against_the_new_text() -> None:
    ann = full_annotation()
    shorter = Document(id="doc-1", text="Kirby said it.")
    errors = validation_errors(ann, shorter, LABELS)
    assert errors == ["document 'doc-1' changed since it was annotated (text_sha256 differs): the annotation is stale"]


def test_without_document_or_labels_only_structure_is_checked() -> None:
    from dataclasses import replace

    ann = replace(full_annotation(), quotes=(Quote("q1", 0, 10_000, stance="whatever"),))
    assert validation_errors(ann) == []
    assert validation_errors(ann, DOC)[0].startswith("quote 'q1' ends at 10000")


def test_validate_raises_the_first_error() -> None:
    from dataclasses import replace

    validate(full_annotation(), DOC, LABELS)
    with pytest.raises(ValidationError, match="has start 5 >= end 5"):
        validate(replace(full_annotation(), quotes=(Quote("q1", 5, 5),)), DOC, LABELS)


GOOD = full_annotation().to_dict()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(rev="3"), "rev must be an integer, not '3'"),
        (lambda d: d.update(rev=True), "rev must be an integer, not True"),
        (lambda d: d.update(doc_id=7), "doc_id must be a string, not 7"),
        (lambda d: d.pop("text_sha256"), "annotation is missing 'text_sha256'"),
        (lambda d: d.update(mentions={"m1": 1}), "mentions must be a list"),
        (lambda d: d.update(quotes="q1"), "quotes must be a list"),
        (lambda d: d["mentions"].__setitem__(0, ["m1", 0, 1]), "mention must be a JSON object"),
        (lambda d: d["mentions"][0].update(start=1.5), "mention start must be an integer, not 1.5"),
        (lambda d: d["mentions"][0].pop("entity"), "mention is missing 'entity'"),
        (lambda d: d["quotes"][0].update(cue=[1, 2, 3]), "quote cue must be [start, end] or null"),
        (lambda d: d["quotes"][0].update(cue=["1", 2]), "cue start must be an integer"),
        (lambda d: d["quotes"][0].update(stance=1), "quote stance must be a string, not 1"),
        (lambda d: d["quotes"][0].pop("kind"), "quote is missing 'kind'"),
        (lambda d: d.update(doc_stance={"target": "t"}), "doc_stance is missing 'stance'"),
        (lambda d: d.update(doc_stance="favor"), "doc_stance must be a JSON object"),
        (lambda d: d.update(rejected=[{"type": "quote", "start": 0}]), "rejected span is missing 'end'"),
        (lambda d: d.update(note=None), "note must be a string, not None"),
    ],
)
def test_from_dict_rejects_wrong_types(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    with pytest.raises(ValidationError) as info:
        DocAnnotation.from_dict(data)
    assert message in str(info.value)


def test_from_dict_rejects_a_non_object() -> None:
    with pytest.raises(ValidationError, match="must be a JSON object"):
        DocAnnotation.from_dict(["doc_id"])  # type: ignore[arg-type]
