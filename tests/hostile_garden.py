"""A garden of hostile and broken notes, written at test time, with what each note must get.

Built at run time rather than committed, because some cases cannot live in git: a 20 MB
note, non-UTF-8 bytes, a pipe, a symlink loop, a dangling link.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Expect:
    outcome: str  # "imports", "error" (reported, not imported) or "skipped" (no entity)
    codes: tuple[str, ...] = ()  # problem codes reported for the file
    line: int | None = None  # where the error is, when the note says
    name: str | None = None  # the node's exact name, for notes that import


@dataclass
class HostileGarden:
    root: Path
    expect: dict[str, Expect] = field(default_factory=dict)

    def note(self, file: str, content: str | bytes, expect: Expect) -> None:
        path = self.root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        self.expect[file] = expect


def fm(body: str = "", **keys: str) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(keys, allow_unicode=True, sort_keys=True) + "---\n" + body


def build(root: Path) -> HostileGarden:
    g = HostileGarden(root)
    ok = Expect("imports")
    # --- frontmatter -----------------------------------------------------------------------
    g.note("fm/not-yaml.md", "---\ntype: gene\ntitle: [oops\n---\n", Expect("error", ("yaml",), 4))
    g.note("fm/not-mapping.md", "---\n- a\n- b\n---\n", Expect("error", ("frontmatter",), 2))
    g.note("fm/scalar.md", "---\njust words\n---\n", Expect("error", ("frontmatter",), 2))
    g.note("fm/unterminated.md", "---\ntype: gene\ntitle: never closed\n", Expect("error", ("frontmatter",), 1))
    g.note("fm/type-list.md", "---\ntype: [gene, protein]\n---\n", Expect("error", ("bad-type",), 2))
    g.note("fm/type-number.md", "---\ntype: 42\n---\n", Expect("error", ("bad-type",), 2))
    g.note("fm/type-map.md", "---\ntype: {a: 1}\n---\n", Expect("error", ("bad-type",), 2))
    g.note("fm/type-empty.md", "---\ntype: ''\n---\n", Expect("skipped", ("no-type",)))
    g.note(
        "fm/type-list-of-one.md", fm(type=["gene"], title="Listed"), Expect("imports", ("type-list",), name="Listed")
    )  # type: ignore[arg-type]
    g.note("fm/type-unknown.md", fm(type="spaceship", title="Ship"), Expect("imports", ("unknown-type",), name="Ship"))
    g.note("fm/type-spaces.md", fm(type="gut microbe", title="Microbe"), Expect("imports", ("unknown-type",)))
    g.note("fm/type-symbols.md", fm(type="123 $%^ `x`", title="Symbols"), Expect("imports", ("unknown-type",)))
    g.note("fm/no-frontmatter.md", "ACTIVATES:: [[Nowhere]]\n", Expect("skipped", ("no-type",)))
    g.note("fm/empty.md", "", Expect("skipped", ("no-type",)))
    # --- bytes ----------------------------------------------------------------------------
    g.note("bytes/latin1.md", b"---\ntype: gene\n---\ncaf\xe9\n", Expect("error", ("encoding",), 4))
    g.note("bytes/binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Expect("error", ("binary",)))
    g.note(
        "bytes/bom.md",
        "\ufeff" + fm("ACTIVATES:: [[FOXO3]]\n", type="gene", title="Bom"),
        Expect("imports", name="Bom"),
    )
    g.note("bytes/crlf.md", fm("ACTIVATES:: [[FOXO3]]\n", type="gene", title="Crlf").replace("\n", "\r\n"), ok)
    big = "Filler text for a very long note. " * 40 + "\n"
    huge = fm(big * 14_000 + "ACTIVATES:: [[FOXO3]] - after twenty megabytes\n", type="gene", title="Huge")
    g.note("bytes/huge.md", huge, Expect("imports", name="Huge"))
    many = "".join(f"ACTIVATES:: [[Target {i}]]\n" for i in range(10_000))
    g.note("bytes/many.md", fm(many, type="gene", title="Many"), Expect("imports", name="Many"))
    # --- statements ------------------------------------------------------------------------
    g.note(
        "st/no-target.md",
        fm("ACTIVATES::\nINHIBITS:: nothing linked\n", type="gene"),
        Expect("imports", ("no-target",)),
    )
    g.note("st/empty-link.md", fm("ACTIVATES:: [[ ]]\n", type="gene"), Expect("imports", ("empty-link",)))
    g.note("st/nested.md", fm("ACTIVATES:: [[outer [[FOXO3]] rest]]\n", type="gene"), ok)
    g.note("st/unclosed.md", fm("ACTIVATES:: [[unclosed\n", type="gene"), Expect("imports", ("no-target",)))
    g.note(
        "st/self.md",
        fm("REGULATES:: [[Self Loop]]\n", type="gene", title="Self Loop"),
        Expect("imports", ("self-link",)),
    )
    g.note("st/case.md", fm("ACTIVATES:: [[foxo_3]], [[Foxo-3]], [[FOXO3]]\n", type="gene", title="Case"), ok)
    g.note(
        "st/lower.md",
        fm("activates:: [[FOXO3]]\nup-modulates:: [[FOXO3]]\n", type="gene"),
        Expect("imports", ("unknown-relationship",)),
    )
    g.note(
        "st/heading-digits.md",
        fm("### 9 Lives\n- → [[FOXO3]]\n", type="gene"),
        Expect("imports", ("unknown-relationship",)),
    )
    g.note(
        "st/heading-long.md",
        fm("### " + "Very long heading " * 17 + "\n- → [[FOXO3]]\n", type="gene"),
        Expect("imports", ("unknown-relationship",)),
    )
    g.note(
        "st/cypher-key.md",
        fm("DETACH DELETE n:: [[FOXO3]]\n", type="gene"),
        Expect("imports", ("unknown-relationship",)),
    )
    g.note(
        "st/bad-edge-yaml.md",
        fm("### Related\n- → [[FOXO3]]\n```yaml\nsource: [x\n```\n", type="gene"),
        Expect("imports", ("edge-yaml",)),
    )
    # --- names -----------------------------------------------------------------------------
    g.note("names/foxo3.md", fm(type="gene", title="FOXO3"), Expect("imports", name="FOXO3"))
    g.note("names/dup-a.md", fm(type="gene", title="Twin"), Expect("imports", name="Twin"))
    g.note("names/dup-b.md", fm(type="gene", title="twin"), Expect("imports", ("duplicate-name",), name="twin"))
    g.note("names/slug-a.md", fm(type="gene", slug="same", title="Slug A"), ok)
    g.note("names/slug-b.md", fm(type="gene", slug="same", title="Slug B"), Expect("imports", ("duplicate-id",)))
    hostile_names = {
        "names/quotes.md": "He said \"hi\" and 'bye'",
        "names/backticks.md": "`MATCH (n) DETACH DELETE n`",
        "names/braces.md": "{x: 1} $param // not a comment",
        "names/newline.md": "line one\nline two",
        "names/emoji.md": "🧬 DNA 🧪",
        "names/rtl.md": "هرمون النمو",
        "names/cjk.md": "胰岛素样生长因子",
    }
    for file, name in hostile_names.items():
        g.note(
            file,
            fm("RELATED_TO:: [[FOXO3]]\n", type="hormone", title=name, tags=["$x", "`y`", "{z}"]),
            Expect("imports", name=name),
        )  # type: ignore[arg-type]
    # --- what the database cannot index or name ---------------------------------------------
    # Indexed text (names, aliases, link targets) is cut to 4,000 bytes of UTF-8 with an
    # ellipsis (3 bytes) at the end; the range index behind `name` takes 8,167 bytes at most.
    g.note(
        "limits/long-heading.md",
        "---\ntype: gene\n---\n# " + "H" * 9000 + "\n",
        Expect("imports", ("too-long",), name="H" * 3997 + "…"),
    )
    g.note(
        "limits/long-accented-title.md",
        fm(type="gene", title="é" * 4200),  # 8,400 bytes: past the index's limit, though 4,200 characters
        Expect("imports", ("too-long",), name="é" * 1998 + "…"),
    )
    g.note("limits/long-title.md", fm(type="gene", title="T" * 8000), Expect("imports", ("too-long",)))
    g.note(
        "limits/long-link.md",
        fm("ACTIVATES:: [[" + "Target " * 1300 + "]]\n", type="gene", title="Long Link"),
        Expect("imports", ("too-long",), name="Long Link"),
    )
    g.note(
        "limits/long-alias.md",
        fm(type="gene", title="Long Alias", aliases=["A" * 40000]),
        Expect("imports", ("too-long",), name="Long Alias"),
    )  # type: ignore[arg-type]
    g.note("limits/long-slug.md", fm(type="gene", title="Long Slug", slug="s" * 9000), Expect("imports"))
    g.note("limits/long-type.md", fm(type="t" * 9000, title="Long Type"), Expect("imports", ("unknown-type",)))
    g.note("limits/long-key.md", "---\ntype: gene\ntitle: Long Key\n" + "k" * 70000 + ": v\n---\n", Expect("imports"))
    g.note(
        "limits/bad-keys.md",
        '---\ntype: gene\ntitle: Bad Keys\n"": empty\n"a\\0b": nul\nkept: yes\n---\n',
        Expect("imports", ("bad-key",), name="Bad Keys"),
    )
    g.note(
        "limits/bad-edge-keys.md",
        fm(
            '### ACTIVATES\n- → [[FOXO3]]\n```yaml\n"": empty\n"k\\0": nul\nkept: yes\n```\n',
            type="gene",
            title="Bad Edge Keys",
        ),
        Expect("imports", ("bad-key",), name="Bad Edge Keys"),
    )
    g.note(
        "limits/own-keys.md",
        fm(
            "### ACTIVATES\n- → [[FOXO3]]\n```yaml\ngardens: [x]\nid: 7\nsources: [y]\n```\n",
            type="gene",
            title="Own Keys",
            sources=["s"],
            gardens=["g"],
            stub="no",
        ),
        Expect("imports", name="Own Keys"),
    )  # type: ignore[arg-type]
    # --- the file system -------------------------------------------------------------------
    os.symlink("missing-target.md", root / "dangling.md")
    g.expect["dangling.md"] = Expect("error", ("unreadable",))
    (root / "loop").mkdir()
    os.symlink(root, root / "loop" / "back", target_is_directory=True)
    os.mkfifo(root / "pipe.md")
    g.expect["pipe.md"] = Expect("error", ("not-a-file",))
    return g
