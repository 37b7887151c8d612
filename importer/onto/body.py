"""The body grammar: inline fields and relationship lists, in Markdown and published HTML.

docs/grammar.md describes every form this module reads, with its edge cases. In short:

* inline fields   `KEY:: LINK[, LINK ...] [- annotation]` at the start of a line, list item
                  or table cell, or bracketed anywhere: `[KEY:: LINK]`, `(KEY:: LINK)`;
* list items      `→ LINK (type) [- annotation]` or `← LINK (type)` under a heading that
                  names the relationship, each optionally followed by a YAML block holding
                  the edge's properties.

Code blocks and comments are never read for statements.
"""

from __future__ import annotations

import functools
import html
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .links import PLACEHOLDER, LinkTarget, Template, forget_links, make_template
from .model import Statement
from .problems import Report
from .storable import storable_keys, storable_link
from .yaml_text import YAMLError, load_simple_mapping, load_yaml

_LINK = PLACEHOLDER.pattern
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
_PRE_START = re.compile(r"<pre[^>]*>\s*<code(?P<attrs>[^>]*)>", re.IGNORECASE)
_PRE_END = re.compile(r"</code>\s*</pre>", re.IGNORECASE)
_LANGUAGE = re.compile(r"language-([\w+-]+)")
_HEADING_HTML = re.compile(r"^\s*<h([1-6])[^>]*>(.*?)</h\1\s*>", re.IGNORECASE)
_HEADING_MD = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"<!--.*?-->|%%.*?%%")
_RAW_TAGS = re.compile(r"{%-?\s*(?:end)?raw\s*-?%}")
_LIST_SHELL = re.compile(r"^\s*</?(?:ul|ol)[^>]*>\s*$", re.IGNORECASE)
_BARE_LIST_SHELLS = {"<ul>", "</ul>", "<ol>", "</ol>"}
_ITEM_START = re.compile(r"^\s*(?:<li[^>]*>|[-*+]\s|\d+[.)]\s)", re.IGNORECASE)
_ARROW_ITEM = re.compile(
    rf"^(?:[-*+]\s+|\d+[.)]\s+)?(?P<arrow>→|←|->|<-)\s*(?P<link>{_LINK})\s*"
    rf"(?:\((?P<hint>[^()]*)\))?\s*(?:[-–—:]\s*(?P<annotation>.*))?$"
)
# A key may be set in bold or italics, as Dataview allows (`**Key**:: value`): the marks go.
_KEY = r"(?:\*\*|__|\*|_)?[A-Za-z][\w \-]{0,80}?(?:\*\*|__|\*|_)?"
_BRACKETED = re.compile(rf"[\[(]\s*(?P<key>{_KEY})\s*::\s*(?P<value>[^\[\]()]*?)\s*[\])]")
_LINE_FIELD = re.compile(rf"^(?:[-*+>]\s+|\d+[.)]\s+|\[[ xX]\]\s+)*(?P<key>{_KEY})\s*::\s*(?P<value>.*)$")
_SEPARATOR = re.compile(r"\s[-–—]\s|^[-–—]\s")
_LINK_GLUE = re.compile(r"^(?:[\s,;&+/]|\band\b|\bor\b)*$", re.IGNORECASE)


@dataclass(frozen=True)
class UnlinkedField:
    """`KEY:: value` with no link in its value: a Dataview property, not a statement."""

    line: int
    key: str
    value: str


@dataclass
class Body:
    statements: list[Statement] = field(default_factory=list)
    unlinked_fields: list[UnlinkedField] = field(default_factory=list)
    first_heading: str | None = None
    first_heading_line: int | None = None


def _field_statements(
    template: Template, key: str, value: str, file: str, line: int, report: Report
) -> tuple[list[Statement], UnlinkedField | None]:
    split = _SEPARATOR.search(value)
    head, tail = (value[: split.start()], value[split.end() :]) if split else (value, "")
    links = template.links_in(head)
    if not links:
        return [], UnlinkedField(line, key, template.render(value).strip())
    leftover = PLACEHOLDER.sub(" ", head)
    annotation_parts = [] if _LINK_GLUE.match(leftover) else [leftover.strip(" ,;")]
    if tail.strip():
        annotation_parts.append(template.render(tail).strip())
    annotation = " ".join(p for p in annotation_parts if p) or None
    statements = []
    for link in links:
        if link is None:
            report.warning(file, line, "empty-link", f"{key}:: has an empty link [[ ]]; that statement was skipped")
            continue
        link = storable_link(link, file, line, report)
        statements.append(Statement(file, line, sys.intern(key.strip()), link, annotation=annotation, form="inline"))
    return statements, None


