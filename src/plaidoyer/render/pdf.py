"""PDF: the HTML brief typeset by WeasyPrint with CSS Paged Media and the bundled fonts.

Every PDF is tagged PDF/UA-1. A release PDF (`build --release`) is also PDF/A-3u, with
XMP metadata naming plaidoyer's version, the positions' commit, the paper, audience and
language, and the paper's YAML sources attached as associated files (AFRelationship
/Source): the archived file says itself what made it.

WeasyPrint writes one variant at a time (Kozea/WeasyPrint#2783), so the release PDF is
written as PDF/A-3u with its tags on, and the PDF/UA-1 identification is added to its XMP,
with a PDF/A extension schema declaring it and plaidoyer's own properties (PDF/A allows
no undeclared XMP property). PDF/A-3 rather than -2, as only part 3 may embed non-PDF
files; level U rather than A, as PDF/UA-1 is what claims accessibility, as in PDF/A-4."""

from __future__ import annotations

import base64
import datetime
import hashlib
import logging
import os
import shutil
import warnings
from multiprocessing.util import Finalize
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import pydyf
from weasyprint import HTML, Attachment
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from ..manifest import Provenance
from ..model.brief import Brief
from ..resources import TemplateSet
from . import RenderContext, Rendered, column_balance
from .fetch import RefusedFetch, TemplateFetcher
from .html import page

PRINT_CSS = "print.css"

ARCHIVAL_VARIANT = "pdf/a-3u"
ACCESSIBLE_VARIANT = "pdf/ua-1"

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def _typeset(brief: Brief, ctx: RenderContext, toc: bool) -> Document:
    css = "\n".join(ctx.template(name).read_text(encoding="utf-8")
                    for name in (brief.css, PRINT_CSS))
    html = page(brief, ctx, "pdf", css, toc)
    column_balance.install()  # two columns balanced in a few trials, not one a pixel
    try:
        return HTML(string=html, base_url=_base(ctx),
                    url_fetcher=TemplateFetcher(ctx.templates)).render(
                        font_config=shared_fonts(ctx.templates.folders))
    except FatalURLFetchingError as error:
        raise RefusedFetch(f"{brief.css}: {error}") from None


_FONTS: dict[tuple[Path, ...], FontConfiguration] = {}
_INHERITED: list[FontConfiguration] = []


def _after_fork() -> None:
    """A forked process makes its own configurations: one inherited from its parent
    shares the parent's fontconfig state, and fonts added to it in the child went
    missing (a PDF in DejaVu, not Noto, after the parent had drawn a diagram). The
    inherited ones are kept, unused: freeing them would remove the parent's font folder."""
    _INHERITED.extend(_FONTS.values())
    _FONTS.clear()


os.register_at_fork(after_in_child=_after_fork)


def shared_fonts(folders: tuple[Path, ...]) -> FontConfiguration:
    """One font configuration a process for a template set (the package's, for the diagram's
    picture in Word), shared by its documents.

    WeasyPrint loads every @font-face of a document into a new configuration by default:
    about 0.35 s a brief for the ten bundled faces (the Chinese ones decompressed from
    WOFF2), more than a press release's whole layout. A configuration keeps the faces it
    loaded, by their rule and URL, so the next documents find them ready; the PDFs are the
    same bytes either way (tested)."""
    config = _FONTS.get(folders)
    if config is None:
        config = _FONTS[folders] = FontConfiguration()
        # Not atexit: a build's worker processes end without running atexit handlers,
        # and left 11 MB of font files in the temporary folder each. Finalize runs in them.
        Finalize(None, _forget, args=(config,), exitpriority=0)
    return config


def load_fonts(templates: TemplateSet) -> None:
    """Load the print stylesheet's fonts into the shared configuration ahead of the first
    brief (a build's worker does it while it waits for one). Best effort: a stylesheet
    that cannot load says why when a brief is rendered."""
    ctx = RenderContext(templates)
    try:
        css = ctx.template(PRINT_CSS).read_text(encoding="utf-8")
        HTML(string=f"<style>{css}</style><p>.</p>", base_url=_base(ctx),
             url_fetcher=TemplateFetcher(templates)).render(
                 font_config=shared_fonts(templates.folders))
    except Exception:  # warming up only: the brief's own render says what is wrong
        return


def _base(ctx: RenderContext) -> str:
    """Fonts and images are named relative to the folder that serves the fonts."""
    return str(ctx.template("fonts/NotoSans-Regular.ttf").parent.parent) + "/"


