"""The hostile corpus: what an editor, a careless colleague or an adversary may put in a
project, and what plaidoyer must answer. Each case changes a copy of tests/roots/minimal."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CLAIMS = "positions/mini-paper/claims.yaml"
PAPER = "positions/mini-paper/paper.yaml"
CASES_FILE = "positions/mini-paper/cases.yaml"
DEMANDS = "positions/mini-paper/demands.yaml"
AUDIENCE = "positions/audiences/everyone.yaml"


@dataclass(frozen=True)
class Case:
    id: str
    setup: Callable[[Path], None]
    expected: tuple[str, ...] = ()  # exact diagnostic lines of `validate` (error/warning)
    builds: bool = False  # True: build succeeds and `literal` is printed
    literal: str = ""  # words the HTML brief must print exactly
    build_error: str = ""  # what a build says, where validate cannot tell (templates)
    tags: tuple[str, ...] = field(default=())


def write(name: str, text: str | bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return setup


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for step in steps:
            step(root)
    return setup


def claim_text(text: str) -> Callable[[Path], None]:
    """The French text of the sample's claim, replaced (the figure kept in both)."""
    return replace(CLAIMS, '"L’aide s’est élevée à {oda-2013} en 2013."',
                   f'"{text} {{oda-2013}}"')


def symlink(name: str, target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target(root) if callable(target) else target)
    return setup


def outside_file(root: Path) -> Path:
    secret = root.parent / "secret.yaml"
    secret.write_text("claims:\n  - id: stolen\n    text: {fr: SECRET-OUTSIDE, en: x}\n",
                      encoding="utf-8")
    return secret


def outside_paper(root: Path) -> Path:
    folder = root.parent / "elsewhere"
    (folder).mkdir(exist_ok=True)
    (folder / "paper.yaml").write_text((root / PAPER).read_text(encoding="utf-8").replace(
        "id: mini-paper", "id: elsewhere"), encoding="utf-8")
    return folder


