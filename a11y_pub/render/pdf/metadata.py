"""XMP metadata of the PDFs (PDF/UA-1 identification, ISO 14289-1 §5; Dublin Core title, creator, language)."""

from __future__ import annotations

__all__ = ["xmp_metadata"]


def xmp_metadata(
    *,
    title: str,
    author: str,
    subject: str,
    language: str,
    producer: str,
    creator: str,
    date_iso: str,
) -> str:
    """Return an XMP packet body (``<x:xmpmeta>``) for a PDF/UA-1 document.

    Holds ``pdfuaid:part`` 1, ``dc:title``, ``dc:creator``,
    ``dc:description``, ``dc:language``, producer, creator tool and fixed
    create/modify dates (``date_iso``, ISO 8601 with offset) so that the
    bytes are reproducible.
    """

    def esc(value: str) -> str:
        return (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
        )

    lines = [
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '  <rdf:Description rdf:about=""',
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
        "   <pdfuaid:part>1</pdfuaid:part>",
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{esc(title)}</rdf:li></rdf:Alt></dc:title>',
        f"   <dc:creator><rdf:Seq><rdf:li>{esc(author)}</rdf:li></rdf:Seq></dc:creator>",
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{esc(subject)}</rdf:li></rdf:Alt></dc:description>',
        f"   <dc:language><rdf:Bag><rdf:li>{esc(language)}</rdf:li></rdf:Bag></dc:language>",
        "   <dc:format>application/pdf</dc:format>",
        f"   <pdf:Producer>{esc(producer)}</pdf:Producer>",
        f"   <xmp:CreatorTool>{esc(creator)}</xmp:CreatorTool>",
        f"   <xmp:CreateDate>{date_iso}</xmp:CreateDate>",
        f"   <xmp:ModifyDate>{date_iso}</xmp:ModifyDate>",
        f"   <xmp:MetadataDate>{date_iso}</xmp:MetadataDate>",
        "  </rdf:Description>",
        " </rdf:RDF>",
        "</x:xmpmeta>",
    ]
    return "\n".join(lines)
