"""The summary's opening block: who writes to whom, when, about what, and who « nous »
and « vous » are."""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from ..dates import written_date
from ..model import Letter
from ..parse.structure.landmarks import signer_of
from .document import Block
from .facts import capitalised_words
from .lexicon import LanguageData
from .text import WORD_RE, clean, fold, looks_like_name, lower_first, person_name, replace_words, sentence_case


def _format_date(letter: Letter) -> str:
    value = letter.date_value
    return written_date(value, letter.language) if value is not None else ""


def _with_de(phrase: str, language: str) -> str:
    """French « de » + article contraction: de le -> du, de les -> des; « de » before a vowel
    elides (« d'avenir »; « h » is left alone: « de handicap »)."""
    if language != "fr":
        return phrase
    low = phrase.lower()
    if low.startswith("le "):
        return "du " + phrase[3:]
    if low.startswith("les "):
        return "des " + phrase[4:]
    if low[:1] in "aeiouyéèêàâîôû" and not low.startswith(("un ", "une ")):
        return "d'" + phrase
    return "de " + phrase


def _contract(sentence: str, language: str) -> str:
    """French contractions after a template filled an article in: « de le » -> « du »,
    « de les » -> « des », « à le » -> « au », « à les » -> « aux »."""
    if language != "fr":
        return sentence
    for written, said in ((" de le ", " du "), (" de les ", " des "), (" à le ", " au "), (" à les ", " aux ")):
        sentence = sentence.replace(written, said)
    return sentence


def _topic(letter: Letter, data: LanguageData) -> str:
    # « RE: », "Fwd:" of a forwarded e-mail are no part of the subject.
    subject = re.sub(r"^(?:(?:re|tr|fwd?|aw)\s*:\s*)+", "", clean(letter.subject.rstrip(".")), flags=re.IGNORECASE)
    if not subject:
        return ""
    low = subject.lower()
    for marker in data.template("topic_markers"):
        index = low.find(f" {marker} ")
        if index >= 0:
            subject = subject[index + len(marker) + 2 :]
            break
    subject = lower_first(replace_words(subject, dict(data.replace)), letter.language)
    if letter.language == "fr" and re.match(r"^(?:la|le|les)\s|^l['’]", subject):
        # « parle de la prévention et de l'accompagnement »: « de » again after « et ».
        subject = re.sub(
            r"\bet ((?:la|le|les)\s|l['’])", lambda m: "et " + _with_de(m.group(1), "fr"), subject
        )
    return subject


_AND = r"\s(?:et|and|&)\s"  # joins two people: « X et Y », "X and Y"
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9 ]{1,9})\)\s*$")  # "Riverside Tenants' Association (RETRA)"


def _organisation(org: str, data: LanguageData, names: frozenset[str] = frozenset()) -> str:
    """« Association EKKO » -> « l'association EKKO », « Collectif Vélo Nantes » -> « le Collectif
    Vélo Nantes » (French: the article of the name's head noun, ``organisation_articles``;
    a vowel takes « l' »); unchanged in English. A bracketed acronym after the name is left
    out (the glossary gives it with the name). ``names``: folded words the letter writes with
    a capital (``capitalised_words``): « l'Épicerie solidaire » keeps it."""
    org = clean(_ACRONYM_AFTER.sub("", org))
    if data.language != "fr" or not org:
        return org
    articles = data.summary.get("organisation_articles", {})
    first = org.split()[0]
    article = articles.get(first.lower())
    org = org if fold(first) in names else lower_first(org, data.language)
    if article is None:
        article = "l'" if org[:1] in "aeiouyéèêàâîôû" else ""  # a common word, lower-cased: « l'office … »
    return f"{article}{org}" if article in ("", "l'") else f"{article} {org}"


def _names(letter: Letter) -> frozenset[str]:
    """Folded words the letter's body writes with a capital (its names)."""
    return capitalised_words("\n".join(s.text for s in letter.sections), letter.language)


def _author(letter: Letter) -> str:
    """The author's name from the signature or the header; empty when neither looks like a
    name (a closing formula read as the signature: "With kind regards")."""
    for candidate in (letter.signature, letter.author):
        name = re.sub(r"\s*\([^()]*\)", "", candidate).strip()
        if name and looks_like_name(name):
            return person_name(name)
    return ""


def signed_for(letter: Letter, data: LanguageData) -> str:
    """The group the letter is signed for (« au nom du bureau », "on behalf of the committee"):
    who « nous » / "we" is when people sign for a group; empty when no signature line says so."""
    marks = sorted(data.template("on_behalf"), key=len, reverse=True)
    opening = sorted(data.template("on_behalf_opening"), key=len, reverse=True)
    for field in (letter.signature, letter.author_role, letter.author):
        low = field.lower()
        for mark in [*marks, *opening]:
            index = low.find(mark.lower() + " ")
            if index > 0 and mark in opening:
                continue  # « Pour le collectif, » opens a signature; « chargée de mission pour … » is a role
            if index >= 0:
                group = clean(field[index + len(mark) :]).strip(" ,.;")
                for contracted, article in data.template("on_behalf_articles").items():
                    if group.lower().startswith(contracted):  # « au nom du bureau » -> « le bureau »
                        group = article + group[len(contracted) :]
                        break
                if WORD_RE.search(group):
                    return alpha2digit(group, letter.language, threshold=2)  # "eleven" -> "11"
    return ""


def _group_author(letter: Letter, data: LanguageData) -> str:
    """The letter's author when it is a group, not a person (« COLLECTIF « UN TOIT » »,
    "Northfold Residents' Association"): its name opens with one of ``group_words``; capitals
    of emphasis are undone as for a name. Empty otherwise."""
    author = clean(letter.author)
    first = fold(author.split()[0]) if author.split() else ""
    if not first or first not in {fold(w) for w in data.template("group_words")}:
        return ""
    return person_name(author)


