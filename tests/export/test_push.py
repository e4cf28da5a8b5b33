"""``corpus-tui push`` against a hub-compatible server on 127.0.0.1, with the real clients.

Nothing is mocked: ``huggingface_hub`` talks HTTP to tests/hub_server.py (the ``hub``
fixture at HF_ENDPOINT), and the pushed dataset is loaded back from that server with
``datasets.load_dataset``. Every push runs with a timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import Project
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.hub import push_dataset
from corpus_tui.export.options import ExportOptions

from .helpers import ARTICLE, annotate, make_project, save

TIMEOUT = 120
# huggingface_hub's own upload call trips an httpx deprecation warning; not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")


_DEFAULT = object()


def _push(*args, **kwargs) -> str:
    """push_dataset in-process, but bounded: a hung push fails the test instead of hanging it."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(push_dataset, *args, **kwargs).result(timeout=TIMEOUT)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _push_cli(hub, *args: str, token=_DEFAULT, endpoint: str | None = None) -> subprocess.CompletedProcess[str]:
    """``corpus-tui push`` in a subprocess with HF_ENDPOINT/HF_TOKEN in its environment."""
    env = {**os.environ, "HF_ENDPOINT": endpoint or hub.url}
    env.pop("HF_TOKEN", None)
    token = hub.token if token is _DEFAULT else token
    if token is not None:
        env["HF_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "corpus_tui", "push", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
    )


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    texts = {f"n{i:02d}": ARTICLE.replace("Monday", f"day {i}") for i in range(12)}
    project = make_project(tmp_path / "p", texts)
    save(project, [annotate(d) for d in project.documents()])
    return project


def _rows(dd) -> dict[str, list[dict]]:
    return {name: sorted(split, key=lambda r: r.get("id") or r["doc_id"]) for name, split in dd.items()}


def test_push_then_load_from_the_hub(hub, small_project: Project, tmp_path: Path) -> None:
    import datasets

    repo = f"{hub.user}/news-quotes"
    result = _push_cli(hub, repo, "--project", str(small_project.root), "--commit-message", "First release")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert hub.token not in output
    assert "annotated by gold" in result.stderr  # the export summary
    assert "quotes/train-00000-of-00001.parquet" in result.stderr  # progress, file by file
    assert "in commit " in result.stderr and f": {hub.url}/datasets/{repo}" in result.stderr
    assert output.count("Pushed") == 1
    assert f'Load it: datasets.load_dataset("{repo}", "quotes")' in result.stdout
    assert sorted(hub.files(repo)) == sorted(
        [".gitattributes", "README.md"]
        + [f"{c}/{s}-00000-of-00001.parquet" for c in ("quotes", "documents", "tokens") for s in _splits(hub, repo)]
    )
    assert hub.state.repos[repo].commits[-1].message == "First release"

    local = tmp_path / "local"
    export_dataset(small_project, local)
    for config in ("quotes", "documents", "tokens"):
        remote = datasets.load_dataset(repo, config)
        assert _rows(remote) == _rows(datasets.load_dataset(str(local), config))
    quotes = datasets.load_dataset(repo, "quotes")
    split = next(iter(quotes.values()))
    assert split.features["stance"].names == ["favor", "against", "neutral", "none"]
    row = next(r for r in split if r["id"].endswith("/q1"))
    assert row["speaker"] == "Jane Roe" and split.features["stance"].int2str(row["stance"]) == "against"
    # every call the real clients made was one the server implements
    # (a 404 on /resolve/ is datasets probing for optional files such as .huggingface.yaml)
    unknown = [(m, p) for m, p, status in hub.state.requests if status == 404 and "/resolve/" not in p]
    assert unknown == [], unknown
    card = hub.file(repo, "README.md").decode()
    assert f'load_dataset("{repo}", "quotes")' in card and "REPO_OR_FOLDER" not in card  # names the repository
    # the token went out only as a header, never into a file on the hub
    for path in hub.files(repo):
        assert hub.token.encode() not in hub.file(repo, path)


def _splits(hub, repo: str) -> list[str]:
    return sorted({p.split("/")[1].split("-")[0] for p in hub.files(repo) if p.startswith("quotes/")})


def test_refused_token_is_one_sentence_without_the_token(hub, small_project: Project) -> None:
    bad = "hf_not_a_valid_token_123456"
    result = _push_cli(hub, f"{hub.user}/refused", "--project", str(small_project.root), token=bad)
    assert result.returncode == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("corpus-tui:")]
    assert error_lines == [
        f"corpus-tui: The hub at {hub.url} refused the token (401 Unauthorized): "
        f"check that HF_TOKEN is valid and may write to {hub.user}/refused."
    ]
    assert bad not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert "annotated by" not in result.stderr  # refused before the export ran
    assert f"{hub.user}/refused" not in hub.state.repos