def _inline_fields(template: Template, is_table_row: bool, file: str, line: int, report: Report, body: Body) -> None:
    text = template.text
    found: list[tuple[str, str]] = []

    def take(m: re.Match[str]) -> str:
        found.append((_unmarked(m.group("key")), m.group("value")))
        return " "

    text = _BRACKETED.sub(take, text)
    cells = [c.strip() for c in text.strip().strip("|").split("|")] if is_table_row else [text]
    for cell in cells:
        m = _LINE_FIELD.match(cell)
        if m:
            found.append((_unmarked(m.group("key")), m.group("value")))
    for key, value in found:
        statements, unlinked = _field_statements(template, key, value, file, line, report)
        body.statements.extend(statements)
        if unlinked is not None:
            body.unlinked_fields.append(unlinked)


def _unmarked(key: str) -> str:
    """A key without the bold or italic marks around it."""
    for mark in ("**", "__", "*", "_"):
        if key.startswith(mark) and key.endswith(mark) and len(key) > 2 * len(mark):
            return key[len(mark) : -len(mark)]
    return key


class _ArrowItem(NamedTuple):
    """What a `→ LINK (type) - annotation` line says, apart from where it stands."""

    link: LinkTarget
    outgoing: bool
    annotation: str | None
    type_hint: str | None


# Cached by the line's text: a garden writes the same item (a hub, its type, no annotation)
# in note after note (two lines in three repeat one seen before, in seed-era as in the
# synthetic gardens), and reading one is most of the cost of parsing a list. Sized for a
# large garden: the synthetic 100,000-note one has 421,126 different item lines among 1.65
# million. With room for 32,768 (and 65,536 links), 847,018 lines were read anew and one
# core parsed the garden in 38 s; with 262,144 (and 131,072), 502,950 and 32 s, for a peak
# 97 MB higher (forget_lines() lets go of it once the garden is read).
@functools.lru_cache(maxsize=1 << 18)
def _arrow_item(line: str) -> _ArrowItem | None:
    template = make_template(line)
    m = _ARROW_ITEM.match(template.text)
    if not m:
        return None
    link = template.links_in(m.group("link"))[0]
    if link is None:
        return None
    annotation = template.render(m.group("annotation") or "").strip() or None
    # Interned, as the heading: a garden writes the same few type hints on every item.
    hint = sys.intern((m.group("hint") or "").strip()) or None
    return _ArrowItem(link, m.group("arrow") in ("→", "->"), annotation, hint)


# Cached: the notes of a garden share a few headings (`Relationships`, then one per
# relationship type), and reading one as a template costs as much as reading a list item.
@functools.lru_cache(maxsize=1 << 12)
def _heading_title(inner: str) -> str:
    """A heading's text as a reader sees it, links by their text; interned, as it names a type."""
    template = make_template(inner)
    return sys.intern(template.render(template.text).strip())


# Edges repeat their blocks word for word (`source: PrimeKG`, the day of an import): a block
# read before gives the same dict, shared by its statements, which is why nothing may change
# a statement's properties. (In seed-era, 12,854 blocks hold 3,080 different mappings.)
_block_mapping = functools.lru_cache(maxsize=1 << 14)(load_simple_mapping)


def forget_lines() -> None:
    """Let go of the lines, links and blocks remembered for notes that repeat them: once a
    garden is read they only hold memory."""
    for cached in (_arrow_item, _block_mapping, _heading_title):
        cached.cache_clear()
    forget_links()


def _edge_properties(block: list[str], file: str, line: int, report: Report) -> dict[str, Any] | None:
    text = "\n".join(block)
    simple = _block_mapping(text)
    if simple is not None:
        return simple
    try:
        data = load_yaml(text)
    except YAMLError as exc:
        # The block's first line, not YAML's mark: for an unclosed bracket the mark is the block's end.
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        report.warning(
            file, line, "edge-yaml", f"the edge's YAML block is not valid YAML ({problem}); properties skipped"
        )
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        report.warning(file, line, "edge-yaml", "the edge's YAML block is not a mapping of keys; properties skipped")
        return None
    return storable_keys({str(k): v for k, v in data.items()}, file, lambda _: line, "the edge's YAML block", report)


@dataclass
class _CodeBlock:
    closer: str  # "pre" for <pre><code>, else the fence that opened it (``` or ~~~)
    language: str
    start: int  # line number of its first content line
    lines: list[str] = field(default_factory=list)

    def take(self, line: str) -> bool:
        """Take one line of a <pre> block; True when that line closes it."""
        end = _PRE_END.search(line) if "</" in line else None
        piece = line[: end.start()] if end else line
        self.lines.append(html.unescape(piece) if "&" in piece else piece)
        return end is not None

    def read(self, lines: Iterator[tuple[int, str]]) -> bool:
        """Take lines up to the one that closes the block; False when the note ends first.

        A loop of its own rather than a turn of parse_body's per line: half of a garden's
        lines are in the YAML blocks of its edges."""
        if self.closer == "pre":
            return any(self.take(line) for _, line in lines)
        closer, append = self.closer, self.lines.append
        for _, line in lines:
            if line.strip().startswith(closer):
                return True
            append(line)
        return False


