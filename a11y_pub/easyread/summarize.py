"""Build an easy-to-read (FALC-inspired) summary from a ``Letter``.

The summary follows the letter's order:

1. who writes to whom, when (date written out) and about what;
2. the introduction's own sentences (the context, often with facts), then one block per commitment (its number, a plain title, then its
   sentences), or one block per paragraph section when the letter has no
   list;
3. what the author proposes next (the conclusion);
4. a glossary of every acronym and remaining hard word.

Fidelity wins over brevity. In an election the easy-read text must carry
the same content as the candidate's own: nothing added, nothing dropped.
So every clause of each commitment and of the conclusion is kept, cut into
as many short sentences as it needs; "1-3 short sentences" per commitment
is a target that short commitments meet, never a limit that drops ideas.
When no split brings a sentence under the maximum, it is kept long (the
checker then flags it, and staff can write ``<stem>.resume.md``).

It is extractive: sentences are cut from the letter's own sentences, never
written from nothing. The techniques, all deterministic and offline:
parentheticals that define an acronym are dropped after the definition goes
to the glossary; a list in brackets after a noun becomes its own sentence
(« Ces dispositifs d'accueil sont le CSAPA et le CAARUD. »); other brackets
become commas; the simplification lexicon replaces hard words and phrases;
numbers written in words become digits (text2num); spaCy's dependency parse
splits sentences at semicolons, colons between clauses, coordinated
clauses (the subject is repeated), purpose clauses (« C'est pour ... »),
leading conditions, coordinated adjectives, and, for sentences still too
long, coordinated infinitives (« C'est aussi le moyen de ... »), completive
clauses (« S. Nous le savons. »), noun complements in a list
(« Ces conditions sont A et B. ») and long subjects that name an action and
who does it (« Des associations font un suivi. Ce suivi est P. »); in French, what a
comma sets apart (« , soit N », « , dont … », a clause after « , mais », a closing « si … »
after a promise) and lists of objects, which become list items (``comma_splits``). Every
sentence keeps a conjugated verb: a split that would leave a bare noun
phrase is not made.
Each sentence keeps the id of the section it comes from.

Templates and word lists are data (``a11y_pub/data/easyread/<lang>.toml``).
"""
from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from pathlib import Path

from ..model import Letter, Paragraph, Section
from ..options import SummaryOptions
from .about import about_block
from .cache import SectionCache
from .checker import CheckOptions, Report
from .document import SCHEMA, Block, GlossaryEntry, Summary
from .glossary import make_glossary
from .lexicon import LanguageData, load_language_data
from .nlp import split_sentences
from .simplify import Simplifier
from .staff import read_staff_summary
from .verify import verify_summary

__all__ = ["SCHEMA", "Block", "GlossaryEntry", "SectionCache", "Summary", "read_staff_summary", "summarize"]

log = logging.getLogger(__name__)


def _section_block(simplifier: Simplifier, data: LanguageData, section: Section, position: int) -> Block:
    """The summary block of one body section (``position``: its rank among commitments)
    or of the conclusion (the « what comes next » block)."""
    sentences, items = simplifier.simplify_blocks(section.blocks)
    if section.kind == "conclusion":
        return Block(section.id, data.template("next"), sentences, "next", items)
    title = simplifier.simplify_title(section.title)
    if section.kind == "commitment":
        # A commitment title too long for a heading: its other pieces open the block.
        title, more, listed = simplifier.cut_title(section.title)
        sentences, items = more + sentences, listed + tuple(i + len(more) for i in items)
    if section.kind == "commitment":
        number = section.number if section.number is not None else position
        heading = data.template("commitment_heading").format(number=number, title=title).strip()
        if not title:
            heading = heading.rstrip(". ")
        return Block(section.id, heading, sentences, "commitment", items)
    return Block(section.id, title, sentences, "section", items)

