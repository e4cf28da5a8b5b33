"""Shared test setup.

The Hugging Face libraries read HF_* variables when they are imported, so the hub test
section below must run at import time of this conftest, before any test imports them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seed_project(tmp_path: Path):
    """A fresh copy of the repository's seed project (config, seeds, gold annotations)."""
    import shutil

    from corpus_tui.core.project import Project

    root = tmp_path / "seed-project"
    root.mkdir()
    shutil.copy(REPO / "corpus-tui.toml", root / "corpus-tui.toml")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "annotations").mkdir()
    gold = REPO / "annotations" / "gold.jsonl"
    if gold.exists():
        shutil.copy(gold, root / "annotations" / "gold.jsonl")
    return Project.load(root)


# --- hub test environment (owned by the export/push tests) ---------------------------
# huggingface_hub and datasets read HF_* when imported, so this runs at conftest import,
# before any test module imports them. HF_HOME is a throw-away folder (no saved token,
# no cache shared with the machine); Xet is off because the local hub speaks git-LFS only.
import atexit  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import tempfile  # noqa: E402


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# one port per test run, even if this module is imported a second time as ``tests.conftest``
HUB_PORT = int(os.environ.setdefault("CORPUS_TUI_TEST_HUB_PORT", str(_free_port())))
HUB_URL = f"http://127.0.0.1:{HUB_PORT}"
HUB_USER = "tester"
HUB_TOKEN = os.environ.setdefault("CORPUS_TUI_TEST_HUB_TOKEN", "hf_corpus_tui_test_" + os.urandom(8).hex())
if "CORPUS_TUI_TEST_HF_HOME" not in os.environ:
    os.environ["CORPUS_TUI_TEST_HF_HOME"] = tempfile.mkdtemp(prefix="corpus-tui-hf-home-")
    atexit.register(shutil.rmtree, os.environ["CORPUS_TUI_TEST_HF_HOME"], True)
_HF_HOME = os.environ["CORPUS_TUI_TEST_HF_HOME"]
os.environ["HF_ENDPOINT"] = HUB_URL
os.environ["HF_HOME"] = _HF_HOME
os.environ["HF_HUB_DISABLE_XET"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["HF_DATASETS_DISABLE_PROGRESS_BARS"] = "1"
for _name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def hub():
    """The local hub-compatible server at HF_ENDPOINT, with HUB_TOKEN valid for HUB_USER."""
    from hub_server import HubServer

    server = HubServer(HUB_PORT).start()
    server.add_token(HUB_TOKEN, HUB_USER)
    server.token, server.user = HUB_TOKEN, HUB_USER
    yield server
    server.stop()