def letter_speaker(letter: Letter, data: LanguageData) -> str:
    """"I" or "we": the first-person subject the letter's body uses most (ties: "we"); ""
    when it uses neither. Read from the letter, not the summary."""
    text = " ".join(s.text for s in letter.sections).lower().replace("’", "'")
    words = re.findall(r"\w+'?", text)
    singular = sum(1 for w in words if w in data.cues("subject_i"))
    plural = sum(1 for w in words if w in data.cues("subject_we"))
    if not singular and not plural:
        return ""
    return "I" if singular > plural else "we"


def _second_person(letter: Letter, data: LanguageData, recipient: str, words: set[str], org: str) -> list[str]:
    """Who « vous » (and, in a letter written in « tu », « tu ») is. When a letter says « tu »
    to its recipient, its « vous » is the recipient's group (« vos bénévoles »): named when
    the recipient's organisation ``org`` (as ``_organisation`` writes it) is known, else not
    explained."""
    if not recipient:
        return []
    informal = bool(words & data.words("second_person_informal"))
    lines = [data.template("you_informal").format(recipient=recipient)] if informal else []
    if words & data.words("second_person"):
        if not informal:
            lines.append(data.template("you").format(recipient=recipient))
        elif org:
            lines.append(data.template("you_group").format(organisation=org))
    return lines


def _author_role(letter: Letter, data: LanguageData, author: str, plural: str, names: frozenset[str]) -> list[str]:
    """The sentence that says what the author is (« Marc Infantes est candidat … »), or, when
    the signature's role line is an organisation's name ("Kirkhaven Residents' Alliance"),
    whom the author writes for. ``plural``: "_plural" for several signatories, else "";
    ``names``: the letter's names (``_names``)."""
    role = clean(letter.author_role.split(",")[0]) if letter.author_role else ""
    if not role or set(fold(role).split()) <= set(fold(author).split()):
        return []  # none, or the name again, read as a role (« Jamie » under "Jamie Lochridge")
    if "(" in role and looks_like_name(re.sub(r"\s*\([^()]*\)", "", role)):
        return []  # a second signatory, "Aisha Mwangi-Cole (Campaigns Officer)", is no role
    first = role.split()[0]
    role = lower_first(role, letter.language)
    if fold(first) in names:
        role = first + role[len(first):]  # "Labour candidates": the body writes it as a name
    if len(role.split()) >= 2 and looks_like_name(role):
        org = _organisation(role, data, names)
        return [_contract(data.template("author_for" + plural).format(author=author, organisation=org), data.language)]
    if data.summary.get("article") and role.split()[-1][:1].islower() and not plural:
        role = ("an " if role[0] in "aeiou" else "a ") + role
    return [data.template("author_role" + plural).format(author=author, role=role)]


def about_block(letter: Letter, data: LanguageData, section_id: str, body_text: str) -> Block:
    sentences: list[str] = []
    author = _author(letter)
    recipient = person_name(letter.recipient.name) if looks_like_name(letter.recipient.name) else ""
    date = _format_date(letter)
    names = _names(letter)
    rec = letter.recipient
    org = _organisation(rec.organisation, data, names)
    plural = "_plural" if re.search(r",|" + _AND, author) else ""  # several signatories
    if author and recipient:
        key = ("writes_on" if date else "writes") + plural
        sentences.append(data.template(key).format(author=author, recipient=recipient, date=date))
    elif date:
        sentences.append(data.template("date").format(date=date))
    if author:
        sentences += _author_role(letter, data, author, plural, names)
    described = "(" in _ACRONYM_AFTER.sub("", rec.organisation)  # a bracket that is no acronym: a description
    if ":" in rec.role + rec.organisation or described or re.search(_AND, recipient):
        # a header line read into the recipient (« Subject: … »), a description in brackets, or
        # two people (« X et Y, co-présidents »): better nothing than a wrong sentence
        pass
    elif recipient and rec.role and org:
        role_text = lower_first(clean(rec.role), letter.language)
        if data.summary.get("article") and role_text[:1].islower():
            role_text = "the " + role_text  # "the chair of the Riverside Trust": one per organisation
        text = data.template("recipient_role").format(recipient=recipient, role=role_text, organisation=org)
        sentences.append(_contract(text, letter.language))
    elif recipient and org:
        sentences.append(_contract(data.template("recipient_org").format(recipient=recipient, organisation=org), letter.language))
    topic = _topic(letter, data)
    if topic:
        sentences.append(data.template("topic").format(topic=topic).replace(" de de ", " de ").replace(
            "parle de " + topic, "parle " + _with_de(topic, letter.language)
        ))
    words = {w.lower() for w in WORD_RE.findall(body_text)}
    speaker = letter_speaker(letter, data)
    with_group = clean(letter.signature) if author and signer_of(letter.signature) != letter.signature else ""
    group = (signed_for(letter, data) or with_group or ("" if author else _group_author(letter, data))) if speaker == "we" else ""
    if group:
        sentences.append(data.template("we_for").format(group=group))
    elif author and speaker == "we":
        list_words = {w.lower() for w in data.template("list_words")}
        has_list = any(w in fold(letter.author_role) for w in map(fold, list_words))
        key = "we" if has_list and not plural else "we_alone"
        sentences.append(data.template(key).format(author=author))
    elif author and speaker == "I":
        sentences.append(data.template("i_alone").format(author=author))
    sentences += _second_person(letter, data, recipient, words, org)
    return Block(section_id, data.template("about"), tuple(sentence_case(s) for s in sentences), "about")
