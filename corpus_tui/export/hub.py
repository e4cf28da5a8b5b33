"""``corpus-tui push``: upload the exported dataset (every config plus the card) to a hub.

The export folder already has the hub's layout, so a push is an upload of exactly the
files that ``datasets.load_dataset(OUT, ...)`` was shown to load locally: those its
manifest lists (``export.manifest``), each checked against it and read without following
a link, and nothing else that may lie in the folder. Files go up
one by one through ``HfApi.preupload_lfs_files`` (the hub's LFS path, with a progress
line each) and then land in a single commit, so a failed push never leaves a repository
with new data and an old card; a retry re-sends only what the hub does not have yet.
Files of a previous push that this export no longer has (a split that became empty)
are deleted in the same commit.

``HF_TOKEN`` and ``HF_ENDPOINT`` are read when the push runs (a self-hosted hub works),
and the token is passed explicitly and scrubbed from every message we print.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from corpus_tui.core.errors import CorpusError
from corpus_tui.export.manifest import Manifest, ManifestFile, open_listed, read_manifest
from corpus_tui.export.options import ExportFormat, ExportOptions

if TYPE_CHECKING:
    from corpus_tui.core.model import Document
    from corpus_tui.core.project import Project

DEFAULT_ENDPOINT = "https://huggingface.co"
_REPO_ID = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
)


def check_repo_id(repo_id: str) -> str:
    """OWNER/NAME as the hub accepts it (the whole string: ``fullmatch``); checked before any
    network call."""
    if not _REPO_ID.fullmatch(repo_id) or "--" in repo_id or ".." in repo_id or repo_id.endswith(".git"):
        raise CorpusError(
            f"{repo_id!r} is not a valid repository id: use OWNER/NAME with letters, digits, '-', '_' or '.' "
            "(no '--' or '..', at most 96 characters each)."
        )
    return repo_id


def hub_endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def hub_token() -> str:
    """``HF_TOKEN``, else the token saved by ``hf auth login``; never printed."""
    token = os.environ.get("HF_TOKEN")
    if not token:
        try:
            from huggingface_hub import get_token

            token = get_token()
        except Exception:  # a broken token file is the same as none for us
            token = None
    if not token or not token.strip():
        raise CorpusError(
            f"No Hugging Face token: set HF_TOKEN to a write token from {hub_endpoint()}/settings/tokens "
            "(or run 'hf auth login')."
        )
    token = token.strip()  # a token copied from a CRLF .env file ends in '\r'
    if not all("!" <= c <= "~" for c in token):
        raise CorpusError(
            "HF_TOKEN contains a space, a control character or a non-ASCII character, which no hub token has: "
            "check how it was set."
        )
    return token


def scrub(text: str, token: str | None) -> str:
    """The message with the token, and any escaped spelling of it, replaced by ``***``."""
    if not token:
        return text
    for spelling in {token, token.encode("unicode_escape").decode("ascii"), repr(token)[1:-1]}:
        text = text.replace(spelling, "***")
    return text


def push_dataset(
    project: Project | None,
    repo_id: str,
    *,
    from_dir: str | os.PathLike[str] | None = None,
    private: bool = False,
    commit_message: str | None = None,
    options: ExportOptions = ExportOptions(),
    stream: TextIO | None = None,
    track: Callable[[Iterator[Document], int, str], Iterator[Document]] | None = None,
) -> str:
    """Export (unless ``from_dir``) and push; returns the dataset's URL on the hub."""
    out = stream if stream is not None else sys.stderr
    check_repo_id(repo_id)
    token = hub_token()
    endpoint = hub_endpoint()
    _check_access(repo_id, token, endpoint)  # a refused token or a dead hub fails before a long export
    if from_dir is not None:
        folder = Path(from_dir)
        print(_rows_summary(folder, _check_export_folder(folder)), file=out)
        return _push_folder(folder, repo_id, token, endpoint, private, commit_message, out)
    if project is None:
        raise CorpusError("push needs a project to export, or --from OUT with an existing export.")
    from corpus_tui.export.dataset import export_dataset

    with tempfile.TemporaryDirectory(prefix="corpus-tui-push-") as tmp:
        summary = export_dataset(project, Path(tmp) / "dataset", replace(options, format="hf"), track)
        print(str(summary).split("\nLoad it:")[0], file=out)
        return _push_folder(Path(tmp) / "dataset", repo_id, token, endpoint, private, commit_message, out)


