"""`inkoopcheck kader`: the handelingskader as a document. Everything in
kader.yaml is in it; the HTML is one self-contained file with a working table
of contents (parsed with html.parser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from inkoopcheck.cli import app
from inkoopcheck.fmt import euro
from inkoopcheck.loader import load_kader

from .helpers import SHIPPED, snapshot


def _kader() -> Any:
    kader = load_kader(SHIPPED / "kader.yaml").kader
    assert kader is not None
    return kader


def test_markdown_has_every_theme_rule_threshold_and_contact(runner: Any, shipped: Path) -> None:
    result = runner.invoke(app, ["kader", "--data", str(shipped)])
    assert result.exit_code == 0, result.output
    md = result.output
    kader = _kader()
    for key, t in kader.themas.items():
        assert f"### {t.naam}\n" in md
        for eis in t.voorbeeld_eisen:
            assert eis in md
        assert kader.theme_contact(key) in md
        for g in t.grondslag:
            assert g.naam in md
    for r in kader.regels:
        assert f"### {r.naam}\n" in md
    for d in kader.drempels:
        for amount in (d.leveringen, d.diensten, d.werken, d.sociale_diensten):
            assert euro(amount) in md
        assert f"{d.vanaf} tot en met {d.tot}" in md
    assert (
        "Een aanbesteding waarin personeel wordt ingezet of ondersteund ('personeel: ja') "
        "raakt representatie en sociale veiligheid." in md
    )
    assert "Een aanbesteding met een CPV-code die begint met 48 of 72 raakt toegankelijkheid." in md
    assert "EN 301 549" in md and "Bureau Social Return" in md
    assert f"| capaciteit | {kader.triage.capaciteit} |" in md


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self.resources: list[tuple[str, str]] = []
        self.meta: list[dict[str, str | None]] = []
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        for name in ("src", "srcset", "data"):
            if name in a:
                self.resources.append((tag, name))
        if tag == "link":
            self.resources.append((tag, "href"))
        if tag == "meta":
            self.meta.append(a)
        if tag in ("h1", "h2", "h3", "h4"):
            self._in, self._text = tag, ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self.headings.append((tag, self._text))
            self._in = None


def test_html_is_self_contained_with_a_working_toc(
    runner: Any, shipped: Path, tmp_path: Path
) -> None:
    out = tmp_path / "handelingskader.html"
    result = runner.invoke(app, ["kader", "--data", str(shipped), "--output", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = _Html()
    parser.feed(page)
    parser.close()
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from elsewhere: no scripts, stylesheets, images, frames
    assert not parser.resources
    assert not parser.tags & {"script", "img", "iframe", "object", "embed", "link"}
    assert "@import" not in page and "url(" not in page
    # readable on a phone
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in parser.meta
    # every in-page link goes somewhere; the table of contents covers every section
    internal = [h[1:] for h in parser.links if h.startswith("#")]
    assert internal and set(internal) <= parser.ids
    assert all(h.startswith(("#", "https://", "http://")) for h in parser.links)
    kader = _kader()
    titles = {text for tag, text in parser.headings if tag == "h3"}
    assert {t.naam for t in kader.themas.values()} <= titles
    assert {r.naam for r in kader.regels} <= titles
    assert ("h1", kader.naam) in parser.headings


def test_data_is_escaped_in_html(runner: Any, tmp_path: Path) -> None:
    from .helpers import make_data

    text = (SHIPPED / "kader.yaml").read_text(encoding="utf-8")
    text = text.replace("naam: Representatie", "naam: Representatie <script>alert(1)</script>")
    data = make_data(tmp_path, {}, kader=text)
    result = runner.invoke(app, ["kader", "--data", str(data), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.output
    assert "Representatie &lt;script&gt;" in result.output


def test_unknown_suffix_writes_nothing(runner: Any, shipped: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["kader", "--data", str(shipped), "-o", str(tmp_path / "k.pdf")])
    assert result.exit_code == 2
    assert "kies .md (Markdown), .html (webpagina) of .htm." in result.output
    assert snapshot(tmp_path) == before
