"""Steps for dates and clock times, in every written form of French and English."""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache

from ...dates import month_numbers
from .rules import SpeechRules
from .words import cardinal, ordinal, year

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@cache
def _month_names(language: str) -> dict[int, str]:
    from babel import Locale

    locale = Locale.parse(_LOCALES.get(language, "en_GB"))
    return dict(locale.months["format"]["wide"])


@cache
def _months(language: str) -> dict[str, int]:
    """``dates.month_numbers`` once per language (it asks babel and slugify each time)."""
    return month_numbers(language if language in _LOCALES else "en")


@cache
def _month_alternatives(language: str) -> str:
    """Month names and abbreviations; only an abbreviation takes a full stop (« févr. », not « juin. »)."""
    full = {name.lower() for name in _month_names(language).values()}
    names = sorted(_months(language), key=len, reverse=True)
    return "|".join(re.escape(n) + ("" if n in full else r"\.?") for n in names)


def say_date(date: _dt.date, rules: SpeechRules, article: bool = True, us_order: bool = False) -> str:
    """A date as a careful reader says it.

    French: « premier mars deux mille vingt-six », « vingt-trois février deux mille vingt-six ».
    English: "the twenty-third of February twenty twenty-six" (without "the"
    when ``article`` is false), or "February twenty-third, twenty twenty-six"
    for a date written month first (``us_order``).
    """
    month = _month_names(rules.language)[date.month]
    said_year = year(date.year, rules)
    if rules.word("dates", "day") == "ordinal":  # English
        day = ordinal(date.day, rules)
        if us_order:
            return f"{month} {day}, {said_year}"
        return f"{'the ' if article else ''}{day} of {month} {said_year}"
    day = ordinal(1, rules) if date.day == 1 else cardinal(date.day, rules)
    return f"{day} {month} {said_year}"


def _say_partial(day: int, month: int, rules: SpeechRules, article: bool, us_order: bool) -> str:
    """A day and month without a year."""
    name = _month_names(rules.language)[month]
    if rules.word("dates", "day") == "ordinal":
        said = ordinal(day, rules)
        return f"{name} {said}" if us_order else f"{'the ' if article else ''}{said} of {name}"
    return f"{ordinal(1, rules) if day == 1 else cardinal(day, rules)} {name}"


_ISO_DATE_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_NUMERIC_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")


