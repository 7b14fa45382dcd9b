"""Content accounting: every word of the input is in the letter model or in ``left_out``.

``account(source_text, letter) -> Accounting`` counts the words of the text
a reader extracted (``RawText.text``) and the words of the model (metadata,
salutation, closing, signature, contact lines, title, every section's
title and blocks, footnote texts) plus the words of ``letter.left_out``.

A word is a run of letters and digits, compared case-folded (titles set in
capitals are put in sentence case, so case is not content). Three things
the structure finder removes on purpose are not counted as lost:

- a word broken over two lines with a hyphen (``addic-`` / ``tions``) when
  the model has the joined word;
- the numbers of numbered sections and lists (``1.``, ``II.``), which the
  model keeps as ``Section.number`` / ``ListBlock.start``;
- the labels that introduce a field (``Objet :``, ``À l'attention de``,
  ``Q:``), listed in ``LABEL_WORDS``.

A recipient named only in the greeting (« Bonjour Madame Texier, ») has
words the salutation already holds: they are not counted as invented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Letter, ListBlock
from . import cues
from .structure.blocks import to_roman

_WORD = re.compile(r"[^\W_]+")
_HYPHEN_BREAK = re.compile(r"([^\W_]+)-\n\s*([^\W_]+)")

# Words of labels the finder strips ("Objet :", "À l'attention de", "Q :",
# "Votre question"): data, not one letter's wording.
_ORDINAL_WORDS = " ".join(w for ws in cues.ORDINALS.values() for w in ws)
LABEL_WORDS = frozenset(
    f"{_ORDINAL_WORDS} "
    "objet object subject re concerne ref réf à a l attention de du des la d destinataire to for the of attn "
    "question réponse q r answer n no n° engagement proposition priorité axe point mesure objectif "
    "from date sent envoyé cc c o finally lastly enfin "
    "proposal commitment pledge priority promise votre notre ma your our my posée response "
    "première premier deuxième troisième quatrième cinquième sixième seconde".split()
)


@dataclass(frozen=True, slots=True)
class Accounting:
    """The words of the input against the words of the model and of ``left_out``.

    ``missing``: words of the input found in neither (the lost text);
    ``extra``: words of the model that are not in the input (invented text).
    Both map a case-folded word to its count.
    """

    input_words: int
    model_words: int
    left_out_words: int
    missing: tuple[tuple[str, int], ...]
    extra: tuple[tuple[str, int], ...]

    @property
    def balanced(self) -> bool:
        """True when nothing is lost and nothing invented."""
        return not self.missing and not self.extra

    @property
    def missing_words(self) -> int:
        return sum(n for _, n in self.missing)


def words(text: str) -> Counter[str]:
    """Case-folded words of ``text``: ``Counter`` of word -> count."""
    return Counter(w.casefold() for w in _WORD.findall(text))


def model_texts(letter: Letter) -> list[str]:
    """Every text of the model that comes from the input, in no particular order.

    ``author`` and ``author_role`` are left out: they are read from the
    signature and the sender block, whose lines the model keeps
    (``signature``, ``sender_contact``); ``derived_texts`` gives them.
    """
    r = letter.recipient
    texts = [
        letter.title,
        *letter.sender_contact,
        r.civility,
        r.name,
        r.role,
        r.organisation,
        *r.address,
        letter.subject,
        letter.date_line or letter.place,
        letter.salutation,
        letter.closing,
        letter.signature,
    ]
    for section in letter.sections:
        texts.append(section.title)
        for inline in section.inlines:
            texts.append(inline.text)
            texts.extend(inline.notes)
    return texts


def derived_texts(letter: Letter) -> list[str]:
    """Texts of the model that repeat others (author and role)."""
    return [letter.author, letter.author_role]


def _numbers(letter: Letter) -> Counter[str]:
    out: Counter[str] = Counter()
    for section in letter.sections:
        if section.number is not None:
            out[str(section.number)] += 1
            out[to_roman(section.number).casefold()] += 1
        for block in section.blocks:
            if isinstance(block, ListBlock) and block.ordered:
                out.update(str(block.start + i) for i in range(len(block.items)))
    return out


def account(source_text: str, letter: Letter) -> Accounting:
    """Compare the words of ``source_text`` with those of ``letter`` and its ``left_out``.

    Args:
        source_text: the text the reader extracted (``RawText.text``), lines
            joined with ``\\n``.
        letter: the model built from it.

    Returns:
        An ``Accounting``; ``balanced`` is True when every input word is in
        the model or ``left_out`` and the model adds none.
    """
    model = Counter[str]()
    for text in model_texts(letter):
        model.update(words(text))
    left = Counter[str]()
    for item in letter.left_out:
        left.update(words(item.text))
    source = words(source_text)
    for head, tail in _HYPHEN_BREAK.findall(source_text):
        joined = (head + tail).casefold()
        if model[joined] + left[joined] > source[joined]:
            source.subtract({head.casefold(): 1, tail.casefold(): 1})
            source[joined] += 1
    source = +source
    derived = Counter[str]()
    for text in derived_texts(letter):
        derived.update(words(text))
    missing = source - model - left - derived
    for word, allowance in _numbers(letter).items():
        if missing[word]:
            missing[word] -= min(missing[word], allowance)
    for word in list(missing):
        if word in LABEL_WORDS or re.fullmatch(r"q\d{1,3}", word):
            del missing[word]
    missing = +missing
    extra = model - source
    greeting = words(letter.salutation)  # a recipient named only in the greeting repeats its words
    for word in words(" ".join((letter.recipient.civility, letter.recipient.name))):
        if extra[word] and greeting[word]:
            extra[word] -= min(extra[word], greeting[word])
    extra = +extra
    return Accounting(
        input_words=sum(source.values()),
        model_words=sum(model.values()),
        left_out_words=sum(left.values()),
        missing=tuple(sorted(missing.items())),
        extra=tuple(sorted(extra.items())),
    )
