"""Cut the body into sections (numbered items, headings, questions, bullets) and finish them."""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import replace

from ...model import Block as ModelBlock
from ...model import Inline, ListBlock, Paragraph, Quotation, Section, Table
from .blocks import Block, Draft, marker
from .language import capitalise
from .patterns import ANSWER_LABEL, ANSWER_PREFIX, CONCLUSION, FRAME_HEADING, ORDINAL, ORDINAL_HEADING, QUESTION_LABEL, QUESTION_PREFIX
from .titles import is_question, is_title_line, slug_of, split_title, split_title_lines, unshout

log = logging.getLogger(__name__)

_ONE_SENTENCE = re.compile(r"^((?:[^.!?…;]|(?<=\d)[.](?=\d))+?)\s*[.!…;]?$")  # a dot between digits (1.5 m) ends nothing
_LABELLED_QUESTION = re.compile(r"(?i)^(?:votre question|your question|question posée|question|q)\s*(?:n[°o]\s*)?\d*\s*[.:)–-]")
_DASH_TITLE = re.compile(r"^[A-ZÀ-Ý][^–—]{2,90}\s[–—]\s\S")


def body_sections(body: list[Block], language: str) -> list[Draft]:
    """Cut the body's blocks into section drafts by the strongest structure they show."""
    body = _dash_title_lines(split_title_lines(_ordinal_headings(body), language))
    body, questions_labelled = _qa_labels(body)
    numbered = [b for b in body if b.marker == "number" and not b.quote]
    if len(numbered) >= 2 or (len(numbered) == 1 and numbered[0].number == 1 and not questions_labelled):
        return _items_sections(body, language, "number")
    grouped = _grouping_heading(body)
    if grouped is not None:
        return _items_sections(grouped, language, "bullet")
    titles = [i for i, b in enumerate(body) if is_title_line(b, body[i + 1] if i + 1 < len(body) else None)]
    if len(titles) >= 2:
        return _heading_sections(body, set(titles), language)
    questions = [b for b in body if is_question(b)]
    if len(questions) >= 2 or questions_labelled:
        return _qa_sections(body, language)
    bullets = [b for b in body if b.marker == "bullet" and not b.quote]
    if len(bullets) >= 2:
        return _items_sections(body, language, "bullet")
    log.warning("no list of commitments found: each paragraph becomes a section")
    drafts: list[Draft] = []
    for block in body:
        if not (block.marker and drafts):
            drafts.append(Draft(kind="paragraph"))
        drafts[-1].add(block)
    return drafts


def _add_to(draft: Draft, block: Block) -> None:
    """Add ``block`` to ``draft``; the first paragraph under a question loses its answer label (« Réponse : »)."""
    if draft.title.endswith("?") and not draft.parts and not block.marker and ANSWER_PREFIX.match(block.text):
        block = replace(block, text=ANSWER_PREFIX.sub("", block.text, count=1))
    draft.add(block)


def _ordinal_headings(body: list[Block]) -> list[Block]:
    """« PREMIÈRE PROPOSITION » / "First pledge" on its own line numbers the title line after it."""
    out: list[Block] = []
    pending: int | None = None
    count = 0
    for block in body:
        first = block.lines[0].text.strip()
        if not block.marker and len(block.lines) > 1 and ORDINAL_HEADING.match(first):
            count += 1  # the ordinal and the title in one block: the lines after it are the item
            rest = block.text[len(first) :].strip() if block.text.startswith(first) else block.text
            out.append(Block(lines=block.lines[1:], text=rest, marker="number", number=count))
            continue
        if not block.marker and len(block.lines) == 1 and ORDINAL_HEADING.match(block.text):
            count += 1
            pending = count
            out.append(Block(lines=block.lines, text=block.text, heading=True, lead="ordinal"))
            continue
        if pending is not None:
            out.pop()  # the ordinal's words are the number: kept as Section.number
            block = Block(lines=block.lines, text=block.text, marker="number", number=pending, heading=block.heading, lead=block.lead)
            pending = None
        out.append(block)
    return out


