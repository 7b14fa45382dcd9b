"""Faithfulness verifier: does each easy-read sentence say what the letter said?

Every summary sentence (of the draft or of a staff-written summary) is traced to
its source sentence(s) in the letter: the sentence of its section (any section
for a staff summary) sharing the most content words, or two neighbouring
sentences when together they cover more. Then the pair is compared on the facts
of STANDARDS.md "Faithfulness" (read by ``facts.read_facts``):

- numbers, amounts, percentages and dates in the summary sentence must be in the
  source sentence (same value, same unit);
- named people, places and organisations likewise (an acronym and its
  expansion count as the same name);
- negations, modality (possibility, obligation, intention, conditional mood),
  conditions and the speaker (I / we) must match in the part of the source
  the summary sentence comes from: the shortest run of the source holding its
  content words, widened by three words to the left and two to the right up to
  the clause's edge (where « ne », « nous pourrions », "may" stand);
- nothing the source sentence states as a number, name, condition or negation
  may vanish from all the summary sentences traced to it; a draft sentence
  traced to nothing, or a source sentence of the draft's sections with no
  summary sentence, is an error too.

``verify_pair`` compares one pair (the unit the tests table); ``verify_summary``
traces (``tracing.py``) and compares a whole ``Summary``. Both are deterministic and offline.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Letter
from .acronyms import is_acronym, spells
from .facts import Facts, Token, capitalised_words, cue_matches, read_facts, tokens
from .lexicon import LanguageData, load_language_data
from .negation import say_positively
from .nlp import get_nlp
from .tracing import Source, content_key, header_text, keys_of, letter_sentences, stop_words, trace

KINDS: dict[str, str] = {
    "number": "a number, amount or percentage differs from the letter",
    "date": "a date differs from the letter",
    "name": "a name differs from the letter",
    "negation": "a negation was added or lost",
    "modality": "the modality differs (will / may / must / would)",
    "condition": "a condition was added or lost",
    "speaker": "the speaker differs (I / we)",
    "untraced": "no sentence of the letter says this",
    "dropped": "something the letter says is missing from the summary",
}
_LEFT, _RIGHT = 3, 2
_BOUNDARY_WORDS = frozenset({"et", "mais", "ou", "puis", "and", "but", "or", "then"})
_BOUNDARY_MARKS = frozenset(",;:()")
_COMPLEMENTISERS = frozenset({"que", "qu'", "that"})
_QUOTED_RE = re.compile(r"[«“‘\"]\s*(\w+)\s*[»”’\"]")


@dataclass(frozen=True)
class Mismatch:
    """One way a summary sentence departs from its source."""

    kind: str  # a key of KINDS
    detail: str  # what differs, in words (values as read)

    @property
    def message(self) -> str:
        return f"{KINDS[self.kind]}: {self.detail}" if self.detail else KINDS[self.kind]


@dataclass(frozen=True)
class Pair:
    """A summary sentence, the source sentence(s) it was traced to, and what differs."""

    sentence: str
    section_id: str
    sources: tuple[str, ...]
    mismatches: tuple[Mismatch, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "section_id": self.section_id,
            "sources": list(self.sources),
            "errors": [{"kind": m.kind, "message": m.message} for m in self.mismatches],
        }


@dataclass(frozen=True)
class Verification:
    """The verifier's verdict on a whole summary."""

    pairs: tuple[Pair, ...]
    dropped: tuple[Pair, ...] = ()  # source sentences whose content is missing

    @property
    def errors(self) -> tuple[Pair, ...]:
        """Every pair with at least one mismatch, the dropped ones last."""
        return tuple(p for p in self.pairs if p.mismatches) + self.dropped

    @property
    def passed(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "errors": sum(len(p.mismatches) for p in self.errors),
            "pairs": [p.to_dict() for p in self.pairs],
            "dropped": [p.to_dict() for p in self.dropped],
        }


# -- one pair -------------------------------------------------------------------



def _copied_run(summary: str, toks: list[Token], data: LanguageData) -> tuple[int, int] | None:
    """(first, last) index in ``toks`` of the run of the source that ``summary`` copies word
    for word (« …, whether I have won or not, I will. » copied whole), or None: such a run is
    the part the summary comes from, function words (« not ») included."""
    words = [t.low for t in tokens(summary, data.language) if t.text[:1].isalnum()]
    places = [i for i, t in enumerate(toks) if t.text[:1].isalnum()]
    lows = [toks[i].low for i in places]
    if len(words) < 2:
        return None
    for k in range(len(lows) - len(words) + 1):
        if lows[k : k + len(words)] == words:
            return places[k], places[k + len(words) - 1]
    return None


