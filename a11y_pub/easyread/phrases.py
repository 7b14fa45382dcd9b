"""French noun phrases for the summary's own sentences: « Ces {noun} sont A et B »,
articles before bare items, the noun a parenthesis follows (a mixin of ``Simplifier``)."""

from __future__ import annotations

import re

from .acronyms import is_acronym
from .text import WORD_RE


class NounPhrases:
    """Needs ``parse``, ``nlp``, ``data``, ``language``, ``acronyms``."""

    def _this(self, noun: str, items: list[str], joiner: str) -> str | None:
        """« Ces {noun} sont A, B et C. » (template by number and gender), or None."""
        if not noun or not items:
            return None
        listed = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"
        return self.data.template(self._this_key(noun)).format(noun=noun.lower(), items=listed)

    def _this_key(self, noun: str) -> str:
        """The template key by the noun's number and gender: these, this_fem, this_vowel, this."""
        head = noun.split()[0]
        morph = self.parse(head)[0].morph if self.nlp.parsed else None
        plural = head.lower().endswith(("s", "x")) or (morph is not None and "Plur" in morph.get("Number"))
        if plural:
            return "these"
        if morph is not None and "Fem" in morph.get("Gender"):
            return "this_fem"
        if head[:1].lower() in "aeiouyéèêàâîôûh":
            return "this_vowel"
        return "this"

    def demonstrative(self, noun: str) -> str:
        """The demonstrative that opens the ``_this`` templates for ``noun`` (« Cette », « Ces »)."""
        return str(self.data.template(self._this_key(noun))).split()[0]

    def _article(self, item: str) -> str:
        """French: put the definite article before a bare item (« chômage » -> « le chômage »)."""
        item = item.strip()
        if self.language != "fr" or not item:
            return item
        first = re.split(r"[\s'’]", item, maxsplit=1)[0].lower()
        if first in self.data.words("determiners") or re.match(r"^[ldLD]['’]", item):
            return item
        vowel = item[:1].lower() in "aeiouyéèêàâîôûh"
        if is_acronym(item.split()[0]):
            definition = self.data.glossary.get(item) or self.acronyms.get(item) or ""
            words = WORD_RE.findall(definition)
            if not words:
                return item
            gender = self.parse(words[0].lower())[0].morph.get("Gender") if self.nlp.parsed else []
            if "Fem" in gender:
                return "la " + item
            if "Masc" in gender:
                return "le " + item
            return item
        if item[:1].isupper():
            return item  # a name
        morph = self.parse(item)[0].morph if self.nlp.parsed else None
        if morph is None:
            return item
        if "Plur" in morph.get("Number"):
            return "les " + item
        if vowel:
            return "l'" + item
        return ("la " if "Fem" in morph.get("Gender") else "le ") + item

    def _noun_before(self, before: str) -> str:
        """The noun a parenthesis follows: « vos dispositifs d'accueil » -> « dispositifs d'accueil ».

        Scans back to the determiner (or to « de » before a plural, the
        indefinite article); keeps the head noun and a singular « de »
        complement. Empty when no determiner is found within six words.
        """
        words = re.findall(r"[\w’'-]+", before)[-6:]
        determiners = self.data.words("determiners")
        phrase: list[str] = []
        found = False
        for word in reversed(words):
            low = word.lower()
            elided = re.match(r"^([ldLD])['’](.+)$", word)
            if low in determiners:
                found = True
                break
            if elided and elided.group(1).lower() == "l":
                phrase.insert(0, elided.group(2))
                found = True
                break
            if low in ("de", "des") and phrase and phrase[0].lower().endswith(("s", "x")):
                found = True
                break
            phrase.insert(0, word)
        if not found or not phrase:
            return ""
        head = [phrase[0]]
        if len(phrase) >= 2 and re.match(r"^[dD]['’]", phrase[1]):
            head.append(phrase[1])
        elif len(phrase) >= 3 and phrase[1].lower() == "de" and not phrase[2].lower().endswith(("s", "x")):
            head += phrase[1:3]
        return " ".join(head)
