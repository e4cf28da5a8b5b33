"""A small Hugging Face hub on 127.0.0.1, for pushing to and loading from in tests.

It implements the HTTP endpoints that the real ``huggingface_hub`` / ``datasets`` clients
call to create a dataset repository, upload files (preupload, git-LFS batch + basic
transfer, NDJSON commit) and read them back (repo info, tree, paths-info, resolve with
Range), so tests exercise the real client code over real HTTP. Standard library only,
served from a thread. Files are kept in memory per commit.

Test hooks: ``tokens`` (valid tokens → user), ``fail(method, pattern, status, times)``
to make the next matching requests fail with a 4xx (the clients retry 5xx for a long
time), ``requests`` (every (method, path, status) seen, to check what was called).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit


@dataclass
class Commit:
    sha: str
    message: str
    files: dict[str, tuple[bytes, str | None]]  # path -> (content, lfs sha256 or None)
    date: str


@dataclass
class Repo:
    repo_id: str
    private: bool
    owner: str
    commits: list[Commit] = field(default_factory=list)

    def resolve(self, rev: str) -> Commit | None:
        rev = unquote(rev)
        if rev in ("main", "HEAD", "refs/heads/main", "refs%2Fheads%2Fmain"):
            return self.commits[-1]
        for c in self.commits:
            if c.sha == rev or (len(rev) >= 7 and c.sha.startswith(rev)):
                return c
        return None


def _git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


class HubState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tokens: dict[str, str] = {}
        self.repos: dict[str, Repo] = {}
        self.lfs: dict[tuple[str, str], bytes] = {}  # (repo id, sha256) -> content, per repo as on the hub
        self.secret = secrets.token_hex(16)
        self.failures: list[list[Any]] = []
        self.requests: list[tuple[str, str, int]] = []
        self.auth_headers: list[str] = []

    def fail(self, method: str, pattern: str, status: int = 400, times: int = 1) -> None:
        with self.lock:
            self.failures.append([method, re.compile(pattern), status, times])

    def take_failure(self, method: str, path: str) -> int | None:
        with self.lock:
            for failure in self.failures:
                if failure[0] == method and failure[1].search(path) and failure[3] > 0:
                    failure[3] -= 1
                    return failure[2]
        return None

    def new_commit(self, repo: Repo, message: str, files: dict[str, tuple[bytes, str | None]]) -> Commit:
        digest = hashlib.sha1(f"{repo.repo_id}{len(repo.commits)}{message}{time.time_ns()}".encode()).hexdigest()
        commit = Commit(digest, message, files, time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()))
        repo.commits.append(commit)
        return commit

    def sign(self, oid: str) -> str:
        return hmac.new(self.secret.encode(), oid.encode(), hashlib.sha256).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: HubServer  # type: ignore[assignment]

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    # -- plumbing

    @property
    def state(self) -> HubState:
        return self.server.state

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(
        self,
        status: int,
        body: bytes | str | Any = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
        head: bool = False,
    ) -> None:
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.state.requests.append((self.command, self.path, status))

    def _error(self, status: int, code: str, message: str, head: bool = False) -> None:
        self._send(status, {"error": message}, {"X-Error-Code": code, "X-Error-Message": message}, head=head)

    def _user(self) -> tuple[bool, str | None]:
        """(ok, user): ok is False when a token was sent and is not valid."""
        auth = self.headers.get("Authorization", "")
        if not auth:
            return True, None
        self.state.auth_headers.append(self.path)
        token = auth.removeprefix("Bearer ").strip()
        user = self.state.tokens.get(token)
        return (user is not None), user

    def _dispatch(self, method: str) -> None:
        path = urlsplit(self.path).path
        body = self._body() if method in ("POST", "PUT") else b""
        forced = self.state.take_failure(method, path)
        if forced is not None:
            self._error(forced, "InjectedFailure", f"injected failure {forced}")
            return
        ok, user = self._user()
        if not ok and not path.startswith("/__lfs/"):
            self._error(401, "InvalidCredentials", "Invalid credentials in Authorization header")
            return
        for regex, name in _ROUTES:
            if m := re.fullmatch(regex, path):
                if name.split("_")[0] != method.lower():
                    continue
                getattr(self, name)(user, body, **m.groupdict())
                return
        self._error(404, "NotFound", f"no route for {method} {path}", head=method == "HEAD")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    # -- helpers

    def _repo(self, repo_id: str, user: str | None, head: bool = False, write: bool = False) -> Repo | None:
        repo = self.state.repos.get(repo_id)
        if repo is None or (repo.private and user != repo.owner):
            self._error(404, "RepoNotFound", f"Repository Not Found for url: {self.path}.", head=head)
            return None
        if write and user is None:
            self._error(401, "InvalidCredentials", "Authorization required to write", head=head)
            return None
        if write and user != repo.owner:
            self._error(403, "Forbidden", f"You don't have the rights to write to {repo_id}")
            return None
        return repo

    def _commit(self, repo: Repo, rev: str, head: bool = False) -> Commit | None:
        commit = repo.resolve(rev)
        if commit is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {rev}", head=head)
        return commit

    def _entry(self, path: str, content: bytes, lfs: str | None, commit: Commit) -> dict[str, Any]:
        entry: dict[str, Any] = {"type": "file", "path": path, "size": len(content), "oid": _git_blob_sha(content)}
        if lfs:
            entry["lfs"] = {"oid": lfs, "size": len(content), "pointerSize": 134}
        entry["lastCommit"] = {"id": commit.sha, "title": commit.message, "date": commit.date}
        return entry

    def _info(self, repo: Repo, commit: Commit) -> dict[str, Any]:
        siblings = []
        for path, (content, lfs) in sorted(commit.files.items()):
            s: dict[str, Any] = {"rfilename": path, "size": len(content), "blobId": _git_blob_sha(content)}
            if lfs:
                s["lfs"] = {"size": len(content), "sha256": lfs, "pointerSize": 134}
            siblings.append(s)
        return {
            "_id": hashlib.md5(repo.repo_id.encode()).hexdigest()[:24],
            "id": repo.repo_id,
            "author": repo.owner,
            "sha": commit.sha,
            "lastModified": commit.date,
            "createdAt": repo.commits[0].date,
            "private": repo.private,
            "gated": False,
            "disabled": False,
            "downloads": 0,
            "likes": 0,
            "tags": [],
            "siblings": siblings,
            "cardData": {},
        }

    # -- API routes (method prefix in the name)

    def get_whoami(self, user: str | None, body: bytes) -> None:
        if user is None:
            self._error(401, "InvalidCredentials", "Invalid credentials in Authorization header")
            return
        self._send(200, {"type": "user", "name": user, "orgs": [], "auth": {"accessToken": {"role": "write"}}})

    def post_create(self, user: str | None, body: bytes) -> None:
        if user is None:
            self._error(401, "InvalidCredentials", "Invalid credentials in Authorization header")
            return
        data = json.loads(body or b"{}")
        owner = data.get("organization") or user
        repo_id = f"{owner}/{data['name']}"
        url = f"{self.server.url}/datasets/{repo_id}"
        if owner != user:
            self._error(403, "Forbidden", f"You don't have the rights to create a dataset under {owner}")
            return
        if data.get("type") != "dataset":
            self._error(400, "BadRequest", "this test hub only hosts datasets")
            return
        with self.state.lock:
            if repo_id in self.state.repos:
                self._send(409, {"error": "You already created this dataset repo", "url": url})
                return
            repo = Repo(repo_id, data.get("visibility") == "private" or bool(data.get("private")), owner)
            gitattributes = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
            self.state.new_commit(repo, "initial commit", {".gitattributes": (gitattributes, None)})
            self.state.repos[repo_id] = repo
        self._send(200, {"url": url, "name": repo_id, "id": repo_id})

    def get_info(self, user: str | None, body: bytes, repo: str, rev: str = "main") -> None:
        r = self._repo(repo, user)
        if r and (commit := self._commit(r, rev)):
            self._send(200, self._info(r, commit))

    def get_tree(self, user: str | None, body: bytes, repo: str, rev: str, sub: str | None = None) -> None:
        r = self._repo(repo, user)
        if not r or not (commit := self._commit(r, rev)):
            return
        query = parse_qs(urlsplit(self.path).query)
        recursive = query.get("recursive", ["false"])[0].lower() in ("1", "true")
        prefix = unquote(sub).strip("/") + "/" if sub else ""
        entries, folders = [], set()
        for path, (content, lfs) in sorted(commit.files.items()):
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix) :]
            parts = rest.split("/")
            for i in range(1, len(parts)):
                folder = prefix + "/".join(parts[:i])
                if (recursive or i == 1) and folder not in folders:
                    folders.add(folder)
                    entries.append({"type": "directory", "path": folder, "oid": _git_blob_sha(folder.encode())})
            if recursive or len(parts) == 1:
                entries.append(self._entry(path, content, lfs, commit))
        if prefix and not entries:
            self._error(404, "EntryNotFound", f"{sub} does not exist on {rev}")
            return
        self._send(200, entries)

    def post_pathsinfo(self, user: str | None, body: bytes, repo: str, rev: str) -> None:
        r = self._repo(repo, user)
        if not r or not (commit := self._commit(r, rev)):
            return
        ctype = self.headers.get("Content-Type", "")
        if "json" in ctype:
            paths = json.loads(body or b"{}").get("paths", [])
        else:
            paths = parse_qs(body.decode()).get("paths", [])
        out = []
        for p in paths:
            p = p.strip("/")
            if p in commit.files:
                out.append(self._entry(p, *commit.files[p], commit))
            elif any(f.startswith(p + "/") for f in commit.files):
                out.append({"type": "directory", "path": p, "oid": _git_blob_sha(p.encode())})
        self._send(200, out)

    def post_preupload(self, user: str | None, body: bytes, repo: str, rev: str) -> None:
        r = self._repo(repo, user, write=True)
        if not r or not self._commit(r, rev):
            return
        files = json.loads(body).get("files", [])
        modes = []
        for f in files:
            path = f["path"]
            regular = path.endswith((".md", ".json", ".gitattributes", ".txt", ".yaml")) and f["size"] < 10_000_000
            modes.append({"path": path, "uploadMode": "regular" if regular else "lfs", "shouldIgnore": False})
        self._send(200, {"files": modes, "commitOid": r.commits[-1].sha})

    def post_lfsbatch(self, user: str | None, body: bytes, repo: str) -> None:
        r = self._repo(repo, user, write=True)
        if not r:
            return
        data = json.loads(body)
        if "basic" not in data.get("transfers", ["basic"]):
            self._error(400, "BadRequest", "only the basic transfer is supported")
            return
        objects = []
        for obj in data.get("objects", []):
            oid, size = obj["oid"], obj["size"]
            entry: dict[str, Any] = {"oid": oid, "size": size, "authenticated": True}
            if (r.repo_id, oid) not in self.state.lfs:
                sig = self.state.sign(f"{r.repo_id}:{oid}")
                href = f"{self.server.url}/__lfs/{oid}?repo={quote(r.repo_id)}&size={size}&sig={sig}"
                entry["actions"] = {"upload": {"href": href, "expires_in": 3600}}
            objects.append(entry)
        self._send(200, {"transfer": "basic", "objects": objects}, content_type="application/vnd.git-lfs+json")

    def put_lfsobject(self, user: str | None, body: bytes, oid: str) -> None:
        query = parse_qs(urlsplit(self.path).query)
        repo_id = query.get("repo", [""])[0]
        if not hmac.compare_digest(query.get("sig", [""])[0], self.state.sign(f"{repo_id}:{oid}")):
            self._error(403, "Forbidden", "bad signature")
            return
        if hashlib.sha256(body).hexdigest() != oid:
            self._error(400, "BadRequest", "content does not match its oid")
            return
        with self.state.lock:
            self.state.lfs[(repo_id, oid)] = body
        self._send(200, b"", content_type="text/plain")

    def post_validateyaml(self, user: str | None, body: bytes) -> None:
        self._send(200, {"errors": [], "warnings": []})

    def post_commit(self, user: str | None, body: bytes, repo: str, rev: str) -> None:
        r = self._repo(repo, user, write=True)
        if not r or not (parent := self._commit(r, rev)):
            return
        files = dict(parent.files)
        summary = "commit"
        for line in body.decode().splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            key, value = item["key"], item["value"]
            if key == "header":
                summary = value.get("summary") or summary
            elif key == "file":
                files[value["path"]] = (base64.b64decode(value["content"]), None)
            elif key == "lfsFile":
                content = self.state.lfs.get((r.repo_id, value["oid"]))
                if content is None:
                    self._error(422, "LfsObjectMissing", f"LFS object {value['oid']} was never uploaded")
                    return
                files[value["path"]] = (content, value["oid"])
            elif key == "deletedFile":
                files.pop(value["path"], None)
            elif key == "deletedFolder":
                prefix = value["path"].rstrip("/") + "/"
                files = {p: v for p, v in files.items() if not p.startswith(prefix)}
        with self.state.lock:
            commit = self.state.new_commit(r, summary, files)
        url = f"{self.server.url}/datasets/{r.repo_id}/commit/{commit.sha}"
        self._send(200, {"success": True, "commitOid": commit.sha, "commitUrl": url, "pullRequestUrl": None})

    def _resolve(self, user: str | None, repo: str, rev: str, path: str, head: bool) -> None:
        r = self._repo(repo, user, head=head)
        if not r or not (commit := self._commit(r, rev, head=head)):
            return
        path = unquote(path)
        if path not in commit.files:
            self._error(404, "EntryNotFound", f"{path} does not exist on {rev}", head=head)
            return
        content, lfs = commit.files[path]
        etag = f'"{lfs or _git_blob_sha(content)}"'
        headers = {
            "X-Repo-Commit": commit.sha,
            "ETag": etag,
            "Accept-Ranges": "bytes",
            "Last-Modified": formatdate(usegmt=True),
        }
        if lfs:
            headers["X-Linked-Etag"] = etag
            headers["X-Linked-Size"] = str(len(content))
        status = 200
        rng = self.headers.get("Range")
        if rng and (m := re.fullmatch(r"bytes=(\d*)-(\d*)", rng.strip())):
            size = len(content)
            if m.group(1) == "":
                start = max(0, size - int(m.group(2)))
                end = size - 1
            else:
                start = int(m.group(1))
                end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
            if start >= size and size > 0:
                self._send(416, b"", {"Content-Range": f"bytes */{size}"}, head=head)
                return
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
            content = content[start : end + 1]
            status = 206
        self._send(status, content, headers, content_type="application/octet-stream", head=head)

    def get_resolve(self, user: str | None, body: bytes, repo: str, rev: str, path: str) -> None:
        self._resolve(user, repo, rev, path, head=False)

    def head_resolve(self, user: str | None, body: bytes, repo: str, rev: str, path: str) -> None:
        self._resolve(user, repo, rev, path, head=True)


_REPO = r"(?P<repo>[^/]+/[^/]+?)"
_ROUTES: list[tuple[str, str]] = [
    (r"/api/whoami-v2", "get_whoami"),
    (r"/api/repos/create", "post_create"),
    (r"/api/validate-yaml", "post_validateyaml"),
    (rf"/api/datasets/{_REPO}/revision/(?P<rev>.+)", "get_info"),
    (rf"/api/datasets/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<sub>.*))?", "get_tree"),
    (rf"/api/datasets/{_REPO}/paths-info/(?P<rev>[^/]+)", "post_pathsinfo"),
    (rf"/api/datasets/{_REPO}/preupload/(?P<rev>[^/]+)", "post_preupload"),
    (rf"/api/datasets/{_REPO}/commit/(?P<rev>[^/]+)", "post_commit"),
    (rf"/api/datasets/{_REPO}", "get_info"),
    (rf"/datasets/{_REPO}\.git/info/lfs/objects/batch", "post_lfsbatch"),
    (r"/__lfs/(?P<oid>[0-9a-f]{64})", "put_lfsobject"),
    (rf"/datasets/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)", "get_resolve"),
    (rf"/datasets/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)", "head_resolve"),
]


class HubServer(ThreadingHTTPServer):
    """``with HubServer(port) as hub: ...`` serves until the block ends."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        super().__init__((host, port), _Handler)
        self.state = HubState()
        self.url = f"http://{host}:{self.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> HubServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add_token(self, token: str, user: str) -> None:
        self.state.tokens[token] = user

    def file(self, repo_id: str, path: str) -> bytes:
        return self.state.repos[repo_id].commits[-1].files[path][0]

    def files(self, repo_id: str) -> list[str]:
        return sorted(self.state.repos[repo_id].commits[-1].files)


def quote_path(path: str) -> str:
    return quote(path, safe="/")


if __name__ == "__main__":  # manual use: python tests/hub_server.py PORT TOKEN USER
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with HubServer(port) as hub:
        if len(sys.argv) > 3:
            hub.add_token(sys.argv[2], sys.argv[3])
        print(hub.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