def _window(summary: str, source: str, data: LanguageData, wide: bool = False) -> str:
    """The part of ``source`` the summary sentence comes from (see the module docstring).

    ``wide``: widen to the left across commas to the clause's start (« Nous pourrions
    aussi, si …, soutenir »), to tell a cue the summary moved from one it added."""
    stop = stop_words(data)
    wanted = {k for k in (content_key(t, stop) for t in tokens(summary, data.language)) if k}
    toks = tokens(source, data.language)
    keys = [content_key(t, stop) for t in toks]
    present = wanted & set(keys)
    if not present:
        return source
    best: tuple[int, int] = (0, len(toks) - 1)
    for start in range(len(toks)):
        if keys[start] not in present:
            continue
        seen: set[str] = set()
        for end in range(start, len(toks)):
            if keys[end] in present:
                seen.add(keys[end])
            if seen == present:
                if end - start < best[1] - best[0]:
                    best = (start, end)
                break
    start, end = _copied_run(summary, toks, data) or best
    marks = _BOUNDARY_MARKS - {","} if wide else _BOUNDARY_MARKS
    for _ in range(_LEFT * 3 if wide else _LEFT):
        if start == 0 or toks[start - 1].text in marks or toks[start - 1].low in _BOUNDARY_WORDS:
            break
        start -= 1
    if any(t.low in _COMPLEMENTISERS for t in toks[max(0, start - 2) : start + 2]):
        # « Il n'est pas impossible que S », "I do not think that S": the main clause governs S.
        while start > 0 and toks[start - 1].text not in ".;:" and toks[start - 1].low not in _BOUNDARY_WORDS:
            start -= 1
    for _ in range(_RIGHT):
        if end + 1 >= len(toks) or toks[end + 1].text in _BOUNDARY_MARKS or toks[end + 1].low in _BOUNDARY_WORDS:
            break
        end += 1
    return "".join(t.text + ("" if t.text.endswith(("'", "’")) else " ") for t in toks[start : end + 1]).strip()


def _new_numbers_and_dates(said: Facts, whole: Facts) -> list[Mismatch]:
    """Numbers and dates ``said`` holds that ``whole`` (the source's facts) does not."""
    found: list[Mismatch] = []
    extra = sorted(n for n in said.numbers if n not in whole.numbers)
    if extra:
        found.append(Mismatch("number", ", ".join(_show_number(n) for n in extra)))
    dates = sorted(d for d in said.dates if not _date_in(d, whole.dates))
    if dates:
        found.append(Mismatch("date", ", ".join("/".join(map(str, d)) for d in dates)))
    return found


def _date_in(date: tuple[int, int, int], dates: Iterable[tuple[int, int, int]]) -> bool:
    return any(all(a == b or a == 0 for a, b in zip(date, other, strict=True)) for other in dates)


# The small words an acronym may or may not spell (« de », "of"), both languages.
_FUNCTION_WORDS = frozenset(
    "de du des d la le les l et en à au aux pour sur dans par of the and for in on to at a an".split()
)
_DEFINED_RE = re.compile(r"((?:[\w'’-]+\s+){1,8})\((\w{2,10})\)")


def acronym_definitions(text: str, function_words: frozenset[str] = _FUNCTION_WORDS) -> dict[str, str]:
    """Acronyms the text defines in brackets after their words: "Integrated Care Board (ICB)",
    « Aide sociale à l'enfance (ASE) » (``acronyms.spells``: the shortest run before the bracket)."""
    found: dict[str, str] = {}
    for match in _DEFINED_RE.finditer(text):
        acronym = match.group(2)
        if not is_acronym(acronym):  # "ICB", and mixed-case « RdR », « CdC »
            continue
        words = match.group(1).split()
        for size in range(1, len(words) + 1):
            if spells(acronym, words[-size:], function_words):
                found[acronym] = " ".join(words[-size:])
                break
    return found


