"""How a section's blocks are read aloud: the written sentences of each block, in order (pure).

- paragraphs and list items: their sentences (``speech.normalize.split_sentences``);
- footnotes: read after the paragraph (or item) that calls them, « Note : … »;
  the call markers themselves (``¹``, ``[1]``) are not read;
- tables: the caption, then row by row, « Ligne 2 : Fonctionnement, 12 000 euros »;
  the header cells label the cells when that reads better (a header of short
  labels, one per column: « Poste : Fonctionnement ; Montant : 12 000 euros »;
  a header whose first cell is empty: the first column names the row);
- quotations: announced (« Citation : », « Citation de … : ») and closed
  (« Fin de la citation. »).

The words come from ``data/audio/<lang>.toml`` (``[blocks]``). What is
returned is what captions and transcripts show; each becomes one utterance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...model import Block, Inline, ListBlock, Paragraph, Quotation, Section, Table
from ...speech.normalize import split_sentences

MAX_LABEL_WORDS = 4  # header cells longer than this read worse as labels than "Row n"


def section_sentences(section: Section, lang: str, strings: Mapping[str, Any]) -> list[str]:
    """The written sentences ``section`` is read as, block by block, in order.

    ``strings`` is the ``[blocks]`` table of the letter's language.
    """
    sentences: list[str] = []
    for block in section.blocks:
        sentences += block_sentences(block, lang, strings)
    return sentences


def block_sentences(block: Block, lang: str, strings: Mapping[str, Any]) -> list[str]:
    """The written sentences of one block (see the module's description)."""
    if isinstance(block, Table):
        return _table_sentences(block, lang, strings)
    if isinstance(block, Quotation):
        opening = (strings["quote_from"].format(attribution=block.attribution) if block.attribution
                   else strings["quote"])
        inner = [s for b in block.blocks for s in block_sentences(b, lang, strings)]
        return [opening, *inner, strings["quote_end"]] if inner else []
    sentences: list[str] = []
    for inline in block.inlines if isinstance(block, (Paragraph, ListBlock)) else ():
        sentences += _inline_sentences(inline, lang, strings)
    return sentences


def _inline_sentences(inline: Inline, lang: str, strings: Mapping[str, Any]) -> list[str]:
    """A paragraph's or item's sentences, its note calls left out, then its notes."""
    text = inline.text
    for span in sorted(inline.marked("note"), key=lambda s: s.start, reverse=True):
        if _is_call_marker(text[span.start : span.end]):
            text = text[: span.start] + text[span.end :]
    sentences = split_sentences(text, lang)
    for note in inline.notes:
        first, *rest = split_sentences(note, lang) or [""]
        sentences += [strings["note"].format(note=first).strip(), *rest]
    return sentences


def _is_call_marker(marker: str) -> bool:
    """A printed note call that is not a word of the text: ``¹``, ``[1]``, ``(a)``, ``*``.

    Plain ASCII letters and digits are kept (they may be part of the sentence).
    """
    stripped = marker.strip()
    return bool(stripped) and not (stripped.isascii() and stripped.isalnum())


def _cells(row: Sequence[Inline]) -> list[str]:
    return [" ".join(cell.text.split()) for cell in row]


def _labels(table: Table) -> list[str] | None:
    """The header cells to label each column with, or None when plain rows read better."""
    if not table.header or not table.body:
        return None
    labels = _cells(table.header[-1])
    width = max(len(row) for row in table.body)
    if len(labels) != width or width < 2:
        return None
    named = labels[1:] if not labels[0] else labels
    if not all(named) or any(len(label.split()) > MAX_LABEL_WORDS for label in named):
        return None
    said = [any(len(row) > column and row[column].text.strip() for row in table.body) for column in range(width)]
    if not all(said[1:] if not labels[0] else said):
        return None  # a label said with no cell would be lost: read the header as a row instead
    return labels


def _table_sentences(table: Table, lang: str, strings: Mapping[str, Any]) -> list[str]:
    """Caption, header, then one sentence per body row (nothing left out)."""
    caption = " ".join(table.caption.split()).rstrip(" .:")
    sentences = [strings["table_caption"].format(caption=caption) if caption else strings["table"]]
    labels = _labels(table)
    headers = table.header if labels is None else table.header[:-1]
    for row in headers:
        cells = [c for c in _cells(row) if c]
        if cells:
            sentences.append(strings["columns"].format(cells=strings["cell_join"].join(cells)))
    for number, row in enumerate(table.body, start=1):
        cells = _cells(row)
        if labels is None:
            said = strings["cell_join"].join(c for c in cells if c)
            name = strings["row"].format(number=number)
        else:
            rest = list(zip(labels, cells, strict=False))
            name = strings["row"].format(number=number)
            if not labels[0]:  # a corner cell: the first column names the row
                name, rest = cells[0] or name, rest[1:]
            said = strings["label_join"].join(strings["labelled"].format(label=label, cell=cell)
                                              for label, cell in rest if cell)
        said = said.rstrip(" .;,")
        if said:  # one row, one utterance (a colon would end a sentence for split_sentences)
            sentences.append(strings["row_line"].format(name=name, cells=said))
        elif any(cells):  # only the row's name (a first column with nothing beside it)
            sentences.append(name.rstrip(" .") + ".")
    return sentences