def _lead_in(simplifier: Simplifier, letter: Letter) -> Block | None:
    """The introduction's sentence that opens the list of commitments (« Si je suis élue, je
    m'engage : », "If elected, we will:"), kept before the commitments: it says who commits,
    and on what condition. None when the introduction does not end with such a sentence."""
    intro = next((s for s in letter.sections if s.kind == "introduction"), None)
    if intro is None or not letter.commitments:
        return None
    lines = [line for line in intro.text.split("\n") if line.strip()]
    if not lines or not lines[-1].rstrip().endswith(":"):
        return None
    last = split_sentences(lines[-1], letter.language)[-1][1].strip()
    if letter.language != "fr":
        # English: the lead-in is cut like any sentence ("…we do not support, and we would
        # rather tell you now…:" -> two sentences), the last one opening the list.
        said = simplifier.select(simplifier.simplify_text(last.rstrip(" :"))) or [last.rstrip(" :")]
        return Block(intro.id, "", (*said[:-1], said[-1].rstrip(".") + ":"), "lead")
    pieces = simplifier.simplify_text(last.rstrip(" :"), split=False)
    return Block(intro.id, "", (" ".join(simplifier.select(pieces)).rstrip(".") + " :",), "lead")


def _intro_block(simplifier: Simplifier, letter: Letter, lead: Block | None) -> Block | None:
    """The introduction's own sentences, simplified like any section (nothing the letter says
    is dropped: the context before the commitments often carries facts), less the sentence
    that ``lead`` already gives. None when nothing is left."""
    intro = next((s for s in letter.sections if s.kind == "introduction"), None)
    if intro is None:
        return None
    blocks = list(intro.blocks)
    if lead is not None and blocks and blocks[-1].kind == "paragraph":
        lines = blocks[-1].texts[0].rstrip().split("\n")
        pieces = split_sentences(lines[-1], letter.language)
        kept = lines[-1][: pieces[-1][0]].rstrip() if pieces else ""
        text = "\n".join([*lines[:-1], kept]).strip()
        blocks[-1:] = [Paragraph(text)] if text else []
    sentences, items = simplifier.simplify_blocks(tuple(blocks))
    if not sentences:
        return None
    return Block(intro.id, "", sentences, "section", items)


def _cached_block(
    simplifier: Simplifier, data: LanguageData, section: Section, position: int, cache: SectionCache | None
) -> Block:
    """``_section_block`` through ``cache``; the simplifier's acronyms end as if it had run."""
    if cache is None:
        return _section_block(simplifier, data, section, position)
    payload = {
        "section": section.to_dict(),
        "position": position,
        "language": simplifier.language,
        "salutation": simplifier.letter.salutation,
        "acronyms": [list(pair) for pair in simplifier.acronyms.items()],
    }
    found = cache.get(payload)
    try:
        if found is not None:
            block = Block(**found["block"])
            block = Block(block.section_id, block.heading, tuple(block.sentences), block.role, tuple(block.items))
            simplifier.acronyms = {str(k): str(v) for k, v in found["acronyms"]}
            return block
    except (KeyError, TypeError, ValueError):
        pass
    block = _section_block(simplifier, data, section, position)
    value = {"block": {**block.to_dict(), "role": block.role}, "acronyms": [list(p) for p in simplifier.acronyms.items()]}
    cache.put(payload, value)
    return block


def _body_blocks(
    simplifier: Simplifier,
    data: LanguageData,
    letter: Letter,
    cache: SectionCache | None,
    on_block: Callable[[Block], None] | None,
) -> list[Block]:
    """The blocks of the letter's body (the lead-in, each body section) then the conclusion,
    each announced to ``on_block`` as soon as it is made."""
    blocks: list[Block] = []
    body_sections = [s for s in letter.sections if s.kind in ("commitment", "question", "paragraph")]
    lead = _lead_in(simplifier, letter)
    intro = _intro_block(simplifier, letter, lead)
    if intro is not None:
        blocks.append(intro)
    for section in body_sections:
        if lead is not None and section.kind == "commitment":
            blocks.append(lead)
            lead = None
        number = len([b for b in blocks if b.role == "commitment"]) + 1
        blocks.append(_cached_block(simplifier, data, section, number, cache))
        if on_block is not None:
            on_block(blocks[-1])
    for section in letter.sections:
        if section.kind == "conclusion":
            block = _cached_block(simplifier, data, section, 0, cache)
            if block.sentences:
                blocks.append(block)
                if on_block is not None:
                    on_block(blocks[-1])
    return blocks