@cache
def _written_date_res(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = _month_alternatives(language)
    day_first = re.compile(
        rf"(?P<the>\bthe\s+)?(?<![\d,.])(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?(?:\s+of)?[ \u00a0]+(?P<m>(?i:{months}))(?![\w])"
        rf"(?:,?[ \u00a0]+(?P<y>\d{{4}})(?!\d))?"
    )
    month_first = re.compile(
        rf"(?<![\w])(?P<m>(?i:{months}))[ \u00a0]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?[ \u00a0]+(?P<y>\d{{4}})(?!\d))?"
    )
    return day_first, month_first


def read_dates(text: str, rules: SpeechRules) -> str:
    """Dates in words: « 23/02/2026 », « 2026-02-23 », « 23 févr. 2026 », « 1er mars » ->
    « vingt-trois février deux mille vingt-six », « premier mars »; "23 February 2026",
    "23rd Feb 2026", "February 23, 2026" -> "the twenty-third of February twenty twenty-six",
    "February twenty-third, twenty twenty-six".

    Numeric dates are day first (French and British order). A date that
    does not exist (31/02/2026) is left as written. Weekdays stay as written.
    """
    if not rules.table("dates"):
        return text
    language = rules.language

    def numeric(y: str, m: str, d: str, original: str, preceded_by_the: bool) -> str:
        full_year = int(y) + (2000 if len(y) == 2 else 0)
        try:
            return say_date(_dt.date(full_year, int(m), int(d)), rules, article=not preceded_by_the)
        except ValueError:
            return original

    def the_before(match: re.Match[str]) -> bool:
        return bool(re.search(r"\bthe\s+$", text[: match.start()], re.IGNORECASE))

    text = _ISO_DATE_RE.sub(lambda m: numeric(m[1], m[2], m[3], m[0], the_before(m)), text)
    text = _NUMERIC_DATE_RE.sub(lambda m: numeric(m[4], m[3], m[1], m[0], the_before(m)), text)
    day_first, month_first = _written_date_res(language)
    months = _months(language)

    def written(match: re.Match[str], us_order: bool) -> str:
        month = months.get(match.group("m").lower().rstrip("."))
        day = int(match.group("d"))
        the = match.groupdict().get("the") or ""
        if month is None or not 1 <= day <= 31:
            return match.group(0)
        try:
            if match.group("y"):
                said = say_date(_dt.date(int(match.group("y")), month, day), rules, article=True, us_order=us_order)
            else:
                _dt.date(2000, month, day)  # a real day of that month (2000 is a leap year)
                said = _say_partial(day, month, rules, article=True, us_order=us_order)
        except ValueError:
            return match.group(0)
        if the and said.startswith("the "):
            return the + said[4:]  # "the 23rd of May": the article as written
        return the + said

    text = day_first.sub(lambda m: written(m, False), text)
    if rules.word("dates", "day") == "ordinal":
        text = month_first.sub(lambda m: written(m, True), text)
    return text


def read_day_ranges(text: str, rules: SpeechRules) -> str:
    """Ranges of weekdays written short: "Mon–Fri" -> "Monday to Friday", « lun.-ven. » ->
    « lundi au vendredi » (tables ``dates.days`` and ``dates.day_range``)."""
    days = rules.table("dates").get("days", {})
    template = rules.word("dates", "day_range")
    if not days or not template:
        return text
    alternatives = "|".join(re.escape(d) for d in sorted(days, key=len, reverse=True))
    return re.sub(
        rf"(?<![\w])({alternatives})\.?[ \u00a0]?[-–][ \u00a0]?({alternatives})(?:\.(?=\s+[a-zà-ÿ\d])|(?![\w.]))",
        lambda m: template.format(a=days[m.group(1)], b=days[m.group(2)]),
        text,
    )


# -- clock times ----------------------------------------------------------------------

_FR_TIME_RE = re.compile(r"(?<![\d,.:])(?P<h>[01]?\d|2[0-3])[ \u00a0]?h[ \u00a0]?(?P<m>[0-5]\d)?(?![\w]|[ \u00a0]?/)")
_COLON_TIME_RE = re.compile(r"(?<![\d,.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
_EN_TIME_RE = re.compile(
    r"(?<![\d,.:])(?:(?P<h1>1[0-2]|0?[1-9])(?:[.:](?P<m1>[0-5]\d))?(?:[ \u00a0]?(?P<x1>[ap])\.?m\b\.?)?[ \u00a0]?[-–][ \u00a0]?)?"
    r"(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<m>[0-5]\d))?[ \u00a0]?(?P<x>[ap])(?:(?P<dot>\.)m\.|m\b)"
)


def _say_time(hours: int, minutes: int, rules: SpeechRules, clock12: bool = False) -> str:
    t = rules.table("times")
    if t.get("style") == "heures":  # French: « quatorze heures trente », « une heure »
        unit = t["hour"][0] if hours <= 1 else t["hour"][1]
        said = f"{cardinal(hours, rules, feminine=True)} {unit}"
        if minutes:
            said += f" {cardinal(minutes, rules, feminine=True)}"
        return said
    said = cardinal(hours, rules)
    if minutes:
        said += f" {t.get('oh', 'oh')} {cardinal(minutes, rules)}" if minutes < 10 else f" {cardinal(minutes, rules)}"
    elif not clock12:
        said += f" {t.get('hundred', 'hundred')}"
    return said


def read_times(text: str, rules: SpeechRules) -> str:
    """Clock times: « 8h », « 8 h », « 14h05 », « 16 h 15 », « 18:45 » -> « huit heures », « quatorze heures cinq »,
    « seize heures quinze », « dix-huit heures quarante-cinq »; "3pm", "3.30pm", "3-5pm", "15:30" ->
    "three p m", "three thirty p m", "three to five p m", "fifteen thirty".
    """
    t = rules.table("times")
    if not t:
        return text
    if t.get("style") == "heures":
        fr_time = _FR_TIME_RE.pattern.replace("?P<h>", "?:").replace("?P<m>", "?:")
        text = re.sub(rf"({fr_time})[ \u00a0]?[-–][ \u00a0]?(?={fr_time})", rf"\1 {t.get('range', 'à')} ", text)
        text = _FR_TIME_RE.sub(lambda m: _say_time(int(m["h"]), int(m["m"] or 0), rules), text)
        return _COLON_TIME_RE.sub(lambda m: _say_time(int(m["h"]), int(m["m"]), rules), text)

    def twelve(match: re.Match[str]) -> str:
        suffix = t["am"] if match["x"].lower() == "a" else t["pm"]
        said = _say_time(int(match["h"]), int(match["m"] or 0), rules, clock12=True)
        if match["h1"]:
            first = _say_time(int(match["h1"]), int(match["m1"] or 0), rules, clock12=True)
            if match["x1"]:  # "9am–5pm"
                first += " " + (t["am"] if match["x1"].lower() == "a" else t["pm"])
            said = f"{first} {t['range']} {said}"
        end = match.end()
        whole = match.string
        # "at 6 p.m. Then": the dots of "p.m." also ended the sentence
        sentence_end = bool(match["dot"]) and (end == len(whole) or (whole[end] in " \n" and whole[end + 1 : end + 2].isupper()))
        return f"{said} {suffix}" + ("." if sentence_end and not suffix.endswith(".") else "")

    text = _EN_TIME_RE.sub(twelve, text)
    return _COLON_TIME_RE.sub(lambda m: _say_time(int(m["h"]), int(m["m"]), rules), text)
