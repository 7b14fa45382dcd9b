"""French lists of objects and long commitment titles (a mixin of ``Simplifier``).

A list of objects after its verb (« Rendre accessibles la mairie, la salle des fêtes et
l'école avant 2028 ») becomes a lead-in (« Rendre accessibles avant 2028 : ») and one list
item per object (``list_span``; the parts carry ``ITEM_MARK`` until ``Simplifier`` reads
them). A commitment title over the checker's maximum (a list item of the letter) is cut
into a short heading and sentences (``cut_title``), with the same splits and gate as any
sentence.
"""

from __future__ import annotations

import re
from typing import Any

from .checker import count_words
from .comma_splits import QUESTION_RE, RELATIVES
from .text import clean

# Marks a part that is a list item (``_split_object_list``); ``Simplifier`` reads and removes it.
ITEM_MARK = "\ue002"
_ITEM_OPENERS = {
    "à": ("à la", "à l'", "à l’", "au", "aux"),
    "": ("le", "la", "les", "l'", "l’", "un", "une", "des", "du", "son", "sa", "ses", "leur", "leurs",
         "notre", "nos", "votre", "vos", "ce", "cet", "cette", "ces", "chaque"),
}
_COMPLEMENT_WORDS = frozenset({"de", "d'", "d’", "du", "des"})
_LIST_RE = re.compile(r",\s+|\s+(?:et|ou)\s+")
# Words that end a list's last item or stop the walk back to the first.
_STOP_ITEM = frozenset({"avant", "après", "pendant", "dans", "sur", "sous", "pour", "avec", "sans", "par", "dès",
                        "entre", "vers", "depuis", "lors", "si", "qui", "que", "dont", "où", "afin", "chaque"})
# What may follow the last item without being part of it: a time for the whole action
# (« avant la fin de 2028 », « pendant le mandat »); anything else stays with the last item.
_TIME_RE = re.compile(
    r"^(?:avant|après|pendant|dès|depuis|durant|lors|d'ici|d’ici)\b.*(?:\d|\b(?:mandat|année|an|ans|mois|semaines?|été|"
    r"hiver|printemps|automne|rentrée)\b)", re.IGNORECASE)


def list_span(text: str) -> tuple[str, list[str], str] | None:
    """(words before, items, words after) of a list of objects in ``text``: two or more noun
    phrases that open alike (all with an article, a number or a possessive, or all with « à la /
    au / aux »), joined by commas and a last « et » or « ou »: « Rendre accessibles la mairie, la
    salle des fêtes et l'école avant 2028 » -> (« Rendre accessibles », [« la mairie », « la
    salle des fêtes », « l'école »], « avant 2028 »). What follows the last item stays outside
    it only when it times the whole action (``_TIME_RE``: « avant 2028 »); the first item opens
    at the nearest article that does not follow « de » (« le budget de la ville »). None when
    there is no list."""
    words = text.split(" ")
    for join in [i for i, w in enumerate(words) if w.lower() in ("et", "ou") and 0 < i < len(words) - 1]:
        kind = _opener(words, join + 1, True)
        if kind is None or words[join - 1].endswith(","):
            continue
        end = _item_end(words, join + 1)
        starts = [join + 1]
        cut = join  # the item before the join ends here
        while True:
            start = _previous_start(words, cut, kind)
            if start is None:
                break
            starts.append(start)
            if start > 0 and words[start - 1].endswith(","):
                cut = start  # the item before ends at that comma
                continue
            break
        if len(starts) < 2 or not words[starts[-1] - 1 : starts[-1]] or starts[-1] == 0:
            continue
        bounds = sorted(starts) + [end]
        items = [" ".join(words[bounds[k] : bounds[k + 1]]).strip() for k in range(len(bounds) - 1)]
        items = [re.sub(r"(?:,|\s+(?:et|ou))$", "", item).strip() for item in items]
        if any(not item or "," in item for item in items):
            continue
        after = " ".join(words[end:])
        if after and not _TIME_RE.search(after):
            items[-1] = f"{items[-1]} {after}"  # « aux travaux dans les crèches »: the phrase may be the noun's
            after = ""
        return " ".join(words[: bounds[0]]).rstrip(","), items, after
    return None


def _opener(words: list[str], i: int, after_join: bool = False) -> str | None:
    """The kind of noun-phrase opening at ``words[i]`` (« à » or ""), or None. « des » and
    « du » open an item only after a comma or « et » (elsewhere they may be « de » + article)."""
    one = words[i].lower() if 0 <= i < len(words) else ""
    two = " ".join(words[i : i + 2]).lower()
    for kind, openers in _ITEM_OPENERS.items():
        for opener in openers:
            elided = opener.endswith(("'", "’")) and (one.startswith(opener) or two.startswith(opener))
            if one == opener or two == opener or (elided and len(one if " " not in opener else two) > len(opener)):
                if opener in ("des", "du") and not after_join:
                    return None
                return kind
    if one[:1].isdigit():
        return ""
    return None