def _grouping_heading(body: list[Block]) -> list[Block] | None:
    """A heading over a list of two or more titled items (« ## Nos engagements » then "- **Title** : …")
    only groups them: the items are the commitments, and the heading is kept as a paragraph before them.
    None when the body has no such heading."""
    for index, block in enumerate(body):
        run = list(itertools.takewhile(lambda b: b.marker == "bullet" and not b.quote, body[index + 1 :]))
        if block.heading and not block.marker and len(run) >= 2 and all(b.lead for b in run):
            return [*body[:index], replace(block, heading=False), *body[index + 1 :]]
    return None


def _dash_title_lines(body: list[Block]) -> list[Block]:
    """A block whose every line is "Title – body" is a list of items, one per line."""
    out: list[Block] = []
    for block in body:
        lines = [ln.text.strip() for ln in block.lines]
        if not block.marker and not block.rows and len(lines) >= 2 and all(_DASH_TITLE.match(ln) for ln in lines):
            out.extend(Block(lines=[ln], text=ln.text.strip(), marker="bullet") for ln in block.lines)
        else:
            out.append(block)
    return _dash_title_runs(out)


def _dash_title_runs(body: list[Block]) -> list[Block]:
    """Two or more one-line blocks in a row, each "Title – body", are items too (one Word paragraph each)."""
    dashed = [not b.marker and not b.rows and len(b.lines) == 1 and bool(_DASH_TITLE.match(b.text)) for b in body]
    out: list[Block] = []
    for index, block in enumerate(body):
        neighbour = (index > 0 and dashed[index - 1]) or (index + 1 < len(body) and dashed[index + 1])
        out.append(replace(block, marker="bullet") if dashed[index] and neighbour else block)
    return out


def _qa_labels(body: list[Block]) -> tuple[list[Block], bool]:
    """Drop lone Q&A labels (« Votre question », "Our answer"); say whether there were any.

    A block that starts with a labelled question line and goes on with a labelled answer
    (« Votre question : … ? » / « Notre réponse : … ») is cut in two: the question, the answer.
    """
    kept = [b for b in body if not (len(b.lines) == 1 and (QUESTION_LABEL.match(b.text) or ANSWER_LABEL.match(b.text)))]
    labelled = any(QUESTION_LABEL.match(b.text) for b in body if len(b.lines) == 1)
    out: list[Block] = []
    for block in kept:
        first = block.lines[0].text.strip()
        question = _LABELLED_QUESTION.match(first) and first.endswith("?")
        if len(block.lines) > 1 and not block.marker and question and ANSWER_PREFIX.match(block.lines[1].text.strip()):
            answer = block.text[len(first) :].strip() if block.text.startswith(first) else " ".join(ln.text.strip() for ln in block.lines[1:])
            out += [Block(lines=block.lines[:1], text=first), Block(lines=block.lines[1:], text=answer)]
            labelled = True
        else:
            out.append(block)
    return out, labelled