def _aliases_hold(name: str, source_text: str, aliases: dict[str, str]) -> bool:
    """An acronym whose expansion is in the source (or an expansion whose acronym is)."""
    from .text import fold

    folded = fold(source_text)
    for acronym, expansion in aliases.items():
        expansion = expansion.strip().rstrip(".")  # a glossary definition: « Réduction des risques. »
        if fold(acronym) == name and expansion and fold(expansion) in folded:
            return True
        if name in fold(expansion).split() and re.search(rf"\b{re.escape(fold(acronym))}\b", folded):
            return True
    return False


def compare(
    sentence: str,
    source: str,
    data: LanguageData,
    known: frozenset[str] = frozenset(),
    aliases: dict[str, str] | None = None,
    pos: Any = None,
    ignore: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
    author: frozenset[str] = frozenset(),
) -> tuple[Mismatch, ...]:
    """What ``sentence`` (summary) says differently from ``source`` (letter).

    Args:
        sentence: one summary sentence.
        source: the letter's sentence(s) it was traced to.
        data: the language's easy-read data.
        known: folded words the letter writes with a capital (its names).
        aliases: acronym -> expansion (glossary), counted as the same name.
        pos: optional tagger for ambiguous number words (see ``facts``).
        ignore: folded names that are no facts (the salutation's « Monsieur le Président »).
        people: folded names of the author and the recipient, who may be named anywhere
            (« Marc Infantes veut » for « je souhaite »).
        author: folded words of the author's name: naming the author keeps the speaker.

    Returns:
        The mismatches, in ``KINDS`` order; empty when the pair agrees.
    """
    sentence, source = say_positively(sentence, data), say_positively(source, data)
    said = read_facts(sentence, data, known, pos)
    whole = read_facts(source, data, known, pos)
    part = read_facts(_window(sentence, source, data), data, known, pos)
    wide = read_facts(_window(sentence, source, data, wide=True), data, known, pos)
    said, whole, part = (_without(f, ignore) for f in (said, whole, part))
    lowered = {t.key for t in tokens(source, data.language)}
    found = _new_numbers_and_dates(said, whole)
    aliases = {**acronym_definitions(source), **(aliases or {})}
    names = sorted(n for n in said.names - whole.names - lowered - people if not _aliases_hold(n, source, aliases))
    if names:
        found.append(Mismatch("name", ", ".join(names)))
    window = _window(sentence, source, data)
    acting = _acting_speakers(sentence, window, data)
    if author and author & {t.key for t in tokens(sentence, data.language)}:
        acting = set()  # « Marc Infantes veut … » for « je souhaite … »: the same speaker, named
    if said.conditions == wide.conditions + 1 and 0 in cue_matches(tokens(source, data.language)[:4], data.cues("condition")):
        # « Si je suis élue, je ferai A et je soutiendrai B »: the sentence's leading condition
        # governs both promises, whatever words the summary says it with.
        wide = dataclasses.replace(wide, conditions=said.conditions)
    found += _compare_span(said, (part, wide), whole, acting)
    return tuple(found)


def _without(facts: Facts, ignore: frozenset[str]) -> Facts:
    return dataclasses.replace(facts, names=facts.names - ignore) if ignore else facts


def _show_number(number: tuple[str, str]) -> str:
    value, unit = number
    return {"%": f"{value} %", "money": f"{value} (money)", "ord": f"{value} (ordinal)"}.get(unit, value)


def _acting_speakers(sentence: str, window: str, data: LanguageData) -> set[str]:
    """First-person subjects of the window whose verb the summary sentence keeps
    (« je défendrai » -> « la mairie défendra »: the action changed hands)."""
    subjects = {"I": set(data.cues("subject_i")), "we": set(data.cues("subject_we"))}
    clitics = set(data.cues("clitics"))
    stop = stop_words(data)
    kept = keys_of(sentence, data)
    toks = tokens(window, data.language)
    found: set[str] = set()
    for i, tok in enumerate(toks):
        person = next((p for p, words in subjects.items() if tok.low in words), "")
        if not person:
            continue
        j = i + 1
        while j < len(toks) and toks[j].low in clitics:
            j += 1
        if j < len(toks) and content_key(toks[j], stop) in kept:
            found.add(person)
    return found


