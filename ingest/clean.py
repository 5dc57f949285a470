"""From raw page or wire text to article text: page furniture out, metadata kept apart.

Navigation, breadcrumbs, bylines, editor lines, footers, disclaimers and the related-article
headlines that trail a story are not news. They are dropped line by line; what remains keeps its
order and its words untouched, so evidence spans point at the article as it was written.

>>> cleaned = clean_text("Home > News >\\n\\nLeaders meet\\n\\nRelease Date:2022-09-16 17:51\\n\\n"
...                      "The two leaders met in Samarkand on Thursday and agreed on a plan.\\n\\n"
...                      "Editor: Leon\\n\\nAnother story headline")
>>> cleaned.text
'Leaders meet\\n\\nThe two leaders met in Samarkand on Thursday and agreed on a plan.'
>>> cleaned.published
'2022-09-16'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MONTHS", "CleanText", "clean_text", "parse_page_date"]

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

# A date standing on a metadata line near the top of a page.
_PAGE_DATES = (
    re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    # "Sep 13, 2018" and "Sep 13,2018" (no space after the comma on some sites)
    re.compile(rf"(?P<mn>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+|/)(?P<y>(?:19|20)\d\d)", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_RE}),?\s+(?P<y>(?:19|20)\d\d)", re.I),
    # Numeric dates on pages are day first (01.03.2023, 20/04/2023) unless the day cannot be.
    re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d)(?![\d])"),
)

# A dateline whose date has a year: a city (and region), then the date right after it.
_DATELINE_WITH_YEAR = re.compile(
    rf"^\s*(?!(?:On|In|At|By|From|During|Since|Until|After|Before|As of|Dated?)\b)[A-Z][A-Za-z'’.\- ]{{1,30}}?"
    rf"(?:,\s*[A-Z][A-Za-z.]{{1,12}}(?:\s[A-Z][a-z]+)?)?(?:,\s*|\s*\()"
    rf"(?P<date>(?:{_MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*|\s+|/)(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE}),?\s+(?:19|20)\d\d)\b"
)
_LEADING_DATE_TOKEN = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)

_META_LINE = re.compile(
    r"^\s*(?:release\s+(?:date|time)|published(?:\s+on)?|publish(?:ed)?\s+time|updated|posted(?:\s+on)?|"
    r"date|time|source|the source|editor|editors|responsible editor|reporter|writer|author|"
    r"by|from|photo|photos|image|video|text|edited by|web editor|translated by)\s*[:：]",
    re.I,
)
_BOILERPLATE = re.compile(
    r"(?:^|\b)(?:all rights reserved|copyright|©|about us|contact us|legal notice|privacy policy|"
    r"terms of (?:use|service)|cookie|sponsored by|operated by|registration number|"
    r"recommended to use|browsers? to get a better view|share this|share on|follow us|subscribe|"
    r"sign up|log ?in|read more|related (?:news|stories|articles|content)|most (?:read|popular)|"
    r"back to top|print this|e-?mail this|advertisement|download (?:the )?app|icp\b)",
    re.I,
)
# Disclaimers are dropped whatever their length.
_DISCLAIMER = re.compile(
    r"this article only represents|author'?s personal views|has not verified (?:for )?its content|"
    r"readers (?:are advised to use it )?only for reference|the views expressed (?:here|in this article)|"
    r"does not necessarily reflect|shall bear the corresponding responsibility",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:by|written by|reporting by|editing by|\(reporting by)\s+[A-Z]", re.I)
_DATE_ONLY = re.compile(
    rf"^\s*(?:(?:[A-Z][a-z]+day),?\s*)?(?:(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}|{_MONTH_RE}\s+\d{{1,2}},?\s+(?:19|20)\d\d|"
    rf"\d{{1,2}}([-/.])\d{{1,2}}\1(?:19|20)\d\d\s*$|"
    rf"\d{{1,2}}\s+{_MONTH_RE},?\s+(?:19|20)\d\d)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# A heading standing alone under the story, over a list of other stories: "Latest news", "Related:".
_MORE_STORIES = re.compile(
    r"^(?:latest|related|more|other|recent|top|popular|trending|see also|read also|also read|"
    r"you may also like|recommended|most read|editor'?s picks?)"
    r"(?: news| stories| articles| posts| updates| releases| headlines| reading| from \w+)?\s*:?$",
    re.I,
)


# "Period of Service: 15/09/2015 - 24/08/2018": a date ending on its year, then a dash or "to" and
# another date, is a span of time (a term of office), not the day the page was published ("Published
# on 20/04/2023 at 09:14 - Updated on ..." is no span).
_PERIOD = re.compile(r"\b(?:19|20)\d\d\s+(?:[-–—]|to|until)\s+")


def _is_period(line: str) -> bool:
    """Whether ``line`` gives a span of two dates (not "October 25, 2023 - 02:40 p.m.").

    >>> _is_period("Period of Service: 15/09/2015 - 24/08/2018"), _is_period("October 25, 2023 - 02:40 p.m.")
    (True, False)
    """
    return any(parse_page_date(line[m.end() : m.end() + 20]) for m in _PERIOD.finditer(line))


@dataclass(frozen=True)
class CleanText:
    """Article text with the page furniture removed, and what the furniture told."""

    text: str
    published: str | None = None
    published_basis: str | None = None
    title: str | None = None
    dropped: tuple[str, ...] = ()


def parse_page_date(text: str) -> str | None:
    """The first full date (year, month and day) in ``text``, as ISO.

    >>> parse_page_date("Release Date:2022-09-16 17:51:59")
    '2022-09-16'
    >>> parse_page_date("Updated: May 19, 2023 10:02")
    '2023-05-19'
    >>> parse_page_date("Posted Mon 6 Nov 2023 at 9:48pm")
    '2023-11-06'
    >>> parse_page_date("AKIpress, 06.06.2024"), parse_page_date("Published on 20/04/2023 at 09:14")
    ('2024-06-06', '2023-04-20')
    """
    best = None
    for pattern in _PAGE_DATES:
        match = pattern.search(text)
        if not match or (best is not None and match.start() >= best[0]):
            continue
        groups = match.groupdict()
        year = int(groups["y"])
        if groups.get("a"):
            day, month = int(groups["a"]), int(groups["b"])
            if month > 12 >= day:
                day, month = month, day
        else:
            month = int(groups["m"]) if groups.get("m") else MONTHS[groups["mn"].lower().rstrip(".")]
            day = int(groups["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            best = (match.start(), f"{year:04d}-{month:02d}-{day:02d}")
    return best[1] if best else None


def _is_body(line: str) -> bool:
    words = len(line.split())
    return (words >= 8 and bool(_SENTENCE_END.search(line))) or words >= 25


def _is_cut_sentence(line: str) -> bool:
    """A sentence cut off where the stored text ends ("... agreed to upgrade ties to a
    Comprehensive Strategic Partnership,"): prose, not a headline in title case.

    >>> _is_cut_sentence("the two countries' leaders agreed to upgrade bilateral relationship to a Comprehensive "
    ...                  "Strategic Partnership,")
    True
    >>> _is_cut_sentence("China, Vietnam Agree To Deepen Comprehensive Strategic Cooperative Partnership")
    False
    """
    words = line.split()
    if len(words) < 10:
        return False
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised / len(words) < 0.5


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    words = len(stripped.split())
    if not stripped:
        return False
    if stripped.count(">") >= 2 or stripped.endswith(">") or stripped.startswith("Home >"):
        return True  # breadcrumb
    if stripped.count("|") >= 2 and words <= 20:
        return True  # menu or footer links
    if _META_LINE.match(stripped) and words <= 16:
        return True
    if _BYLINE.match(stripped) and words <= 12:
        return True
    if _BOILERPLATE.search(stripped) and (words <= 40 or not _is_body(stripped)):
        return True
    if _DISCLAIMER.search(stripped):
        return True
    return False


# A hard-wrapped line ends inside a sentence: on a word or a comma, not on a sentence's end.
_WRAPPED_END = re.compile(r"[A-Za-z,;]$")


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines with a hard wrap inside a sentence joined again: a line that ends on a word or comma
    and a next line that starts in lower case ("lift their comprehensive strategic" / "cooperative
    partnership to a new level"), as wire copy reprinted with fixed-width lines has them.

    >>> _unwrapped(["lift their comprehensive strategic", "cooperative partnership.", "Next line"])
    ['lift their comprehensive strategic cooperative partnership.', 'Next line']
    """
    out: list[str] = []
    for line in lines:
        if out and _WRAPPED_END.search(out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line.lstrip()}"
        else:
            out.append(line)
    return out


def clean_text(raw: str) -> CleanText:
    """Split ``raw`` into lines, drop page furniture, keep the article.

    Metadata found on the way (a leading ``date YYYY-MM-DD`` token, a "Release Date:" line or a
    date standing under the headline) becomes the publication date.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    published = basis = None
    token = _LEADING_DATE_TOKEN.match(text)
    if token:
        published, basis = token.group(1), "metadata"
        text = text[token.end() :]

    lines = _unwrapped([line.rstrip() for line in text.split("\n")])
    body_indexes = [i for i, line in enumerate(lines) if _is_body(line) and not _is_furniture(line)]
    first_body = body_indexes[0] if body_indexes else len(lines)
    more = next((i for i, line in enumerate(lines) if i > first_body and _MORE_STORIES.match(line.strip())), None)
    if more is not None:
        # Under the story, a "Latest news" heading lists other stories, whole sentences included.
        body_indexes = [i for i in body_indexes if i < more]
    last_body = body_indexes[-1] if body_indexes else -1
    last_line = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    if last_line > last_body >= 0 and _is_cut_sentence(lines[last_line]) and not _is_furniture(lines[last_line]):
        last_body = last_line  # the stored text ends inside a sentence: keep what it says

    kept: list[str] = []
    dropped: list[str] = []
    title = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        # A line holding a date alone is the page's date line a few lines into the story too
        # ("2 min read" / "18 October, 2018" under the lead).
        date_only = bool(_DATE_ONLY.match(stripped)) and len(stripped.split()) <= 6
        near_top = i <= first_body or (date_only and i <= first_body + 5)
        metadata = _META_LINE.match(stripped) or _DATE_ONLY.match(stripped)
        # Under the headline, a short line carrying a full date is the page's date line
        # ("Updated 4:12 PM GMT+11, March 7, 2024", "AKIpress, 06.06.2024"); the headline itself is not.
        dated_line = title is not None and i < first_body and not _is_body(stripped) and parse_page_date(stripped)
        if near_top and (metadata or dated_line) and len(stripped.split()) <= 16:
            date = parse_page_date(stripped)
            if date and published is None and not _is_period(stripped):
                published, basis = date, "page"
            dropped.append(stripped)
            continue
        if _is_furniture(stripped):
            dropped.append(stripped)
            continue
        if i > last_body >= 0 and (not _is_body(stripped) or (more is not None and i >= more)):
            dropped.append(stripped)  # trailing related-article headlines and link lists
            continue
        if i < first_body and title is None and not _SENTENCE_END.search(stripped):
            title = stripped
        kept.append(stripped)
    if published is None:
        # "London, August 29, 2018 (AltAfrica)-", "JAKARTA, Indonesia, Sept. 6, 2023 /CNW/ -": a
        # dateline with a year opening one of the first paragraphs tells when the story was filed.
        for line in kept[:4]:
            dateline = _DATELINE_WITH_YEAR.match(line)
            if dateline and (day := parse_page_date(dateline.group("date"))):
                published, basis = day, "dateline"
                break
    return CleanText(
        text="\n\n".join(kept),
        published=published,
        published_basis=basis,
        title=title,
        dropped=tuple(dropped),
    )
