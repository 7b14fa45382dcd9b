"""Large print page breaks: the rules hold on letters of every shape (hypothesis)."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from a11y_pub.model import Inline, Letter, ListBlock, Paragraph, Section
from a11y_pub.options import PdfOptions
from a11y_pub.render.pdf.blocks import HEADINGS, Block, TableBlock, letter_blocks
from a11y_pub.render.pdf.fonts import Coverage, add_fonts
from a11y_pub.render.pdf.layout import KEEP_WHOLE, Layout

WORDS = "la mairie soutient les associations de prévention dans chaque quartier avec des moyens durables".split()


def _text(length: int, seed: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(length)) + "."


blocks_strategy = st.lists(
    st.one_of(
        st.integers(min_value=3, max_value=140).map(lambda n: ("p", n)),
        st.lists(st.integers(min_value=2, max_value=40), min_size=2, max_size=6).map(lambda ns: ("l", ns)),
    ),
    min_size=1,
    max_size=8,
)


def _letter(sections: list[list[tuple[str, object]]]) -> Letter:
    made = []
    for number, content in enumerate(sections, start=1):
        blocks = []
        for index, (kind, value) in enumerate(content):
            if kind == "p":
                blocks.append(Paragraph(Inline(_text(value, index))))  # type: ignore[arg-type]
            else:
                blocks.append(ListBlock(tuple(Inline(_text(n, i)) for i, n in enumerate(value))))  # type: ignore[union-attr]
        made.append(Section(f"commitment-{number}", "commitment", number=number, title=f"Engagement {number}", blocks=tuple(blocks)))
    return Letter(language="fr", sections=tuple(made), author="Élise Martin", subject="Objet")


def _paginate(letter: Letter, **opts: float) -> tuple[list, list]:
    pdf = FPDF(unit="mm", format="a4")
    add_fonts(pdf, fallback=False)
    layout = Layout(pdf, PdfOptions(**opts))  # type: ignore[arg-type]
    blocks = letter_blocks(letter, None, Coverage.from_fonts(), {})
    return blocks, layout.paginate(blocks)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks_strategy, min_size=1, max_size=4), st.sampled_from([16.0, 18.0, 24.0]))
@example(  # a first item that ends at the foot of a page, the second not fitting under it
    [[("p", 3), ("p", 57), ("p", 122), ("p", 3), ("p", 3), ("p", 18), ("l", [35, 2])]], 24.0
)
@example([[("p", 3)], [("p", 114)], [("l", [31, 2])]], 24.0)  # the same under a heading: it is not left alone either
def test_page_break_rules_hold(sections: list, size: float) -> None:
    blocks, pages = _paginate(_letter(sections), font_size=size)
    where: dict[int, list[tuple[int, int, int]]] = {}  # block -> (page, position on page, lines)
    for page_number, fragments in enumerate(pages):
        for position, fragment in enumerate(fragments):
            where.setdefault(fragment.block, []).append((page_number, position, len(fragment.lines)))
    assert sorted(where) == list(range(len(blocks))), "every block is placed"
    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            continue
        placed = where[index]
        assert sum(lines for _, _, lines in placed) == len(block.lines), "every line is placed once"
        if block.role in HEADINGS:
            page, position, _ = placed[-1]
            if index + 1 < len(blocks):
                assert position + 1 < len(pages[page]), f"heading {block.text!r} is last on its page"
            continue
        if len(block.lines) <= KEEP_WHOLE:
            assert len(placed) == 1, f"a paragraph of {len(block.lines)} lines was split"
        else:
            assert all(lines >= 2 for _, _, lines in placed), "a widow or an orphan line"
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.role == "LI"
            and isinstance(following, Block)
            and following.container == block.container
            and (index == 0 or not isinstance(blocks[index - 1], Block) or blocks[index - 1].container != block.container)
        ):
            page, position, _ = placed[-1]
            next_page = where[index + 1][0][0]
            assert next_page == page or position == 0, "the first list item is alone at the foot of a page"


def test_the_sample_letter_starts_on_page_two() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "letters" / "lettre-infantes-ekko-2026-02-23.expected.json"
    letter = Letter.from_json(path.read_text(encoding="utf-8"))
    blocks, pages = _paginate(letter)
    first_section = next(i for i, b in enumerate(blocks) if isinstance(b, Block) and b.anchor.startswith("section-"))
    page = next(n for n, fragments in enumerate(pages, start=1) if any(f.block == first_section for f in fragments))
    assert page <= 2