def _compare_span(said: Facts, spans: tuple[Facts, Facts], whole: Facts, acting: set[str]) -> list[Mismatch]:
    """Negation, modality, condition and speaker of the summary sentence against the
    source's span (``spans``: the narrow window, and the wide one that forgives a cue
    the summary took from the clause's start)."""
    part, wide = spans
    found: list[Mismatch] = []
    if said.negations not in (part.negations, wide.negations):
        found.append(Mismatch("negation", f"{part.negations} in the letter, {said.negations} in the summary"))
    lost_modality = part.modality - said.modality
    if "intention" in said.modality & part.modality:
        lost_modality -= {"possible"}  # « je souhaite que nous puissions » ~ « je veux »: the wish governs
    if lost_modality or (said.modality - wide.modality):
        letter = ", ".join(sorted(part.modality)) or "none"
        summary = ", ".join(sorted(said.modality)) or "none"
        found.append(Mismatch("modality", f"letter: {letter}; summary: {summary}"))
    if said.conditions not in (part.conditions, wide.conditions):
        found.append(Mismatch("condition", f"{part.conditions} in the letter, {said.conditions} in the summary"))
    added = said.speakers - whole.speakers
    lost = bool(acting) and not said.speakers
    if added or lost:
        letter = "/".join(sorted(part.speakers or whole.speakers)) or "none"
        summary = "/".join(sorted(said.speakers)) or "none"
        found.append(Mismatch("speaker", f"letter: {letter}; summary: {summary}"))
    return found


def verify_pair(sentence: str, source: str, language: str) -> tuple[Mismatch, ...]:
    """``compare`` with the default data of ``language`` ("fr" or "en"), the letter's names
    read from ``source`` itself, and the French tagger for ambiguous number words."""
    data = load_language_data(language)
    known = capitalised_words(source, language)
    return compare(sentence, source, data, known, pos=tagger(language))


@functools.lru_cache(maxsize=2)
def tagger(language: str) -> Callable[[str], list[tuple[str, str]]] | None:
    """text -> [(word, universal POS)] with the language's spaCy model; None without a parser."""
    nlp = get_nlp(language)
    if not nlp.parsed:
        return None
    pipeline = nlp.pipeline

    def tag(text: str) -> list[tuple[str, str]]:
        return [(t.text, t.pos_) for t in pipeline(text, disable=["parser", "ner"])]

    return tag


# -- a whole summary --------------------------------------------------------------



def verify_summary(summary: Any, letter: Letter, data: LanguageData | None = None) -> Verification:
    """Trace and compare every sentence of ``summary`` (a ``Summary``) against ``letter``.

    The opening block (who writes to whom, when) is compared with the letter's
    header, and its « "nous" veut dire … » line with the pronouns the letter
    uses. A draft's sentences are looked for in their own section; a staff
    summary's anywhere in the letter.

    Returns:
        A ``Verification``; ``passed`` is False on any mismatch.
    """
    data = data or load_language_data(letter.language)
    sources = letter_sentences(letter, data)
    body = "\n".join(s.text for s in sources)
    people = " ".join([letter.author, letter.signature, letter.recipient.name])
    known = capitalised_words(body + ". " + header_text(letter), letter.language) | capitalised_words(
        "x " + people, letter.language
    )
    aliases = {g.term: g.definition for g in summary.glossary}
    speaker = frozenset(keys_of(f"{letter.author} {letter.signature}", data))
    author = frozenset(t.key for t in tokens(f"{letter.author} {letter.signature}", letter.language))
    people = frozenset(
        t.key for t in tokens(f"{letter.author} {letter.signature} {letter.recipient.name}", letter.language)
    )
    ignore = frozenset(t.key for t in tokens(f"{letter.salutation} {letter.closing}", letter.language))
    pos = tagger(letter.language)
    draft = summary.source == "draft"
    letter_facts = (
        read_facts(header_text(letter) + ". " + body, data, known, pos),
        read_facts(body, data, known, pos),
        frozenset(t.key for t in tokens(header_text(letter), letter.language)),
    )
    pairs: list[Pair] = []
    traced: dict[int, list[str]] = {}
    for block in summary.blocks:
        for sentence in block.sentences:
            if block.role == "about":
                pairs.append(_about_pair(sentence, block.section_id, letter_facts, data, known, pos))
                continue
            pool = [s for s in sources if s.section_id == block.section_id] if draft else sources
            found, score = trace(sentence, pool or sources, data, speaker)
            if not found or score < 0.5:
                pairs.append(Pair(sentence, block.section_id, tuple(s.text for s in found), (Mismatch("untraced", ""),)))
                continue
            source = " ".join(s.text for s in found)
            mismatches = compare(sentence, source, data, known, aliases, pos, ignore, people, author)
            pairs.append(Pair(sentence, block.section_id, tuple(s.text for s in found), mismatches))
            for s in found:
                traced.setdefault(id(s), []).append(sentence)
        _heading_says(block, sources, traced, data, speaker)
    sections = {b.section_id for b in summary.blocks if b.role not in ("about", "lead")}
    dropped = _dropped(sources, traced, data, (known, ignore), aliases, pos, draft, sections)
    return Verification(tuple(pairs), tuple(dropped))


