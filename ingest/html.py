"""Saved web pages to article text: the story, not the page around it.

Scripts, styles, navigation, headers, footers, asides, forms, share bars, cookie banners and
related-article lists are removed; the container holding most paragraph text is the article.
The headline, publication date and canonical URL come from the page's own metadata.

>>> page = html_to_text('<html><head><meta property="article:published_time" content="2023-05-19T10:00">'
...     '<title>Site</title></head><body><nav>Home | World</nav><article><h1>Leaders meet</h1>'
...     '<p>The two leaders met in Xi\\'an on Thursday and agreed on a plan.</p></article>'
...     '<footer>About us</footer></body></html>')
>>> page.text
"Leaders meet\\n\\nThe two leaders met in Xi'an on Thursday and agreed on a plan."
>>> page.published
'2023-05-19'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from lxml.html import HtmlElement

from entente.ingest.clean import parse_page_date

__all__ = ["Page", "html_to_text"]

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "template",
    "input",
    "label",
    "menu",
    "dialog",
    "figure",
)
_DROP_ATTR = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|menu|footer|share|sharing|social|related|recommend|breadcrumbs?|cookie|"
    r"consent|banner|sidebar|comments?|advert|ads|ad|promo|subscribe|newsletter|popular|trending|"
    r"more-stories|read-more|tags|toolbar|masthead|site-header|byline|author)(?:$|[-_ ])",
    re.I,
)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td")
_DATE_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "DC.date.issued"),
    ("name", "dc.date"),
    ("property", "og:published_time"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("name", "dcterms.date"),
    ("name", "dcterms.issued"),
    ("name", "dcterms.created"),
    ("name", "citation_publication_date"),
    # Advance Local's sites (cleveland.com, oregonlive.com, ...): "Saturday, December 27, 2014, 12:06 PM".
    ("name", "article_date_original"),
    ("itemprop", "dateCreated"),
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# Date lines by their class: "m-pub-dates" (Issued on: 14/07/2023), and page headers that spell the
# date in pieces: <span class="year">2024</span><span class="day">05/16</span>.
_DATE_MARK = re.compile(r"(?:^|[-_ ])(?:dates?|time|pub|pubtime|publish\w*|header-cont|info)(?:$|[-_ ])", re.I)
_YEAR_THEN_DAY = re.compile(r"\b(?P<y>(?:19|20)\d\d)\s+(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b")


# Under trafilatura's own minimum (MIN_EXTRACTED_SIZE, 250 characters) it falls back to the whole
# text of <article> or <body>, banners and related links included: Entente's rules read those pages.
_SHORT = 250
_STANDFIRST = re.compile(r"(?:^|[-_ ])(?:sapo|chapo|chapeau|standfirst|lede|intro|dek|deck|strapline)(?:$|[-_ ])", re.I)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class _Metadata:
    title: str | None
    headline: str | None  # the page's <h1>
    published: str | None
    url: str | None
    standfirst: str | None


def _spaced(element: HtmlElement) -> str:
    """An element's text, its pieces joined by spaces (``<span>2024</span><span>05/16</span>``)."""
    return " ".join(" ".join(piece.split()) for piece in element.itertext() if piece.strip())