def _items_sections(body: list[Block], language: str, marker: str) -> list[Draft]:
    intro = Draft(kind="introduction")
    frames: list[Draft] = []
    items: list[Draft] = []
    continuation = False
    trailing: list[Block] = []
    last_number = 0
    for block in body:
        is_item = block.marker == marker and not block.quote and (
            marker == "bullet" or block.number is None or block.number > last_number
        )
        last_of_ordinals = _last_ordinal(block, items, body) if not is_item and not trailing else None
        if last_of_ordinals is not None:
            block, is_item = last_of_ordinals, True
        if is_item:
            if trailing:
                for pending in trailing:
                    _add_to(items[-1], pending)
                continuation = True
                trailing = []
            last_number = block.number or last_number + 1
            items.append(_item_draft(block, language, len(items) + 1))
        elif not items and FRAME_HEADING.match(block.text) and (intro.parts or frames):
            frames.append(Draft(kind="paragraph", title=block.text.rstrip(" :")))  # "Notre vision", "Background"
        elif not items:
            _add_to(frames[-1] if frames else intro, block)
        else:
            trailing.append(block)
    conclusion = Draft(kind="conclusion")
    if trailing:
        untitled_last = not items[-1].paragraphs and any(d.paragraphs for d in items)
        split = _conclusion_start(trailing, continuation or untitled_last)
        split = min(split, _regular_body_split(items, trailing))
        if len(items) == 1 and not items[0].parts:  # a lone title-only item: the paragraph after it is its body
            split = min(_conclusion_start(trailing, True), 1)
        for pending in trailing[:split]:
            _add_to(items[-1], pending)
        for pending in trailing[split:]:
            if (pending.heading or FRAME_HEADING.match(pending.text)) and not (conclusion.title or conclusion.parts):
                conclusion.title = pending.text.rstrip(" :")  # "Un mot sur le financement"
            else:
                _add_to(conclusion, pending)
    # An item given only a title takes the paragraphs after it as its body.
    return [d for d in (intro, *frames, *items, conclusion) if d.kind == "commitment" or d.parts]


_LAST_ORDINAL = re.compile(r"(?i)^(?:finally|lastly|and finally|last but not least|enfin|et enfin|pour finir)\s*,\s*")


def _last_ordinal(block: Block, items: list[Draft], body: list[Block]) -> Block | None:
    """« Enfin, … » / "Finally, …" set like the ordinal items before it (a bold lead) is the last item:
    returned without the word, numbered after them; None otherwise."""
    spoken = _LAST_ORDINAL.match(block.text)
    ordinal_items = [b for b in body if b.marker == "number" and ORDINAL.match(b.lines[0].text)]
    if not spoken or not items or len(ordinal_items) < 2 or not (block.lead or block.heading) or block.marker or block.quote:
        return None  # (a bold lead cut off its paragraph is a heading block by now)
    if not all(b.lead for b in ordinal_items):
        return None
    lead = block.lead[spoken.end() :] if block.lead.startswith(spoken.group(0)) else block.lead
    text = capitalise(block.text[spoken.end() :])
    return replace(block, text=text, lead=capitalise(lead) if lead else "", heading=False, marker="number", number=len(items) + 1)


def _regular_body_split(items: list[Draft], trailing: list[Block]) -> int:
    """When every other item has the same number of body parts, the last takes as many: the rest concludes."""
    if len(items) < 2 or any(b.heading or b.marker or b.rows or b.quote for b in trailing):
        return len(trailing)
    counts = {len(d.parts) for d in items[:-1]}
    if len(counts) != 1:
        return len(trailing)
    return max(0, counts.pop() - len(items[-1].parts))


def _conclusion_start(trailing: list[Block], items_have_bodies_after: bool) -> int:
    """Index in ``trailing`` where the conclusion starts (len() when there is none)."""
    for index, block in enumerate(trailing):
        if CONCLUSION.match(block.text) or FRAME_HEADING.match(block.text) or (block.heading and re.match(r"(?i)conclusion", block.text)):
            return index
    return len(trailing) if items_have_bodies_after else 0


def _heading_sections(body: list[Block], titles: set[int], language: str) -> list[Draft]:
    drafts: list[Draft] = [Draft(kind="introduction")]
    number = 0
    for index, block in enumerate(body):
        if index in titles:
            kind, title = "commitment", block.text.rstrip(" :")
            inner_kind, inner_number, inner_text = marker(title)
            if re.match(r"(?i)^(introduction|préambule|preamble)\b", title):
                kind = "introduction"
            elif re.match(r"(?i)^(conclusion|en conclusion|pour conclure|in conclusion)\b", title):
                kind = "conclusion"
            if kind == "commitment":
                number = inner_number if inner_kind == "number" and inner_number else number + 1
                title = inner_text if inner_kind else title
                ordinal = ORDINAL.match(title)
                if ordinal and not inner_kind:  # "Secondly, culture for everyone" set as a heading
                    title = capitalise(title[ordinal.end() :])
            drafts.append(Draft(kind=kind, title=title.strip(), number=number if kind == "commitment" else None))
        else:
            _add_to(drafts[-1], block)
    _split_trailing_conclusion(drafts)
    return [d for d in drafts if d.kind == "commitment" or d.paragraphs or d.items]


