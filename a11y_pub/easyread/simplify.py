"""Sentence surgery: a section's text -> short sentences in the letter's order.

See ``summarize``'s module docstring for the techniques. The splits live in
``splits``, ``long_splits``, ``comma_splits`` and ``object_lists``, the French noun
phrases in ``phrases``, the gate every cut goes through in ``pieces``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..model import Letter
from ..options import SummaryOptions
from .acronyms import initials_match, is_acronym
from .active import active_voice, if_elected
from .checker import CheckOptions, count_words
from .comma_splits import CommaSplits
from .english_splits import EnglishSplits
from .facts import capitalised_words, numeral_positions
from .lexicon import LanguageData
from .long_splits import LongSplits
from .negation import say_positively
from .nlp import get_nlp, split_sentences
from .object_lists import ITEM_MARK, ObjectLists
from .phrases import NounPhrases
from .pieces import CutGate, Piece
from .splits import ClauseSplits
from .text import clean, elide, lower_first, replace_words, sentence_case

log = logging.getLogger(__name__)

_ENUMERATOR_RE = re.compile(r"^(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})$")
_PAREN_RE = re.compile(r"\s*\(([^()]{1,200})\)")
# A list marker written in the text: "(a) ", "b) ", "(iv) ", "(3) ".
_MARKER_RE = re.compile(r"(?:^|(?<=;))\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+")
_ORDINAL_RE = re.compile(
    r"\b(?:\w+i[eè]mes?|premi[eè]re?s?|seconde?s?|first|second|third|\w+(?:fth|th|tieth))\b",
    re.IGNORECASE,
)


class Simplifier(ClauseSplits, NounPhrases, LongSplits, CommaSplits, ObjectLists, CutGate, EnglishSplits):
    """Turns a section's text into short sentences, recording acronym definitions."""

    def __init__(self, letter: Letter, data: LanguageData, opts: SummaryOptions) -> None:
        self.letter = letter
        self.data = data
        self.opts = opts
        self.language = letter.language
        self.nlp = get_nlp(letter.language)
        self.acronyms: dict[str, str] = {}
        self.replace = dict(data.replace)
        self.function_words = data.words("function_words")
        self.opts_rare = getattr(opts, "rare_zipf", CheckOptions.rare_zipf)
        self.known = capitalised_words("\n".join(s.text for s in letter.sections), letter.language)
        # Named entities are read by the checker only: the simplifier's many small parses skip them.
        self._skip = [name for name in ("ner",) if name in self.nlp.pipeline.pipe_names]

    def parse(self, text: str) -> Any:
        """``text`` through the language pipeline, without the components the simplifier never reads."""
        return self.nlp.pipeline(text, disable=self._skip)

    # parentheticals ----------------------------------------------------------

    def _parentheticals(self, sentence: str) -> tuple[str, list[tuple[str, str]]]:
        """Remove brackets: acronym definitions go to the glossary, lists become a sentence.

        Returns the sentence without brackets and the list sentences, each
        with the words (anchor) it should follow.
        """
        examples: list[tuple[str, str]] = []

        def handle(match: re.Match[str]) -> str:
            inside = match.group(1).strip()
            before = sentence[: match.start()]
            opening = sentence.find("(", match.start())
            if _ENUMERATOR_RE.match(inside) or (opening > 0 and not sentence[opening - 1].isspace()):
                # A list's « (a) », « (2) », or brackets glued to a word ("M4(3)"): part of the text.
                return match.group(0)
            before_words = re.findall(r"[\w’'-]+", before)
            if is_acronym(inside) and initials_match(inside, [w for w in before_words], self.function_words):
                self.acronyms.setdefault(inside, self._expansion(inside, before_words))
                return ""
            previous = before_words[-1] if before_words else ""
            if is_acronym(previous) and initials_match(previous, re.findall(r"\w+", inside), self.function_words):
                self.acronyms.setdefault(previous, inside)
                return ""
            joiner = self.data.template("or") if re.search(r"\b(?:ou|or)\b", inside) else self.data.template("and")
            items = [i.strip() for i in re.split(r",|\b(?:et|and|ou|or)\b", inside) if i.strip()]
            if len(items) >= 2:
                noun = self._noun_before(before) if self.nlp.parsed else ""
                listed = self._this(noun, [self._article(i) for i in items], joiner) if noun else None
                anchor = noun or (before_words[-1] if before_words else "")
                examples.append((listed or self.data.template("example").format(items=", ".join(items)), anchor))
                return ""
            # Not a list nor an acronym: keep the words, without the brackets.
            return ", " + inside + ","

        return _PAREN_RE.sub(handle, sentence), examples

    def _expansion(self, acronym: str, words: list[str]) -> str:
        """The words before ``(ACR)`` that it stands for (shortest run that matches)."""
        for size in range(len(acronym), min(len(words), 3 * len(acronym)) + 1):
            run = words[-size:]
            content = [w for w in run if w.lower().strip("'’") not in self.function_words]
            if not run or run[0].lower().strip("'’") in self.function_words:
                continue
            initials = "".join(w[0].lower() for w in content)
            initials_all = "".join(w[0].lower() for w in run)
            if initials == acronym.lower() or initials_all == acronym.lower():
                text = " ".join(run)
                return text[0].upper() + text[1:]
        return ""

    def _use_acronyms(self, text: str) -> str:
        """In a long sentence, say a defined acronym instead of its long expansion (the glossary
        explains it): « du Conseil Local de Santé Mentale » -> « du CLSM »."""
        for acronym, expansion in sorted(self.acronyms.items()):
            if expansion and count_words(expansion) >= 3:
                text = re.sub(re.escape(expansion), acronym, text, flags=re.IGNORECASE)
        return text

    def _simplify_sentence(self, text: str, depth: int = 0) -> list[tuple[str, bool]]:
        """Split and shorten one sentence.

        Returns (sentence, dependent) pairs; a dependent sentence (purpose,
        condition, description) only makes sense after the first one.
        """
        text = clean(text.rstrip(".!?"))
        if not text:
            return []
        if self.language == "en":
            return self._simplify_english(text)
        if depth > 8:
            return [(text, False)]
        pieces = self._split_punctuation(text)
        if len(pieces) > 1:
            return [pair for p in pieces for pair in self._simplify_sentence(p, depth + 1)]
        doc = self.parse(text)
        condition = self.leading_condition(doc)
        parts = self._split_coordination(self.parse(condition[1]) if condition else doc)
        if parts and condition:
            # « Si je suis élue, je ferai A et je soutiendrai B »: each promise keeps its condition.
            parts = [f"{condition[0]}, {lower_first(p, self.language)}" for p in parts]
        if parts:
            return [pair for p in parts for pair in self._simplify_sentence(p, depth + 1)]
        words = count_words(text)
        if words > self.opts.target_average:
            for splitter in (self._split_cause, self._split_purpose, self._split_condition, self._split_adjectives):
                parts = splitter(doc)
                if parts and self.language == "fr" and not self._cut_faithful(parts, text):
                    break  # kept for the longer splits below (a weaker one here could still fire)
                if parts:
                    head = self._simplify_sentence(parts[0], depth + 1)
                    tail = [
                        pair
                        for p in parts[1:]
                        for pair in (
                            self._simplify_sentence(p, depth + 1)
                            if count_words(p) > self.opts.max_words
                            else [(p, True)]
                        )
                    ]
                    return head + [(text, True) for text, _dependent in tail]
        if words > self.opts.max_words:
            parts = self._long_cut(doc, text)
            if parts:
                return [pair for p in parts for pair in self._simplify_sentence(p, depth + 1)]
            shorter = self._use_acronyms(text)  # the last resort: initials the glossary explains
            if shorter != text and count_words(shorter) <= self.opts.max_words:
                return self._simplify_sentence(shorter, depth + 1)
            log.info("sentence kept longer than %d words: %s", self.opts.max_words, text)
        return [(text, False)]

    # sections ---------------------------------------------------------------

    def strip_salutation(self, text: str) -> str:
        salutation = self.letter.salutation.strip().rstrip(",").strip()
        if salutation and text.lower().startswith(salutation.lower()):
            rest = text[len(salutation) :].lstrip(" ,")
            if rest:
                return rest[0].upper() + rest[1:]
        return text

    def simplify_text(self, text: str, split: bool = True, item: bool = False) -> list[Piece]:
        """All candidate sentences of a section text, in order.

        Each sentence of the letter is simplified on its own; when the result is not
        faithful to it (``verify.compare``: a number, name, negation, modality,
        condition or speaker changed or lost), a piece would not trace back to it (the
        summary's verifier would call it untraced) or a piece lost its conjugated verb,
        the sentence is kept as the letter wrote it (cleaned), for the checker to report.

        ``item``: ``text`` is a list item; one longer than the checker's maximum is cut
        like a sentence (its first piece keeps the item's own verbless or infinitive
        form), a shorter one only gets simpler words (``split=False``).
        """
        pieces: list[Piece] = []
        for line in [ln for ln in text.split("\n") if ln.strip()]:
            for _start, raw in split_sentences(line, self.language):
                raw = self.strip_salutation(raw.strip())
                made = self._made_of(raw, split, item)
                if len(made) == 1:
                    made[0].own = True
                for piece in made:  # « (a) demand… »: the summary shows its own list, not the letter's marker
                    piece.text = sentence_case(_MARKER_RE.sub(" ", piece.text).strip()) or piece.text
                for piece, following in zip(made, made[1:], strict=False):
                    if following.item and not piece.item:  # the lead-in of a list cut out of the sentence
                        piece.text = piece.text.rstrip(" .") + (" :" if self.language == "fr" else ":")
                if made and raw.rstrip().endswith(":"):
                    # A sentence that opens a list keeps its colon (« … whether they will: »).
                    colon = " :" if self.language == "fr" else ":"
                    made[-1].text = made[-1].text.rstrip(" .") + colon
                for piece in made:
                    if piece.parent is not None:
                        piece.parent += len(pieces)
                pieces += made
                for order, piece in enumerate(pieces):
                    piece.order = order
        return pieces

    def simplify_blocks(self, blocks: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """A section's blocks (letter model @2) -> its sentences, and which of them are list items.

        Paragraphs are simplified sentence by sentence; a list stays a list (each item one
        entry, simplified but never split); a table becomes a list, one entry per row
        (« en-tête : cellule, … »); a quotation is kept word for word, in quotation marks.
        Sentences of the letter's own that have no conjugated verb (list items written as
        a paragraph, « Un vélobus scolaire encadré… ») are shown as list items too, when a
        paragraph has at least two of them.
        """
        sentences: list[str] = []
        items: list[int] = []
        for block in blocks:
            kind = getattr(block, "kind", "paragraph")
            if kind == "list":
                for text in block.texts:
                    items.append(len(sentences))
                    sentences.append(" ".join(self.select(self.simplify_text(text, split=False, item=True))))
            elif kind == "table":
                for row in self.table_rows(block):
                    items.append(len(sentences))
                    sentences.append(row)
            elif kind == "quotation":
                sentences += [self.quoted(text) for text in block.texts]
            else:
                pieces = self.simplify_text("\n".join(block.texts))
                verbless = [p.own and count_words(p.text) >= 3 and not self.has_verb(p.text) for p in pieces]
                listed = sum(verbless) >= 2  # one verbless line is a sentence ("Thank you for…"), not a list
                for piece, alone in zip(pieces, verbless, strict=True):
                    if piece.item or (listed and alone):
                        items.append(len(sentences))
                    sentences.append(piece.text)
        return tuple(sentences), tuple(items)

    def table_rows(self, table: Any) -> list[str]:
        """One list entry per body row: « header : cell » pairs (the cells alone without a header);
        the caption first, as its own entry."""
        header = [cell.text for cell in table.header[0]] if table.header else []
        rows = [sentence_case(clean(table.caption))] if table.caption else []
        for row in table.body:
            cells = [cell.text for cell in row]
            pairs = [f"{h} : {c}" if self.language == "fr" else f"{h}: {c}" for h, c in zip(header, cells, strict=False) if c]
            text = ", ".join(pairs if header else [c for c in cells if c])
            if text:
                rows.append(sentence_case(self.digits(clean(text))))
        return rows

    def quoted(self, text: str) -> str:
        """A quotation's sentence, word for word, in the language's quotation marks."""
        inner = clean(text).rstrip(".")
        return f"« {inner}. »" if self.language == "fr" else f"“{inner}.”"

    def _table(self, body: str) -> dict[str, str]:
        """The lexicon, less the connectors that may only open a sentence (« cependant » ->
        « mais » inside a clause would read « Il n'est mais pas… »)."""
        initial = self.data.words("sentence_initial_only")
        first = body.split(" ", 1)[0].strip(",").lower()
        return {k: v for k, v in self.replace.items() if k.lower() not in initial or k.lower() == first}

    def _words_only(self, raw: str) -> str:
        """A list item: simpler words and digits, never cut into sentences; its letter or
        number marker (« (a) », "b)") is left out: the summary shows it as a list item."""
        body = say_positively(clean(_MARKER_RE.sub(" ", raw).strip()), self.data)
        return sentence_case(elide(self.digits(replace_words(body, self._table(body))), self.language))

    def _pieces_of(self, raw: str, split: bool = True) -> list[Piece]:
        """The short sentences of one sentence of the letter (``parent`` relative to it);
        ``split=False``: the sentence simplified (words, digits, brackets) but not cut."""
        body, examples = self._parentheticals(raw)
        body = say_positively(clean(body), self.data)
        body = self.digits(replace_words(if_elected(body, self.language), self._table(body)))
        pieces: list[Piece] = []
        main_index = None
        for sentence, dependent in self._simplify_sentence(body) if split else [(body, False)]:
            item = sentence.startswith(ITEM_MARK)
            sentence = sentence_case(elide(sentence.lstrip(ITEM_MARK), self.language))
            if not sentence or count_words(sentence) < 1:
                continue
            if not dependent:
                main_index = len(pieces)
            pieces.append(Piece(sentence, parent=main_index if dependent else None, item=item))
        for example, anchor in examples:
            example = sentence_case(self.digits(replace_words(example, self.replace)))
            anchor = replace_words(anchor, self.replace).lower()
            at = next((i + 1 for i in range(len(pieces)) if anchor and anchor in pieces[i].text.lower()), len(pieces))
            pieces.insert(at, Piece(example, parent=0 if pieces else None))
        for piece in pieces:  # a passive that names its agent, said actively when faithful
            piece.text = active_voice(piece.text, self.parse, self.data, self._active_is_safe)
        return pieces

    def _keeps_meaning(self, pieces: list[Piece], raw: str, traced: bool = False) -> bool:
        """True when every piece is faithful to ``raw`` and keeps a conjugated verb (a piece
        that is the letter's sentence itself may lack one: it is the letter's own).

        ``traced``: the pieces were cut from ``raw``, so each must also trace back to it
        the way the summary's verifier traces (``tracing.trace``, half its content words).
        """
        from .tracing import Source, keys_of, trace
        from .verify import compare, tagger

        if not pieces:
            return not raw.strip()
        source = clean(raw)
        origin = [Source(source, "", keys=frozenset(keys_of(source, self.data)
                                                       | keys_of(replace_words(source, self.replace), self.data)))]
        for piece in pieces:
            if compare(piece.text, source, self.data, self.known, self.acronyms, tagger(self.language)):
                return False
            if (len(pieces) > 1 or traced) and not piece.item and not self.has_verb(piece.text):
                return False
            if traced and trace(piece.text, origin, self.data)[1] < 0.5:
                return False
        return True

    def _active_is_safe(self, active: str, passive: str) -> bool:
        """An active rewrite is kept when it is faithful and the parser still sees its verb."""
        return self._keeps_meaning([Piece(active)], passive) and self.has_verb(active)

    def has_verb(self, sentence: str) -> bool:
        """True when ``sentence`` has a conjugated verb (French: the parser's VerbForm=Fin or
        a finite auxiliary; English: ``english_splits.has_english_verb``)."""
        if self.language == "en":
            return self.english_has_verb(sentence)
        doc = self.parse(sentence)
        if any("Fin" in t.morph.get("VerbForm") or (t.pos_ == "AUX" and t.morph.get("Mood")) for t in doc):
            return True
        return self._subject_and_ending(doc)

    def _subject_and_ending(self, doc: Any) -> bool:
        """A subject pronoun, clitics, then a word with a conjugated ending (« Je m'y
        opposerai », « Nous le ferons »: the small model tags such futures as nouns)."""
        subjects = self.data.words("subject_pronouns")
        clitics = set(self.data.cues("clitics")) | {"se", "s'", "te", "t'"}
        endings = tuple(self.data.words("finite_endings"))
        for i, token in enumerate(doc):
            if token.lower_ not in subjects:
                continue
            j = i + 1
            while j < len(doc) and doc[j].lower_ in clitics:
                j += 1
            if j < len(doc) and endings and doc[j].is_alpha and doc[j].lower_.endswith(endings):
                return True
        return False

    def simplify_title(self, title: str) -> str:
        """A section title in simpler words and digits; a list in brackets keeps its words after
        a colon (« Rénover le gymnase (toiture et vestiaires) » -> « Rénover le gymnase : toiture
        et vestiaires »); an acronym's definition goes to the glossary."""
        stripped, examples = self._parentheticals(title)
        if examples:
            listed = _PAREN_RE.sub(lambda m: m.group(0) if is_acronym(m.group(1).strip()) else f" : {m.group(1).strip()}", title)
            stripped, _examples = self._parentheticals(listed)
            if self.language != "fr":
                stripped = re.sub(r"\s+:\s", ": ", stripped)  # English: no space before a colon
        title = self.digits(replace_words(clean(stripped), self.replace))
        return title[:1].upper() + title[1:] if title else ""

    def digits(self, text: str) -> str:
        """Numbers written in words become digits (« vingt logements » -> « 20 logements »).

        text2num's ``alpha2digit`` does the work, with threshold 2 so that
        « un »/« une » (also articles) stay words. In French, a number word
        that the parser does not read as a number (« pour cent ») is protected
        first, and an ambiguous one (« neuf », « neufs ») unless it stands as a
        numeral before its noun (``facts.numeral_positions``: « neuf logements »,
        never « des logements neufs »). Dates are never written in words
        by this step: digits from the letter stay as they are.
        """
        from text_to_num import alpha2digit

        number_words = self.data.words("number_words")
        ambiguous = set(self.data.cues("ambiguous_numbers"))
        protected: list[str] = []
        if self.nlp.parsed and number_words:
            doc = self.parse(text)
            numerals = numeral_positions([(t.text, t.pos_) for t in doc], self.data)
            out: list[str] = []
            for token in doc:
                parts = token.lower_.split("-")
                if token.lower_ in ambiguous:
                    # « des logements neufs », « un logement neuf »: adjectives, whatever the tag.
                    number = token.i not in numerals and token.lower_ not in ("un", "une")
                else:
                    number = any(p in number_words for p in parts) and token.pos_ not in ("NUM", "DET")
                if number:
                    protected.append(token.text)
                    out.append(f"\ue000{len(protected) - 1}\ue001" + token.whitespace_)
                else:
                    out.append(token.text_with_ws)
            text = "".join(out)

        def protect(match: re.Match[str]) -> str:
            protected.append(match.group(0))
            return f"\ue000{len(protected) - 1}\ue001"

        # Ordinals stay words (« les premières semaines », "a second route"), and so does a
        # scale word after digits ("£4.2 million", « 1,1 million »): it is already a numeral.
        text = _ORDINAL_RE.sub(protect, text)
        scales = "|".join(re.escape(str(k).rstrip("*")) + (r"\w*" if str(k).endswith("*") else "")
                          for k in self.data.verify.get("scale", {}) if str(k)[:1].isalpha())
        if scales:
            text = re.sub(rf"(?<=\d)\s+(?:{scales})\b", protect, text, flags=re.IGNORECASE)
        try:
            text = alpha2digit(text, self.language, threshold=2)
        except (ValueError, KeyError) as exc:  # an unsupported language: leave the words
            log.warning("numbers left in words: %s", exc)
        return re.sub(r"\ue000(\d+)\ue001", lambda m: protected[int(m.group(1))], text)

    @staticmethod
    def select(pieces: list[Piece]) -> list[str]:
        """Every sentence, in the letter's order: nothing is dropped (see the module docstring)."""
        return [p.text for p in sorted(pieces, key=lambda p: p.order)]
