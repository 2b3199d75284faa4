"""A translator's round trip: a paper's texts out to XLIFF 2.0 or PO for a CAT tool, the
translations back into the YAML with every other byte kept; the glossary out to TBX and
back.

`units` collects what a translator needs for each text, `xliff`, `po` and `tbx` write and
read the exchange formats, `splice` writes values into YAML files without touching
anything else, `importing` checks what comes back and writes it, all or nothing.
"""
