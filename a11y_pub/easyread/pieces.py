"""A piece of a simplified sentence, and the gate every cut goes through (a mixin of
``Simplifier``): the pieces must be faithful to the letter's sentence (``verify.compare``),
keep a conjugated verb and trace back to it, or the sentence is kept whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .checker import count_words
from .negation import say_positively
from .object_lists import ITEM_MARK
from .text import clean, sentence_case


@dataclass
class Piece:
    text: str
    parent: int | None = None  # index of the sentence an example belongs to
    order: int = 0
    own: bool = False  # the letter's sentence kept whole (not cut into several)
    item: bool = False  # one object of a list cut out of a sentence (shown as a list item)


class CutGate:
    """Needs ``opts``, ``data``, ``_pieces_of``, ``_words_only``, ``_keeps_meaning`` and the
    long splits (``Simplifier``)."""

    def _made_of(self, raw: str, split: bool, item: bool) -> list[Piece]:
        """The pieces of one sentence of the letter (see ``simplify_text``), or the sentence
        whole when a piece is unfaithful. A question stays one sentence, with its « ? »."""
        cut = split or (item and count_words(raw) > self.opts.max_words)
        made = self._pieces_of(raw) if cut else [Piece(self._words_only(raw))]
        whole = [Piece(sentence_case(clean(say_positively(raw, self.data))), own=True)]
        if item and cut:
            # The first piece is the item's own (« Rétablir le fonds… »): verbless is fine.
            if len(made) < 2 or not self._keeps_meaning(made[1:], raw, traced=True) or not self._keeps_meaning(
                made[:1], raw
            ):
                made = [Piece(self._words_only(raw))]
        elif not self._keeps_meaning(made, raw, traced=len(made) > 1):
            made = self._uncut(raw, made, whole)
        if raw.rstrip().endswith("?"):
            if len(made) > 1:
                made = self._uncut(raw, made, whole)
            ending = " ?" if raw.rstrip().endswith(" ?") else "?"
            made[0].text = made[0].text.rstrip(" .?") + ending
        return made

    def _uncut(self, raw: str, made: list[Piece], whole: list[Piece]) -> list[Piece]:
        """When the cut ``made`` is refused: the sentence simplified but not cut (simpler
        words, digits), as when no cut was found; the letter's sentence (``whole``) when
        that is refused too."""
        if len(made) < 2:
            return whole
        plain = self._pieces_of(raw, split=False)
        if len(plain) == 1 and self._keeps_meaning(plain, raw):
            return plain
        return whole

    def _cut_faithful(self, parts: list[str], text: str) -> bool:
        """True when a long sentence's cut ``parts`` pass ``_keeps_meaning`` against ``text``
        (the first part may be verbless: a list item's own words); else the next split is tried."""
        pieces = [Piece(p.lstrip(ITEM_MARK), item=p.startswith(ITEM_MARK)) for p in parts]
        return self._keeps_meaning(pieces[1:], text, traced=True) and self._keeps_meaning(pieces[:1], text)

    def _long_cut(self, doc: Any, text: str) -> list[str] | None:
        """The first cut of a sentence still over the maximum whose parts the gate keeps
        (``_cut_faithful``): a refused cut lets the next kind try. None when none fits."""
        for splitter in (
            self._split_relative,
            self._split_infinitives,
            self._split_completive,
            self._split_noun_list,
            self._split_subject,
            self._split_commas,
            self._split_object_list,
        ):
            parts = splitter(doc)
            if parts and self._cut_faithful(parts, text):
                return parts
        return None
