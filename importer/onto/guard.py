"""The read-only guard of `onto query`: what may run, decided as Neo4j reads the query.

Two checks, the second the one that counts:

* `writes` reads the text as Cypher's lexer does (its `\\uXXXX` escapes first, then strings,
  quoted names and comments; a `//` comment ends at a line feed or a carriage return) and
  names the first clause that would write. Library files are checked with it when loaded,
  without a server.
* `refusal` reads the server's own plan of the query (EXPLAIN): the server has parsed it,
  so no spelling can hide a clause from it. It refuses what the server does not call a read
  and, among reads, what reaches beyond the graph: LOAD CSV (files and URLs of the server's
  machine and network) and TERMINATE TRANSACTIONS (other users' work, an import's among them).

The query then runs in a read transaction, where the server refuses any write itself; and the
server `onto server start` runs refuses LOAD CSV from files and from any address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

# Cypher replaces \uXXXX by its character before it reads anything else, as Java does: an
# escape is a backslash preceded by an even number of backslashes (as Neo4j 5.26 reads it).
_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")
_TOKEN = re.compile(
    r"""(?P<string>'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?)"""  # an unclosed one runs to the end
    r"|(?P<name>`(?:[^`]|``)*`?)"
    r"|(?P<comment>//[^\n\r]*|/\*.*?(?:\*/|\Z))"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# Clauses that change data, schema or users, and the commands that end others' work.
_WRITING = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH", "LOAD", "ALTER", "GRANT", "DENY", "REVOKE",
     "RENAME", "TERMINATE", "START", "STOP", "ENABLE"}
)  # fmt: skip
# After these a word is a name (a property, a label, an alias, a parameter), not a clause;
# a clause's keyword is followed by a name or a pattern, never by an operator or by AS.
_NAMING = frozenset({".", ":", "$", "AS"})
_OPERATOR_WORDS = frozenset({"AS", "AND", "OR", "XOR", "IS", "IN", "STARTS", "ENDS", "CONTAINS", "ASC", "DESC"})
# Operators a read-only plan may hold that still reach beyond the graph.
_REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs from the server",
    "TerminateTransactions": "TERMINATE TRANSACTIONS ends other transactions",
}


class Token(NamedTuple):
    kind: str  # string, name, comment, word, space or other
    text: str


def unescaped(text: str) -> str:
    """The query as Cypher reads it, its unicode escapes replaced."""
    return _UNICODE_ESCAPE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), text)


def tokens(text: str) -> Iterator[Token]:
    for m in _TOKEN.finditer(unescaped(text)):
        kind = m.lastgroup
        assert kind is not None
        yield Token(kind, m.group())


def code_only(text: str) -> str:
    """The query with its strings, quoted names and comments blanked: what is left is code."""
    return "".join(" " if t.kind in ("string", "name", "comment") else t.text for t in tokens(text))


def writes(text: str) -> str | None:
    """The first clause of `text` that would write (or end others' work), else None. A keyword
    used as a name (`n.set`, `AS merge`, `{create: 1}`, `$delete`) is a name."""
    code = [t for t in tokens(text) if t.kind not in ("space", "comment")]
    for i, token in enumerate(code):
        word = token.text.upper()
        if token.kind != "word" or word not in _WRITING:
            continue
        before = code[i - 1].text.upper() if i else ""
        after = code[i + 1] if i + 1 < len(code) else Token("other", "")
        if before in _NAMING or after.text.upper() in _OPERATOR_WORDS:
            continue
        clause = after.kind in ("word", "name") or after.text in ("(", "$")
        if clause and (word != "LOAD" or after.text.upper() == "CSV"):
            return "LOAD CSV" if word == "LOAD" else word
    return None


def refusal(query_type: str, plan: dict[str, Any] | None) -> str | None:
    """Why the server's plan of a query may not run in `onto query`, or None when it only reads
    the graph. `query_type` is the server's: r (read), rw, w, s (schema and administration)."""
    if query_type != "r":
        return f"the query would write (query type {query_type!r})"
    for operator in _operators(plan):
        reason = _REFUSED_OPERATORS.get(operator.split("@")[0])
        if reason is not None:
            return reason
    return None


def _operators(plan: dict[str, Any] | None) -> Iterator[str]:
    if plan is None:
        return
    yield str(plan.get("operatorType", ""))
    for child in plan.get("children", ()):
        yield from _operators(child)
