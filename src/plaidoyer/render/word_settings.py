"""word/settings.xml: one setting at a time, in the order Word's schema wants.

Word refuses a document whose settings are out of schema order (ECMA-376 §17.15.1.78),
and python-docx only knows a few of them: the renderer and the master script set the rest
through `set_setting`.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.oxml.ns import qn
from lxml import etree

ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
"""The children of w:settings in schema order (w: names; m:mathPr and sl:schemaLibrary
are placed by their local name)."""
_RANK = {name: n for n, name in enumerate(ORDER)}


def set_setting(settings: etree._Element, name: str,
                attributes: Mapping[str, str] | None = None) -> etree._Element:
    """The w:`name` setting, added in its schema place if missing; `attributes` (w: names)
    replace its own."""
    element = settings.find(qn(f"w:{name}"))
    if element is None:
        element = etree.Element(qn(f"w:{name}"))
        rank = _RANK[name]
        following = next((child for child in settings
                          if _RANK.get(etree.QName(child).localname, len(ORDER)) > rank),
                         None)
        if following is None:
            settings.append(element)
        else:
            following.addprevious(element)
    for key, value in (attributes or {}).items():
        element.set(qn(f"w:{key}"), value)
    return element


def remove_setting(settings: etree._Element, name: str) -> None:
    for element in settings.findall(qn(f"w:{name}")):
        settings.remove(element)
