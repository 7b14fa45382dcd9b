"""Put the readers' marks (bold, links, language, footnote calls) on the model's texts as spans.

Readers give each line its marks as ``(fragment, kind, value)`` in source
order. Once the sections are built, each mark is found in the first text,
in reading order, that contains its fragment at or after the previous
mark's place, looking at most ``_LOOKAHEAD`` texts ahead for bold (to the
end for links, languages and notes, whose values would be lost); a mark whose
fragment went into a title or was not found is dropped (its words are
already in the model). A footnote's text is the mark's value, so it is
kept with its call.
"""

from __future__ import annotations

from ...model import Inline, ListBlock, Paragraph, Quotation, Section, Span, Table

_LOOKAHEAD = 3


def apply_marks(sections: list[Section], marks: list[tuple[str, str, str]]) -> list[Section]:
    """Sections with the marks as spans on their texts (sections unchanged without marks)."""
    if not marks:
        return sections
    texts = [inline.text for section in sections for inline in section.inlines]
    spans: list[list[Span]] = [[] for _ in texts]
    position, start = 0, 0
    for fragment, kind, value in marks:
        # bold is looked for near the previous mark (bold words often became a title); a link, a
        # language or a note carries a value that would be lost, so it is looked for to the end
        reach = len(texts) if kind != "strong" else min(position + _LOOKAHEAD, len(texts))
        for index in range(position, reach):
            found = texts[index].find(fragment, start if index == position else 0) if fragment else -1
            if found >= 0:
                spans[index].append(Span(found, found + len(fragment), kind, value))
                position, start = index, found + len(fragment)
                break
    queue = iter(spans)
    return [_rebuild(section, queue) for section in sections]


def _inline(inline: Inline, queue) -> Inline:  # type: ignore[no-untyped-def]
    extra = next(queue)
    return Inline(inline.text, (*inline.spans, *extra)) if extra else inline


def _block(block, queue):  # type: ignore[no-untyped-def]
    if isinstance(block, Paragraph):
        return Paragraph(_inline(block.content, queue))
    if isinstance(block, ListBlock):
        return ListBlock(tuple(_inline(i, queue) for i in block.items), ordered=block.ordered, start=block.start)
    if isinstance(block, Table):
        rows = tuple(tuple(_inline(c, queue) for c in row) for row in block.rows)
        return Table(rows, header_rows=block.header_rows, caption=block.caption)
    if isinstance(block, Quotation):
        return Quotation(tuple(_block(b, queue) for b in block.blocks), attribution=block.attribution)
    return block


def _rebuild(section: Section, queue) -> Section:  # type: ignore[no-untyped-def]
    blocks = tuple(_block(b, queue) for b in section.blocks)
    return Section(section.id, section.kind, section.slug, section.number, section.title, blocks)