def _forget(config: FontConfiguration) -> None:
    """The configuration's folder of font files goes with the process."""
    folder = getattr(config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def render(brief: Brief, ctx: RenderContext, provenance: Provenance | None = None) -> Rendered:
    """The brief as PDF/UA-1; with `provenance`, as a release PDF (PDF/A-3u and UA-1)."""
    document = _typeset(brief, ctx, toc=brief.toc)  # contents decided once, in tailor
    # Tagged, with a structure tree, language and title shown: readable by screen readers.
    # The PDF's /ID from its content, not from the clock: the same brief, the same bytes.
    content = repr(brief) + (provenance.digest() if provenance else "")
    identifier = hashlib.sha256(content.encode()).hexdigest()[:32].encode()
    if provenance is None:
        data = document.write_pdf(pdf_variant=ACCESSIBLE_VARIANT, pdf_identifier=identifier)
    else:
        data = _archival(document, brief, ctx, provenance, identifier)
    return Rendered(data, pages=len(document.pages))


def _archival(document: Document, brief: Brief, ctx: RenderContext, provenance: Provenance,
              identifier: bytes) -> bytes:
    document.metadata.generator = provenance.generator
    # Attachments are dated like the brief (never the clock) and typed by a data: URL,
    # not by the machine's MIME table, so two machines write the same bytes.
    day = datetime.datetime.fromisoformat(ctx.stamp(brief))
    fetcher = TemplateFetcher(ctx.templates)
    folder = PurePosixPath(provenance.sources[0][0]).parent if provenance.sources else None
    commit = f" at commit {provenance.commit}" if provenance.commit else ""
    attachments = [
        Attachment(url="data:application/yaml;base64," + base64.b64encode(data).decode(),
                   url_fetcher=fetcher,
                   name=str(PurePosixPath(name).relative_to(folder)) if folder else name,
                   description=f"Source of this brief: {name}{commit}",
                   created=day, modified=day, relationship="Source")
        for name, data in provenance.sources]
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile (the PDF/A output intent) and never closes it
        warnings.simplefilter("ignore", ResourceWarning)
        return document.write_pdf(
            pdf_variant=ARCHIVAL_VARIANT, pdf_tags=True, pdf_identifier=identifier,
            attachments=attachments,
            finisher=lambda _document, pdf: _finish(pdf, _provenance_xmp(brief, provenance)))


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NAMESPACES = {
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "plaidoyer": "urn:x-plaidoyer:build:1.0#",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

PROPERTIES = {
    "pdfuaid": ("PDF/UA identification", "Integer", {
        "part": "The part of ISO 14289 (PDF/UA) the file conforms to"}),
    "plaidoyer": ("plaidoyer build provenance", "Text", {
        "generator": "The plaidoyer version that built the file",
        "positionsCommit": "The git commit of the positions the file was built from",
        "paper": "The id of the position paper",
        "audience": "The id of the audience the brief is tailored for",
        "language": "The language of the brief",
    }),
}
"""The XMP properties plaidoyer adds, each declared in a PDF/A extension schema."""


def _provenance_xmp(brief: Brief, provenance: Provenance) -> list[ET.Element]:
    """rdf:Descriptions for the PDF/UA part, the provenance and their extension schemas."""
    ua = ET.Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": "",
                                               f"{{{NAMESPACES['pdfuaid']}}}part": "1"})
    ours = ET.Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    values = {"generator": provenance.generator, "positionsCommit": provenance.commit or "",
              "paper": brief.paper_id, "audience": brief.audience_id, "language": brief.lang}
    for key, value in values.items():
        ET.SubElement(ours, f"{{{NAMESPACES['plaidoyer']}}}{key}").text = value
    ext = ET.Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    bag = ET.SubElement(ET.SubElement(ext, _q("pdfaExtension", "schemas")), f"{{{RDF}}}Bag")
    for prefix, (title, value_type, properties) in PROPERTIES.items():
        schema = ET.SubElement(bag, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
        for field, text in (("schema", title), ("namespaceURI", NAMESPACES[prefix]),
                            ("prefix", prefix)):
            ET.SubElement(schema, _q("pdfaSchema", field)).text = text
        seq = ET.SubElement(ET.SubElement(schema, _q("pdfaSchema", "property")),
                            f"{{{RDF}}}Seq")
        for name, description in properties.items():
            prop = ET.SubElement(seq, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
            for field, text in (("name", name), ("valueType", value_type),
                                ("category", "internal"), ("description", description)):
                ET.SubElement(prop, _q("pdfaProperty", field)).text = text
    return [ua, ours, ext]


def _q(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


def _finish(pdf: pydyf.PDF, descriptions: list[ET.Element]) -> None:
    """Put `descriptions` inside the rdf:RDF of the XMP stream WeasyPrint wrote, and list
    each associated file once in the catalog's /AF (WeasyPrint 70 lists them twice)."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    packet = b"".join(stream.stream)
    start, end = packet.index(b"<rdf:RDF"), packet.rindex(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    rdf = ET.fromstring(packet[start:end])
    rdf.extend(descriptions)
    stream.stream = [packet[:start] + ET.tostring(rdf, encoding="utf-8") + packet[end:]]