def fifo(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        os.mkfifo(root / name)
    return setup


def nested(depth: int) -> str:
    return "claims:\n" + "  " + "[" * depth + "]" * depth + "\n"


ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


LABELS = "templates/labels.yaml"
CSS = "templates/brief.css"
HTML = "templates/brief.html.j2"
TEMPLATES = "  cover: false\n"

CASES: list[Case] = [
    # -- YAML that would hang, explode or run code -------------------------------------
    Case("alias-bomb", write(CLAIMS, ALIAS_BOMB)),
    Case("anchor", write(CLAIMS, "claims: &x []\n")),
    Case("nesting-100", write(CLAIMS, nested(100))),
    Case("nesting-3000", write(CLAIMS, nested(3000))),
    Case("python-tag", write(CLAIMS, "claims: !!python/object/apply:os.system ['id']\n")),
    Case("custom-tag", write(CLAIMS, "claims: !include /etc/passwd\n")),
    Case("merge-key", write(CLAIMS, "base: &b {id: x}\nclaims:\n  - <<: *b\n")),
    Case("duplicate-key", write(CLAIMS, "claims: []\nclaims: []\n")),
    Case("not-utf8", write(CLAIMS, "claims:\n  - id: caf\xe9\n".encode("latin-1"))),
    Case("nul-byte", write(CLAIMS, b"claims:\n  - id: a\x00b\n")),
    Case("empty-file", write(CLAIMS, "")),
    Case("only-comments", write(CLAIMS, "# nothing\n")),
    Case("tab-indent", write(CLAIMS, "claims:\n\t- id: a\n")),
    Case("unclosed-quote", write(CLAIMS, 'claims:\n  - id: "a\n')),
    Case("unquoted-colon", write(CLAIMS, "claims:\n  - id: a\n"
                                         "    text: {fr: Il dit: non, en: b}\n")),
    Case("two-documents", write(CLAIMS, "claims: []\n---\nclaims: []\n")),
    Case("top-level-list", write(CLAIMS, "- id: a\n")),
    Case("top-level-text", write(CLAIMS, "just words\n")),
    Case("impossible-date", replace(PAPER, "start: 2015-11-30", "start: 2015-13-45")),
    Case("month-13", replace(PAPER, "end: 2015-12-12", "end: 2015-13-01")),
    Case("nan-figure", replace(CLAIMS, "value: 60.2", "value: .nan")),
    Case("inf-figure", replace(CLAIMS, "value: 60.2", "value: .inf")),
    Case("minus-inf-figure", replace(CLAIMS, "value: 60.2", "value: -.inf")),
    Case("huge-number", replace(CLAIMS, "value: 60.2", "value: 1e999")),
    Case("control-char", claim_text("Bonjour\\x01")),
    Case("escape-char", claim_text("Couleur \\e[31m")),
    Case("bidi-override", claim_text("Aide \u202eelbatius\u202c")),
    Case("bidi-isolate", claim_text("Aide \u2066x\u2069")),
    Case("huge-text", claim_text("a" * 20_001)),
    Case("huge-file", write(CLAIMS, "# " + "x" * (4 * 1024 * 1024) + "\nclaims: []\n")),
    Case("fifo", fifo("positions/mini-paper/more.yaml")),
    Case("folder-named-yaml", write("positions/other/paper.yaml/x.txt", "x")),
    Case("link-to-outside-file", symlink("positions/mini-paper/stolen.yaml", outside_file)),
    Case("link-to-system-file", symlink("positions/mini-paper/passwd.yaml", "/etc/passwd")),
    Case("linked-paper-folder", symlink("positions/elsewhere", outside_paper)),
    Case("broken-paper-link", symlink("positions/ghost/paper.yaml", "/nonexistent/paper.yaml")),
    Case("norwegian-no-key", replace(CLAIMS, "      en: \"Aid amounted", "      no: \"Hjelp\"\n"
                                      "      en: \"Aid amounted")),
    # -- ids, references, values --------------------------------------------------------
    Case("id-uppercase", replace(CLAIMS, "id: oda\n", "id: ODA\n")),
    Case("id-path", replace(CLAIMS, "id: oda\n", "id: ../../etc\n")),
    Case("unknown-key", replace(CLAIMS, "    figures:", "    sumary: x\n    figures:")),
    Case("unknown-figure", claim_text("Aide {nope}")),
    Case("language-unknown", replace(PAPER, "languages: [fr, en]", "languages: [fr, en, xx]")),
    Case("language-bad-region", replace(PAPER, "languages: [fr, en]",
                                        "languages: [fr, en, zz-ZZ]")),
    Case("source-language-undeclared", replace(PAPER, "source_language: fr",
                                               "source_language: de")),
    Case("country-unknown", replace(CASES_FILE, "country: SN", "country: XX")),
    Case("country-name", replace(CASES_FILE, "country: SN", "country: Senegal")),
    Case("unit-unknown", replace(CLAIMS, "unit: EUR", "unit: euros")),
    Case("unit-currency-unknown", replace(CLAIMS, "unit: EUR", "unit: ZZZ")),
    Case("year-3000", replace(CLAIMS, "year: 2013", "year: 3000")),
    Case("range-backwards", replace(CLAIMS, "value: 60.2", "value: 60.2\n        value_max: 10")),
    Case("decision-bad", replace(DEMANDS, "    cases: [dakar-paris]",
                                 "    cases: [dakar-paris]\n    anchors: [{decision: 1/COP21}]")),
    Case("email-bad", replace(PAPER, "  authors:", "  contact: {email: not-an-address}\n"
                              "  authors:")),
    Case("url-javascript", replace(CLAIMS, "        unsourced: true",
                                   "        sources: [{title: x, url: 'javascript:alert(1)'}]")),
    Case("url-file", replace(CLAIMS, "        unsourced: true",
                             "        sources: [{title: x, url: 'file:///etc/passwd'}]")),
    Case("event-backwards", replace(PAPER, "end: 2015-12-12", "end: 2015-01-01")),
    Case("internal-title", replace(CASES_FILE, 'title: {fr: "Dakar – Paris", en: "Dakar – Paris"}',
                                   'title: {fr: "Dakar", en: "Dakar", internal: true}')),
    Case("internal-not-bool", replace(CASES_FILE, 'summary: {fr: "Un plan climat.",',
                                      'summary: {internal: maybe, fr: "Un plan climat.",')),
    Case("han-text", claim_text("援助 金额"), builds=True, literal="援助 金额"),  # drawn
    # characters no bundled font draws (rare Han of Extension B, Tangut): a located warning
    Case("rare-script-text", claim_text("\U00020000 \U00017000")),
    # -- content that must print literally ----------------------------------------------
    Case("jinja-in-text", claim_text("Le {{ 7*7 }} et {% if x %} restent"), builds=True,
         literal="Le {{ 7*7 }} et {% if x %} restent"),
    Case("docxtpl-escape-in-text", claim_text("Le {_{ a }_} reste"), builds=True,
         literal="Le {_{ a }_} reste"),
    Case("html-in-text", claim_text("<script>alert(1)</script> & <b>"), builds=True,
         literal="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;"),
    Case("format-string-in-text", claim_text("{0.__class__} et {n.__mro__}"), builds=True,
         literal="{0.__class__} et {n.__mro__}"),
    Case("long-word", claim_text("x" * 500), builds=True, literal="x" * 500),
    Case("crlf-file", lambda root: (root / CLAIMS).write_bytes(
        (root / CLAIMS).read_bytes().replace(b"\n", b"\r\n")), builds=True,
         literal="L’aide s’est élevée à"),
    Case("bom-file", lambda root: (root / CLAIMS).write_bytes(
        b"\xef\xbb\xbf" + (root / CLAIMS).read_bytes()), builds=True,
         literal="L’aide s’est élevée à"),
    # -- labels ------------------------------------------------------------------------
    Case("label-attribute-walk", write(LABELS, "labels:\n  since: {fr: \"{year.__class__}\", "
                                       "en: \"{year}\"}\n")),
    Case("label-unknown-placeholder", write(LABELS, "labels:\n  since: {fr: \"{foo}\", "
                                            "en: \"{year}\"}\n")),
    Case("label-html", write(LABELS, "labels:\n  notes: {fr: \"<b>N</b> & 'q' \\\"x\\\"\"}\n"),
         builds=True, literal="&lt;b&gt;N&lt;/b&gt; &amp; &#39;q&#39; &#34;x&#34;"),
    Case("label-unknown-key", write(LABELS, "labels:\n  pgae: {fr: P, en: P}\n")),
    Case("labels-python-tag", write(LABELS, "labels: !!python/name:os.system\n")),
    # -- audiences and templates --------------------------------------------------------
    Case("template-parent-path", replace(AUDIENCE, TEMPLATES,
                                         TEMPLATES + "  templates: {docx: ../x.docx}\n")),
    Case("template-absolute", replace(AUDIENCE, TEMPLATES,
                                      TEMPLATES + "  templates: {css: /etc/passwd}\n")),
    Case("template-missing", replace(AUDIENCE, TEMPLATES,
                                     TEMPLATES + "  templates: {html: nope.html.j2}\n")),
    Case("template-data-docx", both(
        write("positions/evil.docx", b"PK\x03\x04 not really"),
        replace(AUDIENCE, TEMPLATES, TEMPLATES + "  templates: {docx: ../positions/evil.docx}\n"))),
    Case("css-url-https", write(CSS, "body { background: url(https://example.org/x.png); }\n")),
    Case("css-import-file", write(CSS, "@import \"/etc/passwd\";\n")),
    Case("css-url-parent", write(CSS, "body { background: url('../../secret.png'); }\n")),
    Case("kinds-typo", replace(AUDIENCE, "    - kind: outline",
                               "    - kind: demands\n      select: {kinds: [recomendation]}\n"
                               "    - kind: outline")),
    Case("roles-typo", replace(AUDIENCE, "    - kind: outline",
                               "    - kind: demands\n      select: {roles: [party]}\n"
                               "    - kind: outline")),
    Case("region-typo", replace(AUDIENCE, "    - kind: outline",
                                "    - kind: cases\n      select: {regions: [afrique]}\n"
                                "    - kind: outline")),
    Case("group-by-typo", replace(AUDIENCE, "    - kind: outline",
                                  "    - kind: demands\n      group_by: addressees\n"
                                  "    - kind: outline")),
    Case("papers-typo", replace(AUDIENCE, TEMPLATES, TEMPLATES + "  papers: [mini-papers]\n")),
    Case("duplicate-part", replace(AUDIENCE, "    - kind: outline",
                                   "    - kind: outline\n    - kind: outline")),
    Case("audience-figure", replace(AUDIENCE, TEMPLATES, TEMPLATES + "  lede: {fr: \"{oda-2013}\","
                                    " en: \"{oda-2013}\"}\n")),
    Case("internal-selected", both(
        replace(CLAIMS, "  - id: oda\n", "  - id: oda\n    internal: true\n"),
        replace(AUDIENCE, "    - kind: outline",
                "    - kind: claims\n      select: {ids: [oda]}\n    - kind: outline"))),
    Case("audience-internal-not-bool", replace(AUDIENCE, TEMPLATES,
                                               TEMPLATES + "  internal: yes please\n")),
    Case("html-template-syntax", write(HTML, "<p>{% if %}</p>\n"),
         build_error="templates/brief.html.j2:1:1: error: Expected an expression, got 'end of "
         "statement block': correct the template [template]"),
    Case("html-template-undefined", write(HTML, "<p>{{ brief.nope }}</p>\n"),
         build_error="templates/brief.html.j2: error: 'plaidoyer.model.brief.Brief object' "
         "has no attribute 'nope' [template]"),
    Case("html-template-escape", write(HTML, "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
         build_error="templates/brief.html.j2: error: access to attribute '__class__' of "
         "'str' object is unsafe. [template]"),
    Case("word-master-not-docx", write("templates/brief.docx", "not a Word document"),
         build_error="templates/brief.docx:1:1: error: not a Word document (.docx): save the "
         "master as .docx in Word or LibreOffice [templates]"),
    Case("audience-no-parts", write(AUDIENCE, "audience:\n  id: everyone\n  label: {fr: T,"
                                    " en: T}\n  parts: []\n")),
]
"""Every case of the corpus, in order."""