def _split_trailing_conclusion(drafts: list[Draft]) -> None:
    """Move the closing remarks that end the last commitment ("Je reste à votre disposition.") to a conclusion.

    The remarks start at a conclusion cue, or, when every other section of the kind has the same number of
    paragraphs and nothing else, after as many paragraphs in the last one.
    """
    last = drafts[-1]
    if last.kind not in ("commitment", "question") or len(last.paragraphs) < 2:
        return
    tail = [Block(lines=[], text=p) for p in last.paragraphs[1:]]
    split = _conclusion_start(tail, items_have_bodies_after=True)
    others = [d for d in drafts[:-1] if d.kind == last.kind]
    shapes = {tuple(kind for kind, _, _ in d.parts) for d in others}
    if len(others) >= 2 and len(shapes) == 1 and set(next(iter(shapes))) == {"paragraph"}:
        # every other one has the same number of paragraphs (and nothing else): the last takes as many
        split = min(split, max(0, len(next(iter(shapes))) - 1))
    moved = last.split_after_paragraph(1 + split)
    if moved:
        count = sum(1 for kind, _, _ in moved if kind == "table")  # the moved tables' rows go with them
        tables = last.tables[len(last.tables) - count :]
        del last.tables[len(last.tables) - count :]
        drafts.append(Draft(kind="conclusion", parts=moved, tables=tables))


def _qa_sections(body: list[Block], language: str) -> list[Draft]:
    drafts: list[Draft] = [Draft(kind="introduction")]
    questions = 0
    for block in body:
        if is_question(block):
            questions += 1
            text = QUESTION_PREFIX.sub("", block.text).strip() if _LABELLED_QUESTION.match(block.text) else block.text
            question, _, answer = text.partition("?")
            mark = " ?" if language == "fr" else "?"
            drafts.append(Draft(kind="question", title=f"{question.strip()}{mark}", number=questions))
            if answer.strip():
                drafts[-1].add_paragraph(ANSWER_PREFIX.sub("", answer.strip(), count=1))
        elif questions:
            _add_to(drafts[-1], Block(lines=block.lines, text=ANSWER_PREFIX.sub("", block.text, count=1), marker=block.marker))
        else:
            _add_to(drafts[0], block)
    _split_trailing_conclusion(drafts)
    return [d for d in drafts if d.kind in ("commitment", "question") or d.parts]


def _item_draft(block: Block, language: str, ordinal: int) -> Draft:
    title, body = split_title(block, language)
    title = title.rstrip(" :–—-")  # "Title –" when the body ran on after a dash
    ordinal_word = bool(ORDINAL.match(block.lines[0].text))
    if ordinal_word and block.lead:  # "**Thirdly, we will keep X.** Body": the bold lead is the title
        spoken = ORDINAL.match(block.text)
        after = block.text[spoken.end() :] if spoken else block.text
        lead = block.lead[ORDINAL.match(block.lead).end() :] if ORDINAL.match(block.lead) else block.lead
        if after.startswith(lead) and len(lead) < len(after):
            title, body = capitalise(lead.rstrip(" .:–—-")), after[len(lead) :].strip(" :–—-")
    if title and ordinal_word:
        spoken = ORDINAL.match(title)  # a bold line keeps its ordinal word in the title: the number says it
        title = capitalise(title[spoken.end() :] if spoken else title)  # "Deuxièmement, la culture pour tous" -> "La culture pour tous"
    if not body and title.endswith("?"):
        pass
    elif not title and ordinal_word:
        body = body or block.text  # "Premièrement, nous rouvrirons…": a sentence, not a title
    elif not title:
        body = body or block.text
        sentence = _ONE_SENTENCE.match(body)
        if sentence and len(body.split()) <= 30:
            title, body = sentence.group(1), ""  # an item that is one sentence is its own title
    draft = Draft(kind="commitment", title=title, number=block.number or ordinal)
    if body:
        draft.add_paragraph(ANSWER_PREFIX.sub("", body, count=1) if title.endswith("?") else body)
    return draft