def _check_export_folder(folder: Path) -> Manifest:
    """The manifest of an HF export in ``folder``, each listed file checked before anything
    goes to the hub (a link, a changed file or a fake parquet is one sentence)."""
    if not folder.is_dir():
        raise CorpusError(f"--from {folder}: no such folder (run 'corpus-tui export {folder}' first).")
    manifest = read_manifest(folder)
    if manifest.format != ExportFormat.HF or not any(f.path == "README.md" for f in manifest.files):
        raise CorpusError(
            f"--from {folder}: an export in the {manifest.format} format, not a Hugging Face dataset; "
            f"run 'corpus-tui export {folder}' (--format hf) first."
        )
    for entry in manifest.files:
        open_listed(folder, entry).close()
    return manifest


def _rows_summary(folder: Path, manifest: Manifest) -> str:
    """Rows per config and split of an export folder, as its manifest records them."""
    from corpus_tui.export.splits import SPLIT_NAMES

    order = SPLIT_NAMES[3]
    lines = [f"Dataset in {folder}:"]
    for config, splits in manifest.rows.items():
        ordered = sorted(splits, key=lambda s: order.index(s) if s in order else len(order))
        lines.append(f"  {config}: " + ", ".join(f"{s} {splits[s]}" for s in ordered))
    return "\n".join(lines)


def _files(manifest: Manifest) -> list[ManifestFile]:
    """The dataset's files: parquet shards per config, then the card (last, so it lands with them)."""
    card = [f for f in manifest.files if f.path == "README.md"]
    return [*(f for f in manifest.files if f.path != "README.md"), *card]


def _check_access(repo_id: str, token: str, endpoint: str) -> None:
    def whoami() -> None:
        from huggingface_hub import HfApi

        HfApi(endpoint=endpoint, token=token).whoami()

    _talking_to_hub(whoami, repo_id, token, endpoint)


def _talking_to_hub(call: Any, repo_id: str, token: str, endpoint: str) -> Any:
    """``call()`` with every client error turned into one sentence that never shows the token."""
    try:
        return call()
    except CorpusError:
        raise
    except Exception as exc:
        raise CorpusError(scrub(explain(exc, repo_id, endpoint), token)) from None


def _push_folder(
    folder: Path,
    repo_id: str,
    token: str,
    endpoint: str,
    private: bool,
    commit_message: str | None,
    out: TextIO,
) -> str:
    return _talking_to_hub(
        lambda: _upload(folder, repo_id, token, endpoint, private, commit_message, out), repo_id, token, endpoint
    )


def _upload(
    folder: Path,
    repo_id: str,
    token: str,
    endpoint: str,
    private: bool,
    commit_message: str | None,
    out: TextIO,
) -> str:
    from huggingface_hub import CommitOperationAdd, HfApi
    from huggingface_hub.utils import disable_progress_bars

    from corpus_tui.export.card import card_for_repo

    disable_progress_bars()  # our own line per file reads the same on a terminal and in CI logs
    api = HfApi(endpoint=endpoint, token=token)
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    if private and not api.repo_info(repo_id, repo_type="dataset").private:
        raise CorpusError(
            f"{repo_id} already exists and is public, so --private would not hide this data: "
            "make the repository private on the hub first, or push without --private."
        )
    files = _files(read_manifest(folder))
    total = sum(f.size for f in files)
    print(f"Pushing {len(files)} file(s), {_size(total)}, to {endpoint}/datasets/{repo_id}", file=out)
    additions = []
    opened = ExitStack()
    with opened:
        for n, entry in enumerate(files, start=1):
            print(f"  [{n}/{len(files)}] {entry.path} ({_size(entry.size)})", file=out, flush=True)
            # the open, checked file itself is uploaded: nothing can be swapped in after the check
            content: BinaryIO | bytes = opened.enter_context(open_listed(folder, entry))
            if entry.path == "README.md":  # the card's loading example names this repository
                content = card_for_repo(content.read().decode("utf-8"), repo_id).encode("utf-8")
            op = CommitOperationAdd(path_in_repo=entry.path, path_or_fileobj=content)
            api.preupload_lfs_files(repo_id, additions=[op], repo_type="dataset", free_memory=False)
            additions.append(op)
        info = _commit(api, repo_id, additions, commit_message)
    url = f"{endpoint}/datasets/{repo_id}"
    removed = f", removed {info.deleted} old file(s)" if info.deleted else ""
    print(f"Pushed {len(additions)} file(s){removed} in commit {info.oid[:12]}: {url}", file=out)
    return url