def _attach_properties(body: Body, item: int | None, block: _CodeBlock, file: str, report: Report) -> None:
    if block.language == "yaml" and item is not None:
        properties = _edge_properties(block.lines, file, block.start, report)
        if properties:
            # The statement was made a line ago and nobody else has seen it yet: handing it the
            # block's dict is cheaper than copying the statement, and keeps one dict per edge,
            # not two (a 100,000-note garden has 1.5 million of them).
            object.__setattr__(body.statements[item], "properties", properties)


def parse_body(text: str, first_line: int, file: str, report: Report) -> Body:
    """All statements and unlinked fields of a note body; first_line numbers its first line."""
    body = Body()
    heading: str | None = None  # the latest h3+ heading: a list's relationship type
    pending: int | None = None  # index of the list item a following YAML block belongs to
    unclosed: _CodeBlock | None = None  # a code block the note never closes
    comment_closer: str | None = None  # "-->" or "%%" while inside a multi-line comment

    lines = enumerate(text.split("\n"), start=first_line)  # code blocks take their lines from it too
    for line_no, line in lines:
        # --- comments, which may span lines --------------------------------------------
        if comment_closer is not None:
            end_at = line.find(comment_closer)
            if end_at < 0:
                continue
            line = line[end_at + len(comment_closer) :]
            comment_closer = None
        # Cheap `in` tests first: most lines hold no comment, raw tag, fence, heading or <pre>.
        if "{%" in line:
            line = _RAW_TAGS.sub("", line)
        if "<!--" in line or "%%" in line:
            line = _COMMENT.sub("", line)
            for opener, closer in (("<!--", "-->"), ("%%", "%%")):
                at = line.find(opener)
                if at >= 0:
                    line, comment_closer = line[:at], closer
                    break

        stripped = line.strip()
        if not stripped or stripped in _BARE_LIST_SHELLS:
            continue  # as any `<ul>`, `</ul>` line below; a fifth of the lines in seed-era

        # --- code blocks: collected, never parsed ------------------------------------------
        code = None
        fence = _FENCE.match(line) if stripped[0] in "`~" else None
        if fence:
            code = _CodeBlock(fence.group(1), fence.group(2).lower(), line_no + 1)
            closed = code.read(lines)
        else:
            pre = _PRE_START.search(line) if "<p" in line or "<P" in line else None
            if pre:
                language = _LANGUAGE.search(pre.group("attrs") or "")
                code = _CodeBlock("pre", language.group(1).lower() if language else "", line_no)
                closed = code.take(line[pre.end() :]) or code.read(lines)  # it may end on this line
        if code is not None:
            if closed:
                _attach_properties(body, pending, code, file, report)
            else:
                unclosed = code
            pending = None
            continue

        # --- headings ---------------------------------------------------------------------
        h = None
        if stripped[0] == "<":
            h = _HEADING_HTML.match(line) if stripped[1:2] in "hH" else None
        elif line[0] == "#":
            h = _HEADING_MD.match(line)
        if h:
            level = int(h.group(1)) if h.group(1).isdigit() else len(h.group(1))
            title = _heading_title(h.group(2))
            if body.first_heading is None and title:
                body.first_heading, body.first_heading_line = title.strip("\"'"), line_no
            heading = title if level >= 3 else None
            pending = None
            continue

        if stripped[0] == "<" and _LIST_SHELL.match(line):
            continue  # `<ul>`, `</ul>`: a YAML block after `</ul>` still belongs to the item

        # --- statements -------------------------------------------------------------------
        has_arrow = "→" in line or "←" in line or "->" in line or "<-" in line
        if "::" not in line and not has_arrow:
            pending = None
            continue
        item = _arrow_item(line) if has_arrow and _ITEM_START.match(line) else None
        if item is not None:
            statement = Statement(
                file,
                line_no,
                heading,
                storable_link(item.link, file, line_no, report),
                outgoing=item.outgoing,
                annotation=item.annotation,
                type_hint=item.type_hint,
                form="list",
            )
            body.statements.append(statement)
            pending = len(body.statements) - 1
            continue
        pending = None
        template = make_template(line)
        if "::" in template.text:
            _inline_fields(template, stripped.startswith("|"), file, line_no, report, body)
    if unclosed is not None:
        report.warning(
            file, unclosed.start, "code-block", "a code block is never closed; the rest of the note was not read"
        )
    return body