def _metadata(tree: HtmlElement | None) -> _Metadata:
    """Headline, title, publication date, URL and standfirst, from the page's own markup."""
    if tree is None:
        return _Metadata(None, None, None, None, None)
    metas: dict[tuple[str, str], str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = (attr, (meta.get(attr) or "").strip().lower())
            if content and key[1] and key not in metas:
                metas[key] = content
    heading = next(tree.iter("h1"), None)
    headline = (_spaced(heading) or None) if heading is not None else None
    page_title = next(tree.iter("title"), None)
    page_title_text = (_spaced(page_title) or None) if page_title is not None else None
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    return _Metadata(
        title=metas.get(("property", "og:title")) or headline or page_title_text,
        headline=headline,
        published=_published(tree, metas),
        url=metas.get(("property", "og:url")) or canonical,
        standfirst=_standfirst(tree),
    )


def _published(tree: HtmlElement, metas: dict[tuple[str, str], str]) -> str | None:
    for attr, value in _DATE_META:
        content = metas.get((attr, value.lower()))
        if content and (date := parse_page_date(content)):
            return date
    for time in tree.iter("time"):
        stamp = time.get("datetime")
        if stamp and (date := parse_page_date(stamp)):
            return date
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            found = _JSON_LD_DATE.search(script.text or "")
            if found and (date := parse_page_date(found.group(1))):
                return date
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        marks = f"{element.get('id') or ''} {element.get('class') or ''}"
        if not marks.strip() or not _DATE_MARK.search(marks):
            continue
        text = _spaced(element)
        if len(text) > 120:
            continue  # a container, not a date line
        if date := parse_page_date(text):
            return date
        if (pieces := _YEAR_THEN_DAY.search(text)) and 1 <= int(pieces["m"]) <= 12 and 1 <= int(pieces["d"]) <= 31:
            return f"{int(pieces['y']):04d}-{int(pieces['m']):02d}-{int(pieces['d']):02d}"
    return None


def _block_text(node: Tag) -> list[str]:
    blocks = []
    blocks_and_divs = (*_BLOCKS, "div")
    for element in node.find_all(blocks_and_divs):
        if element.find(blocks_and_divs):
            # Nested blocks carry their own text; this block keeps what stands outside them (an
            # unclosed <p> swallows the paragraphs after it, and its own sentence must not go).
            text = " ".join(
                " ".join(
                    s
                    for s in element.find_all(string=True)
                    if type(s) is NavigableString and s.find_parent(blocks_and_divs) is element
                ).split()
            )
        else:
            text = " ".join(element.get_text(" ", strip=True).split())
        if element.name == "div" and len(text.split()) < 8:
            continue  # a bare div is text only when it reads like a paragraph (a lede, a standfirst)
        if text:
            blocks.append(text)
    if not blocks:
        text = node.get_text("\n", strip=True)
        blocks = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    return blocks


def _main_container(soup: BeautifulSoup) -> Tag:
    candidates = soup.find_all("article") or soup.select("[itemprop=articleBody]") or soup.find_all("main")
    if not candidates:
        scores: dict[int, tuple[int, Tag]] = {}
        for paragraph in soup.find_all("p"):
            parent = paragraph.parent
            if isinstance(parent, Tag):
                length = len(paragraph.get_text(" ", strip=True))
                old = scores.get(id(parent), (0, parent))
                scores[id(parent)] = (old[0] + length, parent)
        if scores:
            best = max(scores.values(), key=lambda item: item[0])[1]
            # Climb to the wrapper that also holds the lede ("sapo", standfirst) when it adds little else.
            size = len(best.get_text(" ", strip=True))
            while isinstance(best.parent, Tag) and best.parent.name not in ("body", "html", "[document]"):
                if len(best.parent.get_text(" ", strip=True)) > size * 1.25 + 200:
                    break
                best = best.parent
            return best
        return soup.body or soup
    return max(candidates, key=lambda tag: len(tag.get_text(" ", strip=True)))


def _holds_the_story(tag: Tag, paragraphs: int) -> bool:
    """Whether ``tag`` holds most of the page's paragraph text: a layout wrapper named after the
    sidebar beside it (``c-fixed-sidebar-layout``, ``l-sidebar-fixed``), not a sidebar."""
    return paragraphs > 0 and sum(len(p.get_text()) for p in tag.find_all("p")) * 2 > paragraphs


def _attribute(tag: Tag, name: str) -> str:
    """A single-valued attribute (``id``, ``role``), ``""`` when absent."""
    value = tag.get(name)
    return value if isinstance(value, str) else " ".join(value or [])


def _attribute_list(tag: Tag, name: str) -> list[str]:
    """A multi-valued attribute (``class``) as its values, ``[]`` when absent."""
    value = tag.get(name)
    return [value] if isinstance(value, str) else list(value or [])


def html_to_text(html: str) -> Page:
    """The article of a saved page, as paragraphs separated by blank lines.

    trafilatura finds the story; Entente's rules give the headline, standfirst, publication date
    and URL from the same parse (lxml), and Entente's own cleaner reads the pages where trafilatura
    finds less than a short paragraph (there it keeps the whole page).
    """
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(html)
    metadata = _metadata(tree)  # before extraction, which prunes the tree
    if tree is None:
        return _rules_to_text(html, metadata)
    document = trafilatura.bare_extraction(
        tree, include_comments=False, include_tables=False, deduplicate=False, with_metadata=False
    )
    if not isinstance(document, Document) or not isinstance(document.text, str) or len(document.text) < _SHORT:
        return _rules_to_text(html, metadata)
    blocks = [" ".join(line.split()) for line in document.text.splitlines() if line.strip()]
    if metadata.standfirst and metadata.standfirst not in " ".join(blocks):
        blocks.insert(0, metadata.standfirst)  # trafilatura drops a standfirst set apart from the body
    headline = metadata.headline or metadata.title
    if headline and headline not in blocks[:3]:
        blocks.insert(0, headline)  # trafilatura keeps the headline apart; a headline is news
    return Page(text="\n\n".join(blocks), title=metadata.title, published=metadata.published, url=metadata.url)


def _standfirst(tree: HtmlElement) -> str | None:
    """The first standfirst of the page (``class="sapo"``, ``chapo``, ``standfirst``, ``lede``,
    ``intro``, ``dek``): the sentence between headline and body that often carries the news."""
    for element in tree.iter():
        marks = element.get("class") if isinstance(element.tag, str) else None
        if marks and _STANDFIRST.search(marks):
            text = " ".join(element.text_content().split())
            if 8 <= len(text.split()) <= 80:
                return text
    return None


def _rules_to_text(html: str, metadata: _Metadata | None = None) -> Page:
    """The article by Entente's own rules: for pages trafilatura finds (almost) no text in."""
    if metadata is None:
        from trafilatura.utils import load_html

        metadata = _metadata(load_html(html))
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    paragraphs = sum(len(p.get_text()) for p in soup.find_all("p"))
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "article", "main", "h1"):
            continue
        marks = " ".join([_attribute(tag, "id"), *_attribute_list(tag, "class"), _attribute(tag, "role")])
        if marks.strip() and _DROP_ATTR.search(marks) and not _holds_the_story(tag, paragraphs):
            tag.decompose()
    container = _main_container(soup)
    blocks = _block_text(container)
    headline = metadata.headline
    if headline and (not blocks or blocks[0] != headline) and headline not in blocks[:3]:
        blocks.insert(0, headline)
    return Page(text="\n\n".join(blocks), title=metadata.title, published=metadata.published, url=metadata.url)
