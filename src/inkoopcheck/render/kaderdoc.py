"""The kader document (kaderdoc.Document) as Markdown or as one self-contained
HTML file: inline style, no scripts, fonts or images from elsewhere, a table of
contents, readable on a phone (viewport, one column, tables that scroll)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import cast

from inkoopcheck.fmt import clean
from inkoopcheck.kaderdoc import Block, Document, Section
from inkoopcheck.render.markdown import escape

_URL = re.compile(r"https?://[^\s)]+")


def _md_blocks(blocks: Sequence[Block]) -> list[str]:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "p":
            out += [escape(cast(str, value)), ""]
        elif kind == "ul":
            out += ["- " + escape(i) for i in cast(list[str], value)] + [""]
        else:
            headers, rows = cast(tuple[list[str], list[list[str]]], value)
            out.append("| " + " | ".join(escape(h) for h in headers) + " |")
            out.append("|" + " --- |" * len(headers))
            out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
            out.append("")
    return out


def _md_section(s: Section, level: int) -> list[str]:
    out = [f"{'#' * level} {escape(s.title)}", ""]
    out += _md_blocks(s.blocks)
    for sub in s.sub:
        out += _md_section(sub, level + 1)
    return out


def markdown(doc: Document) -> str:
    out = [f"# {escape(doc.title)}", ""]
    out += [escape(p) + "\n" for p in doc.intro]
    out += ["## Inhoud", ""]
    for s in doc.sections:
        out.append(f"- [{escape(s.title)}](#{s.id})")
    out.append("")
    for s in doc.sections:
        out += [f'<a id="{s.id}"></a>', ""]
        out += _md_section(s, 2)
    return "\n".join(out).rstrip("\n") + "\n"


def _inline(text: str) -> str:
    """Escaped text; web addresses become links (they are the sources)."""
    parts = []
    pos = 0
    for m in _URL.finditer(text):
        parts.append(html.escape(clean(text[pos : m.start()])))
        url = html.escape(m.group(0))
        parts.append(f'<a href="{url}">{url}</a>')
        pos = m.end()
    parts.append(html.escape(clean(text[pos:])))
    return "".join(parts)


def _html_blocks(blocks: Sequence[Block]) -> list[str]:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "p":
            out.append(f"<p>{_inline(cast(str, value))}</p>")
        elif kind == "ul":
            out.append("<ul>")
            out += [f"<li>{_inline(i)}</li>" for i in cast(list[str], value)]
            out.append("</ul>")
        else:
            headers, rows = cast(tuple[list[str], list[list[str]]], value)
            out.append('<div class="scroll"><table>')
            out.append("<tr>" + "".join(f"<th>{_inline(h)}</th>" for h in headers) + "</tr>")
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>")
            out.append("</table></div>")
    return out


def _html_section(s: Section, level: int) -> list[str]:
    h = min(level, 6)
    out = [f'<section id="{html.escape(s.id)}">', f"<h{h}>{_inline(s.title)}</h{h}>"]
    out += _html_blocks(s.blocks)
    for sub in s.sub:
        out += _html_section(sub, level + 1)
    out.append("</section>")
    return out


def _toc(sections: Sequence[Section], depth: int) -> list[str]:
    out = ["<ul>"]
    for s in sections:
        out.append(f'<li><a href="#{html.escape(s.id)}">{_inline(s.title)}</a>')
        if s.sub and depth > 1:
            out += _toc(s.sub, depth - 1)
        out.append("</li>")
    out.append("</ul>")
    return out


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;
margin:0 auto;max-width:46rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.35rem;border-bottom:1px solid #ccc;margin-top:2rem}
h3{font-size:1.15rem}h4{font-size:1rem}
nav{background:#f4f4f4;padding:.5rem 1rem;border-radius:.3rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.95rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
a{color:#0645ad;overflow-wrap:anywhere}
"""


def html_document(doc: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_inline(doc.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_inline(doc.title)}</h1>",
    ]
    out += [f"<p>{_inline(p)}</p>" for p in doc.intro]
    out += ['<nav aria-label="Inhoud">', "<h2>Inhoud</h2>"]
    out += _toc(doc.sections, 2)
    out.append("</nav>")
    for s in doc.sections:
        out += _html_section(s, 2)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
