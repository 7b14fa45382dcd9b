"""Titles of sections: title lines, a title running into its body, capitals undone, slugs."""

from __future__ import annotations

import re

from .. import cues
from ..raw import Line
from .blocks import Block, finish_block, marker
from .language import capitalise, is_upper_word, join_lines
from .patterns import TERMINAL


def is_title_line(block: Block, following: Block | None) -> bool:
    if block.rows:
        return False
    if block.heading and block.words <= 20:
        return True
    return (
        following is not None
        and not block.marker
        and len(block.lines) == 1
        and 1 <= block.words <= 12
        and block.text[-1:] not in TERMINAL
        and (block.text[:1].isupper() or block.text[:1].isdigit())
        and not following.heading
    )


def is_question(block: Block) -> bool:
    """A block that asks a question: it ends with "?" or starts with a "Question 2." label."""
    if block.rows or block.words > 60:
        return False
    return block.text.rstrip().endswith("?") or bool(re.match(r"(?i)^(question|q)\s*\d*\s*[.:)]", block.text))


def split_title_lines(body: list[Block], language: str) -> list[Block]:
    """Cut a short unpunctuated first line ("Respite Breaks") off the paragraph it heads."""
    out: list[Block] = []
    for block in body:
        lines = block.lines
        if block.lead and not block.marker and block.text.startswith(block.lead):
            body_text = capitalise(block.text[len(block.lead):].lstrip(" :–—-.").strip())
            if body_text:
                out.extend([
                    Block(lines=[Line(block.lead)], text=block.lead, heading=True),
                    Block(lines=[Line(body_text)], text=body_text),
                ])
                continue
        if block.marker or block.heading or block.rows or len(lines) < 2:
            out.append(block)
            continue
        first, second = lines[0].text.strip(), lines[1].text.strip()
        if (
            1 <= len(first.split()) <= 12
            and first[-1:] not in TERMINAL
            and first[:1].isupper()
            and second[:1].isupper()
            and len(first) < 0.6 * max(len(ln.text) for ln in lines[1:])
        ):
            head = Block(lines=[lines[0]], text=first, heading=True)
            rest = Block(lines=lines[1:])
            finish_block(rest, language)
            out.extend([head, rest])
        else:
            out.append(block)
    return out


def split_title(block: Block, language: str) -> tuple[str, str]:
    """Split an item's text into (title, body).

    In order: a bold lead; a short first line on its own; a title running
    into the body on one line (a capitalised sentence-starter after a
    content word: "… Ville-Association Nous nous engageons"); a question;
    a short first sentence or "Title : body". Otherwise no title.
    """
    text = block.text
    if block.lead and text.startswith(block.lead):
        return block.lead, text[len(block.lead):].lstrip(" :–—-.").strip()
    lines = [ln.text for ln in block.lines]
    if len(lines) > 1:
        kind, _, first = marker(lines[0])
        first = (first if kind else lines[0]).strip()
        longest = max(len(ln) for ln in lines)
        if first[-1:] not in ".,;" and lines[1][:1].isupper() and len(first) < 0.75 * longest and len(first.split()) <= 15:
            body = text[len(first):].strip() if text.startswith(first) else join_lines(lines[1:], language)
            return first.rstrip(" :"), body
    if len(lines) == 1 and text[-1:] not in ".!?;," and len(text.split()) <= 15:
        run = _run_together_split(text, language)
        if run is None:
            return text.rstrip(" :"), ""
    run = _run_together_split(text, language)
    if run is not None:
        return run
    question = re.match(r"^(.{3,300}?\?)\s+(\S.*)$", text)
    if question and len(question.group(1).split()) <= 40:
        return question.group(1), question.group(2)
    if text.endswith("?") and len(text.split()) <= 40:
        return text, ""
    colon = re.match(r"^([^.:!?]{3,90}?)\s*[:–—]\s+(\S.*)$", text)
    if colon and len(colon.group(1).split()) <= 8 and len(colon.group(2).split()) >= 4:
        return colon.group(1), capitalise(colon.group(2))
    sentence = re.match(r"^([^.!?]{3,90}?)\.\s+([A-ZÀ-Ý].*)$", text)
    if sentence and len(sentence.group(1).split()) <= 8 and not re.search(r"\b\w\.$", sentence.group(1) + "."):
        if not _looks_like_sentence(sentence.group(1), language):
            return sentence.group(1), sentence.group(2)
    return "", text


def _looks_like_sentence(text: str, language: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[0] in cues.SENTENCE_STARTERS[language]


def _run_together_split(text: str, language: str) -> tuple[str, str] | None:
    tokens = text.split()
    for index in range(1, min(len(tokens) - 1, 20)):
        token, previous = tokens[index], tokens[index - 1]
        word = re.sub(r"[^\w’'-]", "", token)
        if not word[:1].isupper() or is_upper_word(word):
            continue
        if previous[-1:] in TERMINAL or previous[-1:] in "(«\"“":
            continue
        head = re.split(r"['’]", word.lower())[0]
        if head not in cues.SENTENCE_STARTERS[language]:
            continue
        if re.sub(r"[^\w]", "", previous.lower()) in cues.FUNCTION_WORDS[language]:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following[:1].isupper() and not is_upper_word(following):
            continue
        return " ".join(tokens[:index]), " ".join(tokens[index:])
    return None


def unshout(title: str, language: str) -> str:
    """A title set in capitals for style ("LOGEMENT ET TRANSPORTS") in sentence case.

    Only when every word is in capitals and most are everyday words; words
    that are not (acronyms: CSAPA, EKKO) stay in capitals.
    """
    from wordfreq import zipf_frequency

    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", title)
    if not words or not all(w.isupper() for w in words):
        return title
    known = [w for w in words if zipf_frequency(w.lower(), language) >= 2.5 and len(w) > 1]
    if len(known) * 2 < len(words) or not any(len(w) >= 4 for w in known):
        return title
    keep = {w for w in words if w not in known}

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in keep else word.lower()

    lowered = re.sub(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", fix, title)
    return lowered[:1].upper() + lowered[1:]


def slug_of(text: str, fallback: str) -> str:
    """A file-name-safe slug of ``text`` (ASCII, lower case, at most 60 characters)."""
    from slugify import slugify

    slug = slugify(text, max_length=60, word_boundary=True, save_order=True)
    return slug or fallback
