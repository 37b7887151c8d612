"""Download the Neo4j server jars pinned in `neo4j.lock` from Maven Central, once.

Each jar is checked against its SHA-1 before it is used; a finished download leaves a
marker, so later starts read nothing from the network.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

LOCK_FILE = Path(__file__).with_name("neo4j.lock")
MAVEN_REPOSITORY = os.environ.get("ONTO_MAVEN_REPOSITORY", "https://repo1.maven.org/maven2")


class DownloadError(Exception):
    """A jar could not be fetched or did not match its checksum."""


@dataclass(frozen=True)
class Artifact:
    path: str  # under the repository root: org/neo4j/neo4j/5.26.19/neo4j-5.26.19.jar
    sha1: str

    @property
    def file_name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def read_lock(lock: Path = LOCK_FILE) -> tuple[str, list[Artifact]]:
    """The lock's first comment line (what it pins) and its artifacts."""
    header = ""
    artifacts = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            header = header or line.lstrip("# ").strip()
        elif line.strip():
            path, sha1 = line.split()
            artifacts.append(Artifact(path, sha1))
    return header, artifacts


def neo4j_version(lock: Path = LOCK_FILE) -> str:
    _, artifacts = read_lock(lock)
    for artifact in artifacts:
        if artifact.path.startswith("org/neo4j/neo4j/"):
            return artifact.path.split("/")[3]
    raise DownloadError(f"{lock}: pins no org.neo4j:neo4j artifact")


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(artifact: Artifact, lib: Path) -> None:
    target = lib / artifact.file_name
    if target.is_file() and _sha1(target) == artifact.sha1:
        return
    url = f"{MAVEN_REPOSITORY.rstrip('/')}/{artifact.path}"
    with tempfile.NamedTemporaryFile(dir=lib, delete=False, suffix=".part") as part:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                shutil.copyfileobj(response, part)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            os.unlink(part.name)
            raise DownloadError(f"cannot download {url}: {exc}") from exc
    if _sha1(Path(part.name)) != artifact.sha1:
        os.unlink(part.name)
        raise DownloadError(f"{url}: checksum does not match the lock file")
    os.replace(part.name, target)


def ensure_jars(cache: Path, lock: Path = LOCK_FILE, workers: int = 8) -> Path:
    """The folder holding every pinned jar, downloading what is missing."""
    _, artifacts = read_lock(lock)
    lock_digest = hashlib.sha1(lock.read_bytes()).hexdigest()
    lib = cache / f"neo4j-{neo4j_version(lock)}" / "lib"
    marker = lib / ".complete"
    if marker.is_file() and marker.read_text() == lock_digest:
        return lib
    lib.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda a: _fetch(a, lib), artifacts))
    wanted = {a.file_name for a in artifacts}
    for stray in lib.glob("*.jar"):
        if stray.name not in wanted:  # left from an older lock: it must not reach the classpath
            stray.unlink()
    marker.write_text(lock_digest)
    return lib