@dataclass
class _Committed:
    oid: str
    deleted: int


def _commit(api: Any, repo_id: str, additions: list[Any], commit_message: str | None) -> _Committed:
    """One commit with the uploaded files, deleting shards of an earlier push this export no
    longer has (a split that became empty, a config that vanished)."""
    from huggingface_hub import CommitOperationDelete

    ours = {op.path_in_repo for op in additions}
    configs = {rel.split("/", 1)[0] for rel in ours if "/" in rel}
    remote = api.list_repo_files(repo_id, repo_type="dataset")
    deletions = [
        CommitOperationDelete(path_in_repo=rel)
        for rel in remote
        if rel not in ours and rel.endswith(".parquet") and rel.split("/", 1)[0] in configs | _old_configs(remote)
    ]
    message = commit_message or f"Upload dataset ({', '.join(sorted(configs))}) with corpus-tui"
    info = api.create_commit(repo_id, operations=[*additions, *deletions], commit_message=message, repo_type="dataset")
    return _Committed(info.oid or "", len(deletions))


def _old_configs(remote: list[str]) -> set[str]:
    """Config folders of an earlier corpus-tui push (so a config that vanished is cleaned up)."""
    return {rel.split("/", 1)[0] for rel in remote if rel.count("/") == 1 and rel.endswith("-of-00001.parquet")}


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


def explain(exc: BaseException, repo_id: str, endpoint: str) -> str:
    """One sentence for what went wrong talking to the hub."""
    from huggingface_hub.errors import HfHubHTTPError, HFValidationError, RepositoryNotFoundError

    exc = _innermost(exc, (HfHubHTTPError, HFValidationError))  # the client wraps upload errors
    if isinstance(exc, HFValidationError):
        return f"{repo_id!r} is not a valid repository id ({exc})."
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    if isinstance(exc, HfHubHTTPError) and code is not None:
        url = str(getattr(getattr(response, "request", None), "url", "") or "")
        if code in (401, 403) and url and "/api/" not in url and ".git/info/lfs" not in url:
            return f"The hub's file storage refused an upload ({code}); nothing was committed, so just retry."
        if code in (401, 403):
            return (
                f"The hub at {endpoint} refused the token ({code} {'Unauthorized' if code == 401 else 'Forbidden'}): "
                f"check that HF_TOKEN is valid and may write to {repo_id}."
            )
        if isinstance(exc, RepositoryNotFoundError) or code == 404:
            return f"The hub at {endpoint} has no dataset {repo_id} and did not create it (404): check the owner name."
        server_msg = getattr(exc, "server_message", "") or ""
        detail = f": {server_msg.strip().splitlines()[0]}" if server_msg.strip() else ""
        return f"The hub at {endpoint} rejected the push ({code}){detail}."
    if _is_network_error(exc):
        return f"Cannot reach the hub at {endpoint} ({_reason(exc)}): check HF_ENDPOINT and your network, then retry."
    return f"Push to {endpoint} failed: {type(exc).__name__}: {exc}."


def _innermost(exc: BaseException, types: tuple[type[BaseException], ...]) -> BaseException:
    """The first exception of ``types`` in the cause chain, else ``exc`` itself."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, types):
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


def _is_network_error(exc: BaseException) -> bool:
    try:
        import httpx

        network: tuple[type[BaseException], ...] = (httpx.TransportError, OSError)
    except ImportError:  # pragma: no cover - httpx is a dependency of huggingface_hub
        network = (OSError,)
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, network) or type(seen).__name__ in ("ConnectError", "ConnectTimeout", "ReadTimeout"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) < 120 else text[:117] + "..."
