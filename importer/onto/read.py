"""Find the notes of a garden and read each into text, frontmatter and body.

Whatever goes wrong with one file (bytes that are not UTF-8, broken YAML, a loop of
symlinks) becomes a Problem for that file; the other files are read as usual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from stat import S_ISREG
from typing import Any, NamedTuple

from frontmatter.default_handlers import YAMLHandler

from .problems import Report
from .yaml_text import YAMLError, load_simple_mapping, load_yaml

_SKIPPED_DIRS = {".obsidian", ".git", ".trash", "node_modules", ".venv"}
_YAML = YAMLHandler()
# Where the platform can (Linux, macOS), a folder is listed from an open descriptor, and its
# notes are then examined by name inside it rather than by full path: a third of the walk.
_SCAN_BY_FD = os.scandir in os.supports_fd and os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd
_BY_NAME = attrgetter("name")


@dataclass
class RawNote:
    file: str  # path relative to the garden root, with forward slashes
    folder: str  # name of the folder holding the note ("" at the root)
    text: str
    metadata: dict[str, Any]
    body: str
    body_line: int  # line number (1-based) of the body's first line
    frontmatter_lines: dict[str, int]  # top-level key -> line, for messages


class FoundNote(NamedTuple):
    """A `.md` file of the garden, with the size and mtime a re-import compares. (A tuple: a
    re-import with nothing to do makes 100,000 of them, and little else.)"""

    file: str  # path relative to the garden root, with forward slashes
    location: str  # the path to open; text, as a Path for each of 100,000 notes costs half the walk
    size: int  # -1: could not be examined (a broken symlink); reading it reports why
    mtime_ns: int

    @property
    def stamp(self) -> tuple[int, int]:
        return (self.size, self.mtime_ns)


def stamps(found: list[FoundNote]) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every note found: what a re-import compares with the last one's."""
    return {note.file: (note.size, note.mtime_ns) for note in found}


def discover(root: Path, report: Report) -> list[FoundNote]:
    """Every `.md` file under root, sorted, without following symlinked folders.

    One stat per file and no Path arithmetic in the loop: a re-import with nothing to do
    is mostly this walk, and a 100,000-note garden makes it the import's floor.
    """
    found: list[FoundNote] = []

    def scan(folder: str, prefix: str, fd: int | None) -> None:
        try:
            with os.scandir(folder if fd is None else fd) as entries:
                listed = sorted(entries, key=_BY_NAME)
        except OSError:
            return  # as os.walk: an unreadable folder has no notes we can read
        base = folder if folder.endswith(os.sep) else folder + os.sep
        subfolders = []
        for entry in listed:
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)  # from the listing: no system call
            except OSError:
                is_dir = False
            if is_dir:
                if name not in _SKIPPED_DIRS and not name.startswith("."):
                    subfolders.append(name)
                continue
            if name[-3:].lower() != ".md":
                continue
            file = prefix + name
            try:
                # Follows a symlinked note, as reading it will. By name in the open folder
                # where we can: faster than DirEntry.stat (bench/RESULTS.md, "behind the code").
                stat = entry.stat() if fd is None else os.stat(name, dir_fd=fd)
            except OSError:
                found.append(FoundNote(file, base + name, -1, -1))
                continue
            if not S_ISREG(stat.st_mode):  # a FIFO would block the import forever
                report.error(file, None, "not-a-file", "not a regular file (a pipe or device); skipped")
                continue
            found.append(FoundNote(file, base + name, stat.st_size, stat.st_mtime_ns))
        for name in subfolders:
            walk(base + name, f"{prefix}{name}/", fd, name)

    def walk(folder: str, prefix: str, parent_fd: int | None, name: str) -> None:
        if not _SCAN_BY_FD:
            scan(folder, prefix, None)
            return
        try:
            fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=parent_fd)
        except OSError:
            return
        try:
            scan(folder, prefix, fd)
        finally:
            os.close(fd)

    root_text = str(root)
    walk(root_text, "", None, root_text)
    return found


def read_bytes(location: str, file: str, report: Report) -> bytes | None:
    try:
        with open(location, "rb") as handle:
            return handle.read()
    except OSError as exc:
        report.error(file, None, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None


def _decode(data: bytes, file: str, report: Report) -> str | None:
    if b"\x00" in data[:8192]:
        report.error(file, None, "binary", "looks like a binary file (contains NUL bytes), not a note")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(file, line, "encoding", f"not UTF-8: byte {data[exc.start]:#04x} at offset {exc.start}")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _key_lines(raw_frontmatter: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for offset, line in enumerate(raw_frontmatter.split("\n")):
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip().strip("'\""), offset + 1)
    return lines


def read_note(file: str, data: bytes, report: Report) -> RawNote | None:
    """The note whose path in the garden is `file` (with forward slashes), holding `data`."""
    text = _decode(data, file, report)
    if text is None:
        return None
    folder = file.rsplit("/", 2)[-2] if "/" in file else ""

    if not _YAML.detect(text):
        return RawNote(file, folder, text, {}, text, 1, {})
    # The same fences python-frontmatter splits on; found here so line numbers survive.
    fences = _YAML.FM_BOUNDARY.finditer(text)
    opening = next(fences)
    closing = next(fences, None)
    if closing is None:
        report.error(file, 1, "frontmatter", "frontmatter is not closed: no second '---' line")
        return None
    raw_fm, body = text[opening.end() : closing.start()], text[closing.end() :]
    body_line = text.count("\n", 0, closing.end()) + 1
    try:
        metadata = load_simple_mapping(raw_fm) if raw_fm.strip() else {}
        if metadata is None:
            metadata = load_yaml(raw_fm)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None:  # YAML notices an unclosed bracket only at the end
            problem += f" ({context} that starts on line {context_mark.line + 1})"
        report.error(file, line, "yaml", f"frontmatter is not valid YAML: {problem}")
        return None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        report.error(file, 2, "frontmatter", f"frontmatter must be a mapping of keys, not a {type(metadata).__name__}")
        return None
    return RawNote(file, folder, text, metadata, body, body_line, _key_lines(raw_fm))
