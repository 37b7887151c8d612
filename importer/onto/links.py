"""Links as notes write them: Obsidian `[[wiki links]]` and published `<a>` anchors.

A line is turned into a *template*: plain text in which every internal link is replaced by
a placeholder, HTML tags are dropped and entities unescaped. The field and list grammars
then work on plain text and never see markup or link syntax.
"""

from __future__ import annotations

import functools
import html
import re
import sys
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

# Placeholders use private-use code points, which are stripped from the input first,
# so a note cannot forge one.
_OPEN, _CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

_WIKI = r"(?P<embed>!?)\[\[(?P<wiki>[^\[\]\n]*)\]\]"
_ANCHOR = r"<a\s(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>"
# A Markdown link [text](path), the path plain or in <...>, maybe with a "title"; `![...](...)`
# embeds. Its text holds no bracket, so a bracketed field `[KEY:: [[X]]]` is none.
_MARKDOWN = (
    r"(?P<mdembed>!?)\[(?P<mdtext>[^\[\]\n]*)\]"
    r"\((?P<mdurl><[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)"
)
_CODE_SPAN = r"`[^`\n]*`|<code>.*?</code>"
_TOKENS = re.compile(f"{_CODE_SPAN}|{_WIKI}|{_ANCHOR}|{_MARKDOWN}", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A target with an extension other than .md names a file (an image, a PDF, a canvas), not a note.
_FILE_EXTENSION = re.compile(r"\.(?!md$)[A-Za-z0-9]{1,8}$", re.IGNORECASE)
_MD_SUFFIX = re.compile(r"\.md$", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a link points at, as written; resolve.py decides which note that is."""

    name: str  # the note name: `Target` of [[Target#h|alias]], or an anchor's text
    permalink: str | None = None  # href of a published link that the garden resolved
    heading: str | None = None
    display: str | None = None  # the text a reader sees
    # A vault path (`[[entities/organ/Brain]]`, `[x](entities/organ/Brain.md)`): a wiki or
    # Markdown link with a `/`. An anchor's text is a name, whatever it holds ("Aβ42/40 Ratio").
    path: bool = False

    @property
    def shown(self) -> str:
        return self.display or self.name

    def __reduce__(self) -> tuple[type[LinkTarget], tuple[str, str | None, str | None, str | None, bool]]:
        # As a tuple: dataclasses pickle frozen, slotted classes field by field in Python.
        return LinkTarget, (self.name, self.permalink, self.heading, self.display, self.path)


class Template(NamedTuple):
    """A line as plain text, its links replaced by placeholders. (A tuple: one is made for
    every line that may state something, hundreds of thousands in a large garden.)"""

    text: str
    links: tuple[LinkTarget | None, ...]  # None: a link with no target, such as `[[ ]]`

    def render(self, text: str) -> str:
        """`text` (a piece of this template) with its placeholders shown as link text."""

        def shown(m: re.Match[str]) -> str:
            link = self.links[int(m.group(1))]
            return link.shown if link is not None else ""

        return PLACEHOLDER.sub(shown, text)

    def links_in(self, text: str) -> list[LinkTarget | None]:
        return [self.links[int(i)] for i in PLACEHOLDER.findall(text)]


# Cached: a garden links the same few thousand notes over and over, and one shared (frozen)
# LinkTarget per way of writing a link saves a million objects in a 100,000-note garden.
# (Room for as many links as that garden's item lines hold: see body._arrow_item.)
@functools.lru_cache(maxsize=1 << 17)
def _wiki_link(inner: str) -> LinkTarget | None:
    target, _, display = inner.partition("|")
    target, _, heading = target.partition("#")
    # Obsidian escapes the pipe inside tables as `\|`; `[[Note.md]]` is the note Note.
    target = _MD_SUFFIX.sub("", target.rstrip("\\").strip())
    if not target:
        return None
    return LinkTarget(
        name=sys.intern(target),
        heading=heading.strip() or None,
        display=display.strip() or None,
        path="/" in target,
    )


def is_file(target: LinkTarget) -> bool:
    """Whether a link names a file other than a note (`![[diagram.png]]`, `[pdf](paper.pdf)`)."""
    return bool(_FILE_EXTENSION.search(target.name))


@functools.lru_cache(maxsize=1 << 14)
def _markdown_link(text: str, url: str) -> LinkTarget | None | str:
    """A LinkTarget for a link to a note of the vault (`[Brain](entities/organ/Brain.md)`, spaces
    written %20); the plain text for any other (a web address, a heading of this note)."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return text
    path, _, heading = unquote(url).partition("#")
    path = _MD_SUFFIX.sub("", path.split("?", 1)[0].strip().removeprefix("./").lstrip("/"))
    if not path:
        return text
    return LinkTarget(
        name=sys.intern(path), heading=heading.strip() or None, display=text.strip() or None, path="/" in path
    )


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text  # most text has no entity to unescape


@functools.lru_cache(maxsize=1 << 17)
def _anchor_link(attrs: str, inner_html: str) -> LinkTarget | None | str:
    """A LinkTarget for an internal link; the plain text for any other anchor."""
    values = {m.group(1).lower(): _unescape(m.group(2) or m.group(3) or "") for m in _ATTR.finditer(attrs)}
    inner = _TAG.sub("", inner_html) if "<" in inner_html else inner_html
    text = _unescape(inner).strip()
    if "&" in inner:  # an entity may spell a placeholder character
        text = _PRIVATE_USE.sub("", text)
    classes = values.get("class", "").split()
    if "internal-link" not in classes:
        return text  # an external link: its text stays in the annotation, it is no target
    href = values.get("data-href") or values.get("href") or ""
    unresolved = "is-unresolved" in classes or href.rstrip("/") in ("", "/404")
    if not text:
        return None
    # Interned: a garden names the same few thousand notes over and over.
    return LinkTarget(name=sys.intern(text), permalink=None if unresolved else sys.intern(href))


def forget_links() -> None:
    """Let go of the links remembered for lines that repeat them."""
    _wiki_link.cache_clear()
    _anchor_link.cache_clear()
    _markdown_link.cache_clear()


def _plain(piece: str) -> str:
    # Unescaping happens per piece, after placeholders exist, so `&#xe000;` cannot forge one.
    if "<" in piece:
        piece = _TAG.sub(" ", piece)
    if "&" in piece:
        piece = _PRIVATE_USE.sub("", html.unescape(piece))
    return piece


def make_template(line: str) -> Template:
    """Replace the links of one line by placeholders; drop tags and code spans."""
    links: list[LinkTarget | None] = []
    pieces: list[str] = []
    last = 0
    line = _PRIVATE_USE.sub("", line)  # placeholders are ours alone
    for m in _TOKENS.finditer(line):
        pieces.append(_plain(line[last : m.start()]))
        last = m.end()
        if m.group("wiki") is not None:
            link: LinkTarget | None | str = _wiki_link(m.group("wiki"))
            if m.group("embed") and not (isinstance(link, LinkTarget) and not is_file(link)):
                continue  # an embedded file or image: nothing is said about an entity
        elif m.group("attrs") is not None:
            link = _anchor_link(m.group("attrs"), m.group("text"))
        elif m.group("mdurl") is not None:
            link = _markdown_link(m.group("mdtext"), m.group("mdurl"))
            if isinstance(link, LinkTarget) and is_file(link):
                if m.group("mdembed"):
                    continue
                link = m.group("mdtext")  # a link to a file: its text stays, as a web link's does
        else:
            continue  # inline code: Dataview ignores fields inside it, and so do we
        if isinstance(link, str):
            pieces.append(_PRIVATE_USE.sub("", link))
            continue
        pieces.append(f"{_OPEN}{len(links)}{_CLOSE}")
        links.append(link)
    pieces.append(_plain(line[last:]))
    text = "".join(pieces)
    if "  " in text or "\t" in text or "\u00a0" in text:  # else there is no run of spaces to make one
        text = _SPACES.sub(" ", text)
    return Template(text.strip(), tuple(links))
