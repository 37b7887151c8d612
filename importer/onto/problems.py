"""Problems found in a garden: data with a severity, a file, a line and a message.

Every stage appends to one `Report` and carries on; the CLI decides what an error means
for the exit code. Nothing here raises.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.StrEnum):
    ERROR = "error"  # a note (or part of it) could not be imported
    WARNING = "warning"  # imported, but not as cleanly as written (undeclared type, stub, ...)
    INFO = "info"  # worth knowing, nothing lost (skipped page with no type, ...)


def brief(text: str, limit: int = 60) -> str:
    """`text` quoted for a message, cut when long: a message is one line a reader can take in."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


class Problem(NamedTuple):
    """A tuple, not a dataclass: a 100,000-note garden has hundreds of thousands of them, and a
    re-import loads them all from its saved state, where tuples unpickle several times faster."""

    severity: Severity
    file: str
    line: int | None
    code: str  # a stable short name, so tools can filter: "yaml", "unknown-type", ...
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}: {self.message} [{self.code}]"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, severity: Severity, file: str, line: int | None, code: str, message: str) -> None:
        self.problems.append(Problem(severity, file, line, code, message))

    def error(self, file: str, line: int | None, code: str, message: str) -> None:
        self.add(Severity.ERROR, file, line, code, message)

    def warning(self, file: str, line: int | None, code: str, message: str) -> None:
        self.add(Severity.WARNING, file, line, code, message)

    def info(self, file: str, line: int | None, code: str, message: str) -> None:
        self.add(Severity.INFO, file, line, code, message)

    def of(self, severity: Severity) -> list[Problem]:
        return [p for p in self.problems if p.severity is severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return self.of(Severity.WARNING)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.line or 0, p.code, p.message))
