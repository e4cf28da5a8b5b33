"""The data model: every record survives to_dict/from_dict, wrong JSON is refused with where it is
wrong, and every broken rule is named."""

from __future__ import annotations

import json

import pytest
from msgspec.structs import replace

from corpus_tui.core.errors import ValidationError
from corpus_tui.core.model import (
    DocAnnotation,
    DocStance,
    Document,
    Kind,
    Mention,
    Origin,
    Quote,
    Rejected,
    RejectedType,
    Status,
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
    return validation_errors(replace(full_annotation(), **changes), DOC, LABELS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"quotes": (Quote("q1", 60, 99),)}, "quote 'q1' ends at 99, past the end of the text (64 characters)"),
        ({"quotes": (Quote("q1", -1, 3),)}, "quote 'q1' starts at -1, before the text"),
        ({"quotes": (Quote("q1", 5, 5),)}, "quote 'q1' has start 5 >= end 5"),
        ({"quotes": (Quote("q1", 9, 4),)}, "quote 'q1' has start 9 >= end 4"),
        ({"mentions": (Mention("m1", 70, 72, "X"),), "quotes": ()}, "mention 'm1' ends at 72, past the end"),
        ({"quotes": (Quote("q1", 0, 10), Quote("q2", 9, 20))}, "quotes 'q1' and 'q2' overlap without one lying inside"),
        ({"quotes": (Quote("q1", 2, 9), Quote("q2", 2, 9))}, "quotes 'q1' and 'q2' cover the same text"),
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
    ann = replace(full_annotation(), quotes=(Quote("q1", 0, 10_000, stance="whatever"),))
    assert validation_errors(ann) == []
    assert validation_errors(ann, DOC)[0].startswith("quote 'q1' ends at 10000")


def test_validate_raises_the_first_error() -> None:
    validate(full_annotation(), DOC, LABELS)
    with pytest.raises(ValidationError, match="has start 5 >= end 5"):
        validate(replace(full_annotation(), quotes=(Quote("q1", 5, 5),)), DOC, LABELS)


GOOD = full_annotation().to_dict()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(rev="3"), "Expected `int`, got `str` - at `$.rev`"),
        (lambda d: d.update(rev=True), "Expected `int`, got `bool` - at `$.rev`"),
        (lambda d: d.update(doc_id=7), "Expected `str`, got `int` - at `$.doc_id`"),
        (lambda d: d.pop("text_sha256"), "Object missing required field `text_sha256`"),
        (lambda d: d.update(mentions={"m1": 1}), "Expected `array`, got `object` - at `$.mentions`"),
        (lambda d: d.update(quotes="q1"), "Expected `array`, got `str` - at `$.quotes`"),
        (lambda d: d.update(quotes=None), "Expected `array`, got `null` - at `$.quotes`"),
        (lambda d: d["mentions"].__setitem__(0, ["m1", 0, 1]), "Expected `object`, got `array` - at `$.mentions[0]`"),
        (lambda d: d["mentions"][0].update(start=1.5), "Expected `int`, got `float` - at `$.mentions[0].start`"),
        (lambda d: d["mentions"][0].pop("entity"), "missing required field `entity` - at `$.mentions[0]`"),
        (lambda d: d["quotes"][0].update(cue=[1, 2, 3]), "Expected `array` of length 2, got 3 - at `$.quotes[0].cue`"),
        (lambda d: d["quotes"][0].update(cue=["1", 2]), "Expected `int`, got `str` - at `$.quotes[0].cue[0]`"),
        (lambda d: d["quotes"][0].update(stance=1), "Expected `str | null`, got `int` - at `$.quotes[0].stance`"),
        (lambda d: d["quotes"][0].update(kind="rumour"), "Invalid enum value 'rumour' - at `$.quotes[0].kind`"),
        (lambda d: d["mentions"][0].update(origin="robot"), "Invalid enum value 'robot' - at `$.mentions[0].origin`"),
        (lambda d: d.update(status="finished"), "Invalid enum value 'finished' - at `$.status`"),
        (lambda d: d.update(doc_stance={"target": "t"}), "missing required field `stance` - at `$.doc_stance`"),
        (lambda d: d.update(doc_stance="favor"), "Expected `object | null`, got `str` - at `$.doc_stance`"),
        (
            lambda d: d.update(rejected=[{"type": "quote", "start": 0}]),
            "missing required field `end` - at `$.rejected[0]`",
        ),
        (lambda d: d.update(rejected=[{"type": "speaker", "start": 0, "end": 1}]), "Invalid enum value 'speaker'"),
        (lambda d: d.update(note=None), "Expected `str`, got `null` - at `$.note`"),
    ],
)
def test_from_dict_rejects_wrong_types_and_vocabularies(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    with pytest.raises(ValidationError) as info:
        DocAnnotation.from_dict(data)
    assert message in str(info.value)


def test_from_dict_rejects_a_non_object() -> None:
    with pytest.raises(ValidationError, match="Expected `object`, got `array`"):
        DocAnnotation.from_dict(["doc_id"])


def test_from_dict_fills_in_optional_keys_and_ignores_unknown_ones() -> None:
    """A quote without ``kind`` takes the constructor's default (before msgspec it was an
    error; every line the journal writes has one)."""
    data = json.loads(json.dumps(GOOD))
    data["quotes"][0].pop("kind")
    data["quotes"][0].pop("origin")
    data["future_key"] = {"anything": [1]}
    quote = DocAnnotation.from_dict(data).quotes[0]
    assert (quote.kind, quote.origin) == (Kind.INDIRECT, Origin.MANUAL)


def test_decoded_vocabularies_are_enum_members_equal_to_their_strings() -> None:
    """Records read back compare, hash and encode like the ones code builds with plain strings."""
    ann = DocAnnotation.from_dict(GOOD)
    assert ann.status is Status.DONE and ann.quotes[1].origin is Origin.SUGGESTED
    assert ann.rejected[0].type is RejectedType.QUOTE and ann.quotes[0].kind is Kind.DIRECT
    built = full_annotation()
    assert type(built.status) is str and ann == built and hash(ann) == hash(built)
    assert ann.to_dict() == built.to_dict() == GOOD and type(GOOD["status"]) is str


def test_records_are_frozen_and_replace_builds_a_new_one() -> None:
    ann = full_annotation()
    for record, name in ((ann, "rev"), (ann.quotes[0], "start"), (ann.mentions[0], "end"), (ann.doc_stance, "target")):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(record, name, 0)
    again = replace(ann, note="")
    assert again.note == "" and ann.note == "checked twice" and again.quotes is ann.quotes
    assert len({ann, full_annotation(), again}) == 2


def test_a_quote_may_lie_inside_another() -> None:
    """Nested attributions ("X said that Y claimed ..."): one quote wholly inside another is
    valid, at any depth and touching either edge; crossing or identical spans are not."""
    nested = (Quote("q1", 0, 40), Quote("q2", 10, 30), Quote("q3", 12, 20), Quote("q4", 30, 40), Quote("q5", 41, 50))
    assert _errors(quotes=nested) == []
    crossing = (Quote("q1", 0, 40), Quote("q2", 10, 30), Quote("q3", 25, 35))
    assert _errors(quotes=crossing) == ["quotes 'q2' and 'q3' overlap without one lying inside the other"]