def _item_end(words: list[str], i: int) -> int:
    """Where the last item, opening at ``words[i]``, ends: before a word of ``_STOP_ITEM``, a
    comma's next word, or at the end."""
    j = i + 1
    while j < len(words):
        if words[j - 1].endswith(",") or words[j].lower() in _STOP_ITEM:
            return j
        j += 1
    return j


def _previous_start(words: list[str], cut: int, kind: str) -> int | None:
    """Where the item ending just before ``words[cut]`` opens (same ``kind`` of opening): right
    after a comma, or else the nearest opening word not after « de ». None when a stop word or
    a comma comes first."""
    i = cut - 1
    while i >= 0:
        after_comma = i > 0 and words[i - 1].endswith(",")
        if _opener(words, i, after_comma) == kind and (i == 0 or words[i - 1].lower() not in _COMPLEMENT_WORDS):
            while i > 0 and not words[i - 1].endswith(",") and _opener(words, i - 1, after_comma) == kind:
                i -= 1  # « les 2 collèges »: the article opens it
            if kind == "" and i > 0 and words[i - 1].lower() == "à":
                return None
            return i
        if words[i].lower() in _STOP_ITEM or (i < cut - 1 and words[i].endswith(",")):
            return None
        i -= 1
    return None


class ObjectLists:
    """Needs ``parse``, ``language``, ``nlp``, ``opts``, ``simplify_text``, ``simplify_title``
    and ``_parentheticals`` (``Simplifier``)."""

    def cut_title(self, title: str) -> tuple[str, tuple[str, ...], tuple[int, ...]]:
        """A commitment's title (a list item of the letter: « Rétablir le fonds… de 2021, soit
        240 000 € par an ») -> (the heading, the sentences that follow it).

        A title within the checker's maximum is ``simplify_title``'s alone. A longer one is
        cut like a list item (``simplify_text(item=True)``): the heading keeps its first
        piece, the item's own words (« Rétablir le fonds… de 2021 »), and every other piece
        is a sentence with a conjugated verb (« C'est 240 000 € par an. ») or an object of a
        list the heading leads in (« Rendre accessibles avant 2028 : » + « La mairie. », …).
        Returns (heading, sentences, indexes of the sentences that are list items). When no
        faithful cut exists the title is kept whole.
        """
        whole = self.simplify_title(title)
        if not self.nlp.parsed or count_words(whole) <= self.opts.max_words:
            return whole, (), ()
        body, _examples = self._parentheticals(title)
        made = sorted(self.simplify_text(clean(body), split=False, item=True), key=lambda p: p.order)
        if len(made) < 2 or any(p.text.split()[:2] == made[0].text.split()[:2] for p in made[1:]):
            return whole, (), ()  # « Publier A, en version X. Publier A, en version Y. »: the item said twice
        head = made[0].text.rstrip(" .")
        rest = made[1:]
        return head[:1].upper() + head[1:], tuple(p.text for p in rest), tuple(i for i, p in enumerate(rest) if p.item)

    def _split_object_list(self, doc: Any) -> list[str] | None:
        """« Rendre accessibles A, B et C avant 2028 » -> « Rendre accessibles avant 2028 : »
        and one list item per object (``list_span``; items carry ``ITEM_MARK``). Only when the
        words before the list end on its verb (« Rendre accessibles », « nous installerons »;
        a list after « à » may follow a direct object), outside any relative clause."""
        if self.language != "fr" or QUESTION_RE.search(doc.text):
            return None
        found = list_span(self._text_of(doc))
        if found is None:
            return None
        before, items, after = found
        lead = " ".join(p for p in (before, after) if p)
        head = self.parse(before)
        if count_words(before) < 2 or not any(t.pos_ in ("VERB", "AUX") for t in head):
            return None
        if head[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PRON") or re.match(r"(?:et|ou|mais)\b", after):
            return None  # « …, dont une centaine devant A et B, et C »: the list is inside a phrase
        if any(t.lower_ in RELATIVES for t in head) or (items[0][:1] != "à" and head[-1].pos_ not in ("VERB", "ADJ", "AUX")):
            return None  # the objects must follow their verb (« Rendre accessibles A, B et C »)
        return [lead, *(ITEM_MARK + item for item in items)]