def _titled_questions(drafts: list[Draft]) -> None:
    """Numbered or titled parts whose titles are all questions (« Question 1 – Vous engagez-vous
    … ? », "Will rents go up?") are the association's questions, each with its answer: their
    kind is ``question``, not ``commitment``."""
    titled = [d for d in drafts if d.kind == "commitment"]
    if len(titled) >= 2 and all(d.title.rstrip().endswith("?") for d in titled):
        for draft in titled:
            draft.kind = "question"


def finalise(drafts: list[Draft], language: str) -> list[Section]:
    _titled_questions(drafts)
    sections: list[Section] = []
    used_ids: set[str] = set()
    used_slugs: set[str] = set()
    counters: dict[str, int] = {}
    word = "engagement" if language == "fr" else "commitment"
    for draft in drafts:
        counters[draft.kind] = counters.get(draft.kind, 0) + 1
        ordinal = counters[draft.kind]
        if draft.kind in ("commitment", "question"):
            section_id = f"{draft.kind}-{ordinal}"
            fallback = f"{word if draft.kind == 'commitment' else 'question'}-{draft.number or ordinal}"
        elif draft.kind in ("introduction", "conclusion", "appendix"):
            section_id = draft.kind if ordinal == 1 else f"{draft.kind}-{ordinal}"
            fallback = section_id
        else:
            section_id = f"paragraph-{ordinal}"
            fallback = section_id
        draft.title = unshout(draft.title, language)
        slug = slug_of(draft.title, fallback) if draft.title and draft.kind != "introduction" else fallback
        if draft.kind in ("introduction", "conclusion") and not draft.title:
            slug = section_id
        base, suffix = slug, 2
        while slug in used_slugs:
            slug = f"{base[:55]}-{suffix}"
            suffix += 1
        used_ids.add(section_id)
        used_slugs.add(slug)
        number = draft.number if draft.kind in ("commitment", "question") else None
        sections.append(
            Section(
                id=section_id,
                kind=draft.kind,
                slug=slug,
                number=number,
                title=draft.title,
                blocks=_blocks_of(draft),
            )
        )
    return sections


def _blocks_of(draft: Draft) -> tuple[ModelBlock, ...]:
    """The draft's parts as model blocks: each run of items is one list.

    A list is ordered when every item has a number; it starts at the first.
    """
    out: list[ModelBlock] = []
    run: list[tuple[str, int | None]] = []

    def flush() -> None:
        if run:
            numbers = [n for _, n in run]
            ordered = all(n is not None for n in numbers)
            start = numbers[0] if ordered and numbers[0] is not None else 1
            out.append(ListBlock(tuple(Inline(t) for t, _ in run), ordered=ordered, start=start))
            run.clear()

    tables = iter(draft.tables)
    quoted: list[tuple[str, str, int | None]] = []

    def flush_quote() -> None:
        if quoted:
            inner = _blocks_of(Draft(kind="quotation", parts=[(k[6:], t, n) for k, t, n in quoted]))
            out.append(Quotation(inner))  # type: ignore[arg-type]
            quoted.clear()

    for kind, text, number in draft.parts:
        if kind.startswith("quote-"):
            flush()
            quoted.append((kind, text, number))
            continue
        flush_quote()
        if kind == "item":
            run.append((text, number))
        elif kind == "table":
            flush()
            rows = tuple(tuple(Inline(cell) for cell in row) for row in next(tables))
            out.append(Table(rows, header_rows=min(number or 0, len(rows))))
        else:
            flush()
            out.append(Paragraph(Inline(text)))
    flush()
    flush_quote()
    return tuple(out)
