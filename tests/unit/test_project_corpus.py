"""Projects and documents on real folders: config errors name the key, texts are normalised
before offsets exist, bad files are refused with file and position, ids are unique and safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_tui.core.corpus import decode_file, normalise_newlines, read_documents
from corpus_tui.core.errors import ConfigWarning, CorpusError
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import CONFIG_NAME, Project, check_annotator_name, init_project, parse_config
from corpus_tui.ingest.importers import import_any

MINIMAL = '[project]\nname = "p"\ndocuments = ["corpus/*.txt", "corpus/*.jsonl", "corpus/*.md"]\n'


def make_project(root: Path, config: str = MINIMAL) -> Path:
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / CONFIG_NAME).write_text(config, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- config


def test_missing_config_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as info:
        Project.load(tmp_path)
    message = str(info.value)
    assert f"No {CONFIG_NAME} in {str(tmp_path)!r}" in message
    assert "corpus-tui init DIR" in message and "corpus-tui demo" in message


def test_missing_project_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        Project.load(tmp_path / "nope")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[project\nname = "x"', "is not valid TOML"),
        ('name = "x"\n', "has no [project] table"),
        ('project = "x"\n', "project must be a table ([project])"),
        ('[project]\nname = "x"\n', "is missing the key project.documents"),
        ('[project]\ndocuments = ["*.txt"]\n', "is missing the key project.name"),
        ('[project]\nname = 5\ndocuments = ["*.txt"]\n', "project.name must be a string"),
        ('[project]\nname = "x"\ndocuments = "*.txt"\n', "project.documents must be a list of strings"),
        ('[project]\nname = "x"\ndocuments = [1]\n', "project.documents must be a list of strings"),
        ('[project]\nname = "x"\ndocuments = []\n', "project.documents must list at least one glob"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\nannotations = 3\n', "project.annotations must be a string"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\nannotator = "../me"\n', "project.annotator '../me' is not"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\nlabels = "x"\n', None),  # a key inside [project]: a warning
        ('labels = "x"\n[project]\nname = "x"\ndocuments = ["*.txt"]\n', "labels must be a table"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[labels]\nstance = "favor"\n', "labels.stance must be a list"),
        (
            '[project]\nname = "x"\ndocuments = ["*.txt"]\n[labels]\nstance = ' + json.dumps(list("abcdefghij")) + "\n",
            "labels.stance has 10 labels",
        ),
        (
            '[project]\nname = "x"\ndocuments = ["*.txt"]\n[labels]\nstance = ["a", "a"]\n',
            "labels.stance must be distinct",
        ),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[labels]\nstance = ["none"]\n', "reserved label 'none'"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[labels]\ntargets = "t"\n', "labels.targets must be a list"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[suggest]\nmodel = 1\n', "suggest.model must be a string"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[keys]\nquote = 1\n', "keys.quote must be a string"),
        ('[project]\nname = "x"\ndocuments = ["*.txt"]\n[export]\nlicense = 1\n', "export.license must be a string"),
    ],
)
def test_config_errors_name_the_file_and_key(tmp_path: Path, config: str, message: str | None) -> None:
    make_project(tmp_path, config)
    if message is None:
        with pytest.warns(ConfigWarning, match="unknown key project.labels is ignored"):
            Project.load(tmp_path)
        return
    with pytest.raises(CorpusError) as info:
        Project.load(tmp_path)
    assert str(tmp_path / CONFIG_NAME) in str(info.value)
    assert message in str(info.value)


def test_config_values_and_defaults() -> None:
    config = parse_config(MINIMAL)
    assert config.stance_labels == ("favor", "against", "neutral")
    assert (config.targets, config.default_target, config.annotations) == ((), None, "annotations")
    assert (config.license, config.language, config.model, config.keys) == ("cc-by-4.0", "en", None, {})
    full = parse_config(
        MINIMAL
        + 'annotator = "ann"\n[labels]\nstance = ["pro", "con"]\ntargets = ["T1", "T2"]\n'
        + '[suggest]\nmodel = "m"\n[keys]\nquote = "Q"\n[export]\nlicense = "mit"\nlanguage = "de"\n'
    )
    assert (full.annotator, full.stance_labels, full.default_target) == ("ann", ("pro", "con"), "T1")
    assert (full.model, full.keys, full.license, full.language) == ("m", {"quote": "Q"}, "mit", "de")


def test_repository_config_is_the_seed_project() -> None:
    project = Project.load(Path(__file__).resolve().parents[2])
    assert project.config.default_target == "Russia–North Korea defense cooperation"
    assert [d.id for d in project.documents()] == ["000_09eab72cb69c561b", "002_f9791ad11aa5df5d"]
    assert "gold" in project.annotators()


def test_annotator_names_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project.load(make_project(tmp_path))
    for bad in ("../x", "a/b", "", ".hidden", "x" * 65, "with space"):
        with pytest.raises(CorpusError, match="not a valid annotator name"):
            project.journal_path(bad)
    assert project.journal_path("bob") == tmp_path.resolve() / "annotations" / "bob.jsonl"
    assert check_annotator_name("a.b_c-1") == "a.b_c-1"
    monkeypatch.setenv("CORPUS_TUI_ANNOTATOR", "from-env")
    assert project.default_annotator("explicit") == "explicit"
    assert project.default_annotator() == "from-env"
    configured = Project.load(make_project(tmp_path / "p2", MINIMAL + 'annotator = "from-config"\n'))
    assert configured.default_annotator() == "from-config"


def test_annotators_are_the_journals(tmp_path: Path) -> None:
    project = Project.load(make_project(tmp_path))
    assert project.annotators() == []
    with project.open_journal("zoe"):
        pass
    assert project.annotators() == []  # opening alone writes no journal
    with project.open_journal("zoe") as journal:
        journal.save(DocAnnotation(doc_id="d", text_sha256="x", annotator="zoe"))
    (project.annotations_dir / "gold.jsonl").write_text("")  # an open writer's lock target, nothing in it yet
    (project.annotations_dir / "bob.jsonl").write_text("\n")
    (project.annotations_dir / "notes.txt").write_text("")
    assert project.annotators() == ["bob", "zoe"]


# --------------------------------------------------------------------------- init


def test_init_creates_a_loadable_project_once(tmp_path: Path) -> None:
    project = init_project(tmp_path / "new", "My corpus")
    assert project.config.name == "My corpus"
    assert (tmp_path / "new" / "corpus").is_dir() and (tmp_path / "new" / "annotations").is_dir()
    assert project.documents() == []
    with pytest.raises(CorpusError, match="already a project"):
        init_project(tmp_path / "new")
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorpusError, match="exists and is not a folder"):
        init_project(tmp_path / "file")
    quoted = init_project(tmp_path / "q", 'a "quoted" \\ name')
    assert quoted.config.name == 'a "quoted" \\ name'


# --------------------------------------------------------------------------- documents


def test_newlines_are_normalised_before_offsets_exist(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "corpus" / "crlf.txt").write_bytes(b"one\r\ntwo\rthree\n\r\nfour")
    (root / "corpus" / "bom.md").write_bytes("\ufeffKirby said.\r\n".encode())
    docs = Project.load(root).document_map()
    assert docs["crlf"].text == "one\ntwo\nthree\n\nfour"
    assert docs["bom"].text == "Kirby said.\n"  # the BOM is not text: offsets start at "K"
    assert docs["bom"].meta == {"source": "corpus/bom.md"}
    assert normalise_newlines("a\r\n\r\nb\r") == "a\n\nb\n"


def test_undecodable_file_names_file_and_byte(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    bad = root / "corpus" / "latin1.txt"
    bad.write_bytes("Señor said ".encode() + b"caf\xe9")
    with pytest.raises(CorpusError) as info:
        Project.load(root).documents()
    assert str(info.value) == f"{bad} is not UTF-8 text: undecodable byte 0xe9 at byte 15."
    with pytest.raises(CorpusError, match="undecodable byte 0xe9 at byte 15"):
        decode_file(bad)


def test_jsonl_documents_and_their_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    good = [
        {"id": "a1", "text": "line\r\nbreak", "meta": {"outlet": "X"}},
        {"text": "prodigy style", "meta": {"id": "from-meta"}},
        {"text": "prodigy hashed", "_input_hash": -12345},
    ]
    (root / "corpus" / "batch.jsonl").write_text("\n".join(map(json.dumps, good)) + "\n\n", encoding="utf-8")
    docs = Project.load(root).documents()
    assert [d.id for d in docs] == ["a1", "from-meta", "prodigy--12345"]
    assert docs[0].text == "line\nbreak"
    assert docs[0].meta == {"outlet": "X", "source": "corpus/batch.jsonl", "line": 1}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", ":2: not valid JSON"),
        ("[1, 2]", ":2: expected a JSON object with 'id' and 'text'"),
        ('{"id": "x"}', ":2: the record has no 'text' string"),
        ('{"id": "x", "text": 5}', ":2: the record has no 'text' string"),
        ('{"id": "x", "text": "t", "meta": []}', ":2: 'meta' must be a JSON object"),
        ('{"text": "t"}', ":2: the record has no 'id'"),
        ('{"id": "../etc/passwd", "text": "t"}', ":2: id '../etc/passwd' is not usable as a document id"),
        ('{"id": "a b", "text": "t"}', ":2: id 'a b' is not usable as a document id"),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    root = make_project(tmp_path)
    path = root / "corpus" / "batch.jsonl"
    path.write_text('{"id": "ok", "text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        Project.load(root).documents()
    assert str(info.value).startswith(f"{path}{message}")


def test_unsafe_file_name_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "corpus" / "my article.txt").write_text("x")
    with pytest.raises(CorpusError, match="'my article' is not usable as a document id"):
        Project.load(root).documents()


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"a.txt": "x", "a.md": "y"}, ("corpus/a.md", "corpus/a.txt")),
        ({"a.txt": "x", "b.jsonl": '{"id": "a", "text": "y"}\n'}, ("corpus/a.txt", "corpus/b.jsonl:1")),
        ({"b.jsonl": '{"id": "a", "text": "y"}\n{"id": "a", "text": "z"}\n'}, ("corpus/b.jsonl:1", "corpus/b.jsonl:2")),
    ],
)
def test_duplicate_ids_name_both_places(tmp_path: Path, files: dict[str, str], where: tuple[str, str]) -> None:
    root = make_project(tmp_path)
    for name, content in files.items():
        (root / "corpus" / name).write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        Project.load(root).documents()
    message = str(info.value)
    assert message.startswith("Duplicate document id 'a': in ")
    assert where[0] in message and where[1] in message


def test_documents_follow_glob_order_and_are_read_once(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for name in ("b.txt", "a.txt", "c.md"):
        (root / "corpus" / name).write_text(name)
    (root / "corpus" / "x.jsonl").write_text('{"id": "j", "text": "t"}\n')
    project = Project.load(root)
    assert [d.id for d in project.documents()] == ["a", "b", "j", "c"]  # globs in config order, names sorted
    (root / "corpus" / "d.txt").write_text("late")
    assert len(project.documents()) == 4  # cached for the life of the Project
    assert [d.id for d in read_documents(project.root, ["corpus/*.txt"])] == ["a", "b", "d"]


def test_unsupported_file_type_in_a_glob(tmp_path: Path) -> None:
    root = make_project(tmp_path, '[project]\nname = "p"\ndocuments = ["corpus/*"]\n')
    (root / "corpus" / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusError, match=r"a.pdf: unsupported file type '.pdf'"):
        Project.load(root).documents()


# --------------------------------------------------------------------------- import


def test_import_copies_checked_documents(tmp_path: Path) -> None:
    project = Project.load(make_project(tmp_path / "p"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "one.txt").write_bytes(b"Kirby said.\r\n")
    (src / "many.jsonl").write_text('{"id": "m1", "text": "a"}\n{"id": "m2", "text": "b", "meta": {"k": 1}}\n')
    assert import_any(project, [src / "one.txt", src / "many.jsonl"]).documents == 3
    assert [d.id for d in project.documents()] == ["one", "m1", "m2"]
    assert project.document_map()["one"].text == "Kirby said.\n"
    assert project.document_map()["m2"].meta["k"] == 1
    with pytest.raises(CorpusError, match="document id 'one' is already in the project"):
        import_any(project, [src / "one.txt"])


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    project = Project.load(make_project(tmp_path / "p"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("fine")
    (src / "bad.txt").write_bytes(b"\xff")
    (src / "dup.md").write_text("same id as good")
    (src / "good.md").write_text("same id as good.txt")
    for batch, message in (
        (["good.txt", "bad.txt"], "bad.txt is not UTF-8 text"),
        (["good.txt", "good.md"], "Duplicate document id 'good'"),
        (["good.txt", "missing.txt"], "missing.txt does not exist"),
    ):
        with pytest.raises(CorpusError, match=message):
            import_any(project, [src / name for name in batch])
        assert list((project.root / "corpus").iterdir()) == []
    # a file of the same name already in corpus/ that the globs do not read: refused up front
    (project.root / "corpus" / "good.txt.bak").write_text("")
    only_md = Project.load(make_project(tmp_path / "q", '[project]\nname = "q"\ndocuments = ["corpus/*.md"]\n'))
    (only_md.root / "corpus" / "good.txt").write_text("old")
    with pytest.raises(CorpusError, match="already exists"):
        import_any(only_md, [src / "dup.md", src / "good.txt"])
    assert sorted(p.name for p in (only_md.root / "corpus").iterdir()) == ["good.txt"]


def test_os_user_names_become_usable_annotator_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    project = Project.load(make_project(tmp_path))
    monkeypatch.delenv("CORPUS_TUI_ANNOTATOR", raising=False)
    for user, expected in (("jdoe", "jdoe"), ("Jane Doe (admin)", "Jane-Doe-admin"), ("ßß", "annotator")):
        monkeypatch.setattr(getpass, "getuser", lambda user=user: user)
        assert project.default_annotator() == expected