def summarize(
    letter: Letter,
    opts: SummaryOptions | None = None,
    on_block: Callable[[Block], None] | None = None,
    cache: SectionCache | None = None,
) -> Summary:
    """Build the easy-read summary of ``letter``, or read the staff's own.

    Args:
        letter: the parsed letter.
        opts: summary options; ``summary_file`` set means the staff text
            replaces the draft (see ``read_staff_summary``).
        on_block: called with each block of the letter's body as soon as it
            is made (the opening block, made last, is not announced), so a
            listener can start on it; the returned summary is the reference.
        cache: blocks made by earlier builds (see ``SectionCache``).

    Returns:
        A ``Summary`` (deterministic for the same letter and options).

    Raises:
        LexiconError: the language data or the override lexicon is malformed.
        InputError: the staff summary file cannot be read.
        RenderError: the spaCy model is missing.
    """
    opts = opts or SummaryOptions()
    data = load_language_data(letter.language, opts.simplification_lexicon)
    if opts.summary_file is not None:
        return verified(read_staff_summary(Path(opts.summary_file), letter, data), letter, data)
    simplifier = Simplifier(letter, data, opts)
    blocks = _body_blocks(simplifier, data, letter, cache, on_block)
    first = next((s.id for s in letter.sections if s.kind == "introduction"), letter.sections[0].id)
    body_text = " ".join(s for b in blocks for s in b.sentences)
    about = about_block(letter, data, first, body_text)
    blocks.insert(0, about)
    notice = tuple(data.template("notice"))
    all_text = "\n".join([*notice, *(b.heading for b in blocks), *(s for b in blocks for s in b.sentences)])
    glossary = make_glossary(all_text, letter, data, simplifier.acronyms, opts.rare_zipf)
    headings = {
        "commitment": data.template("commitments"),
        "section": data.template("body"),
        "glossary": data.template("glossary"),
    }
    summary = Summary(
        language=letter.language,
        title=data.template("title"),
        blocks=tuple(blocks),
        glossary=glossary,
        notice=notice,
        source="draft",
        headings=headings,
    )
    return verified(summary, letter, data)


def verified(summary: Summary, letter: Letter, data: LanguageData) -> Summary:
    """``summary`` with the faithfulness verifier's verdict attached (``Summary.verification``).

    Each error is logged as a warning naming the letter (its source file stem, else its
    subject) and the sentence: an unfaithful summary must not go out unnoticed.
    """
    verification = verify_summary(summary, letter, data)
    name = letter.source or letter.subject or "the letter"
    for pair in verification.errors:
        for mismatch in pair.mismatches:
            where = pair.sentence or " ".join(pair.sources)
            log.warning("%s: UNFAITHFUL easy-read summary: %s: « %s »", name, mismatch.message, where)
    people = f"{letter.author} {letter.signature} {letter.recipient.name} {letter.recipient.organisation}"
    names = sorted({w for w in re.findall(r"[^\W\d_]+", people) if w[:1].isupper()} | {
        w for w in re.findall(r"(?<=[a-z,;] )[A-Z][^\W\d_]+", "\n".join(s.text for s in letter.sections))
    })
    return dataclasses.replace(summary, verification=verification, names=tuple(names))


def check_staff_summary(path: Path, letter: Letter, opts: CheckOptions | None = None) -> Report:
    """Check a staff-written summary (Markdown, see ``read_staff_summary``) against the
    easy-read rules and, through the verifier, against ``letter``.

    Returns:
        The checker's ``Report`` with the faithfulness findings and the verifier's report
        (``Report.faithfulness``); ``passed`` is False on any broken rule or mismatch.

    Raises:
        InputError: the summary cannot be read.
        LexiconError: the language data is malformed.
    """
    data = load_language_data(letter.language, opts.lexicon if opts else None)
    summary = verified(read_staff_summary(path, letter, data), letter, data)
    return summary.check(opts)