def _heading_says(block: Any, sources: list[Source], traced: dict[int, list[str]], data: LanguageData,
                  speaker: frozenset[str]) -> None:
    """A long commitment title is cut into the heading and sentences (``Simplifier.cut_title``):
    when a sentence of ``block`` was traced to its title, the heading counts among what says it."""
    titles = [s for s in sources if s.title and s.section_id == block.section_id and id(s) in traced]
    if not block.heading or not titles:
        return
    found, score = trace(block.heading, titles, data, speaker)
    for source in found if score >= 0.5 else []:
        traced[id(source)].append(block.heading)


def _about_pair(
    sentence: str,
    section_id: str,
    letter_facts: tuple[Facts, Facts, frozenset[str]],
    data: LanguageData,
    known: frozenset[str],
    pos: Any,
) -> Pair:
    """An opening-block sentence against the letter's header and body (``letter_facts``: the
    facts of both, of the body alone, where « nous » must be used, and the header's words:
    a subject line's capitalised words, "Allotments in Northfield", are the letter's own)."""
    whole, body_facts, header_words = letter_facts
    said = read_facts(sentence, data, known, pos)
    found = _new_numbers_and_dates(said, whole)
    names = sorted(said.names - whole.names - header_words)
    if names:
        found.append(Mismatch("name", ", ".join(names)))
    quoted = [m.group(1).lower() for m in _QUOTED_RE.finditer(sentence)]
    for word in quoted:
        person = "we" if word in data.cues("speaker_we") else "I" if word in data.cues("speaker_i") else ""
        if person and person not in body_facts.speakers:
            found.append(Mismatch("speaker", f"the letter never says « {word} »"))
    return Pair(sentence, section_id, ("(the letter's header)",), tuple(found))


def _dropped(
    sources: list[Source],
    traced: dict[int, list[str]],
    data: LanguageData,
    names: tuple[frozenset[str], frozenset[str]],
    aliases: dict[str, str],
    pos: Any,
    draft: bool,
    sections: set[str],
) -> list[Pair]:
    """Source sentences whose facts no summary sentence traced to them carries
    (``names``: the letter's known names, and the names to ignore)."""
    known, ignore = names
    out: list[Pair] = []
    for source in sources:
        said = traced.get(id(source))
        if not said:
            if draft and not source.title and source.section_id in sections and keys_of(source.text, data):
                out.append(Pair("", source.section_id, (source.text,), (Mismatch("dropped", "the whole sentence"),)))
            continue
        whole = _without(read_facts(source.text, data, known, pos), ignore)
        facts = [_without(read_facts(s, data, known, pos), ignore) for s in said]
        joined = " ".join(said)
        missing: list[str] = []
        numbers = set().union(*(f.numbers for f in facts))
        missing += [_show_number(n) for n in sorted(whole.numbers - numbers)]
        dates = set().union(*(f.dates for f in facts))
        missing += ["/".join(map(str, d)) for d in sorted(whole.dates) if not _date_in(d, dates) and not any(
            _date_in(x, [d]) for x in dates)]
        names = set().union(*(f.names for f in facts))
        defined = {**acronym_definitions(source.text), **aliases}
        missing += sorted(n for n in whole.names - names if not _aliases_hold(n, joined, defined))
        if whole.conditions and not any(f.conditions for f in facts):
            missing.append("a condition")
        if whole.negations and not any(f.negations for f in facts):
            missing.append("a negation")
        if missing:
            out.append(Pair(joined, source.section_id, (source.text,), (Mismatch("dropped", ", ".join(missing)),)))
    return out