def test_no_token_bad_repo_id_and_server_down(hub, small_project: Project, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    with pytest.raises(CorpusError, match=r"^No Hugging Face token: set HF_TOKEN"):
        _push(small_project, f"{hub.user}/x")
    monkeypatch.setenv("HF_TOKEN", hub.token)
    for bad in ("no-owner", "a/b/c", "owner/bad--name", "owner/ünïcode", "-x/y"):
        with pytest.raises(CorpusError, match="is not a valid repository id"):
            _push(small_project, bad)
    result = _push_cli(hub, "not a repo", "--project", str(small_project.root))
    assert result.returncode == 1 and "not a valid repository id" in result.stderr
    with pytest.raises(CorpusError, match="is not a corpus-tui export"):
        _push(None, f"{hub.user}/x", from_dir=small_project.root)

    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("HF_ENDPOINT", dead)
    with pytest.raises(CorpusError, match=rf"^Cannot reach the hub at {dead} \(.*\): check HF_ENDPOINT"):
        _push(small_project, f"{hub.user}/down")
    out = tmp_path / "out"
    export_dataset(small_project, out)
    result = _push_cli(hub, f"{hub.user}/down", "--from", str(out), endpoint=dead)
    assert result.returncode == 1 and "Cannot reach the hub" in result.stderr
    assert hub.token not in result.stderr


def test_retry_after_a_failed_push_succeeds(hub, small_project: Project, monkeypatch, tmp_path: Path) -> None:
    import datasets

    monkeypatch.setenv("HF_TOKEN", hub.token)
    repo = f"{hub.user}/flaky"
    out = tmp_path / "out"
    export_dataset(small_project, out)
    hub.state.fail("PUT", r"^/__lfs/", status=403)  # the storage refuses an upload
    with pytest.raises(CorpusError, match=r"file storage refused an upload \(403\); nothing was committed"):
        _push(None, repo, from_dir=out)
    assert hub.files(repo) == [".gitattributes"]
    hub.state.fail("POST", r"/commit/", status=422)  # uploads done, the commit fails
    with pytest.raises(CorpusError, match=r"rejected the push \(422\)"):
        _push(None, repo, from_dir=out)
    assert hub.files(repo) == [".gitattributes"]  # nothing half-committed
    url = _push(None, repo, from_dir=out)
    assert url == f"{hub.url}/datasets/{repo}"
    assert "README.md" in hub.files(repo)
    assert len(datasets.load_dataset(repo, "documents")["train"]) == sum(
        1 for d in small_project.documents() if _split_of(d.id) == "train"
    )


def _split_of(doc_id: str, ratios: tuple[float, ...] = (0.8, 0.1, 0.1)) -> str:
    from corpus_tui.export.splits import Splitter

    return Splitter(ratios).split_of(doc_id)


def test_repush_removes_files_the_new_export_no_longer_has(hub, small_project: Project, monkeypatch) -> None:
    import datasets

    monkeypatch.setenv("HF_TOKEN", hub.token)
    repo = f"{hub.user}/reshaped"
    _push(small_project, repo, private=True, options=ExportOptions(split=(0.5, 0.5)))
    assert hub.state.repos[repo].private
    assert any(p.startswith("quotes/test-") for p in hub.files(repo))
    _push(small_project, repo, options=ExportOptions(split=(1.0,)))
    assert [p for p in hub.files(repo) if p.startswith("quotes/")] == ["quotes/train-00000-of-00001.parquet"]
    with pytest.raises(Exception):  # noqa: B017 - private: anonymous readers get nothing
        datasets.load_dataset(repo, "quotes", token=False)
    quotes = datasets.load_dataset(repo, "quotes", token=hub.token)
    assert list(quotes.keys()) == ["train"] and len(quotes["train"]) == 24


def test_token_with_stray_whitespace_or_control_characters(hub, small_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_dataset(small_project, out)
    # copied from a CRLF .env file: the trailing "\r" is dropped and the push goes through
    result = _push_cli(hub, f"{hub.user}/crlf", "--from", str(out), token=hub.token + "\r")
    assert result.returncode == 0, result.stderr
    assert "README.md" in hub.files(f"{hub.user}/crlf")
    secret = "hf_SECRET"
    for bad in (f"{secret}\nTOKEN", f"{secret} TOKEN", f"{secret}ë"):
        result = _push_cli(hub, f"{hub.user}/bad-token", "--from", str(out), token=bad)
        assert result.returncode == 1
        assert result.stderr.strip() == (
            "corpus-tui: HF_TOKEN contains a space, a control character or a non-ASCII character, "
            "which no hub token has: check how it was set."
        )
        assert secret not in result.stdout + result.stderr


def test_private_push_to_an_existing_public_repo_is_refused(hub, small_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_dataset(small_project, out)
    repo = f"{hub.user}/public"
    assert _push_cli(hub, repo, "--from", str(out)).returncode == 0
    commits = len(hub.state.repos[repo].commits)
    result = _push_cli(hub, repo, "--from", str(out), "--private")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"corpus-tui: {repo} already exists and is public, so --private would not hide this data: "
        "make the repository private on the hub first, or push without --private."
    )
    assert len(hub.state.repos[repo].commits) == commits and not hub.state.repos[repo].private


def test_push_from_a_folder_reports_rows_per_config_and_split(hub, small_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_dataset(small_project, out, ExportOptions(split=(0.5, 0.5)))
    result = _push_cli(hub, f"{hub.user}/rows", "--from", str(out))
    assert result.returncode == 0, result.stderr
    documents = small_project.documents()
    train = sum(1 for d in documents if _split_of(d.id, (0.5, 0.5)) == "train")
    assert f"  documents: train {train}, test {len(documents) - train}" in result.stderr
    assert f"  quotes: train {2 * train}, test {2 * (len(documents) - train)}" in result.stderr
