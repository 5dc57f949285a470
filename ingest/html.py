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
# Page headers that spell the date in pieces: <span class="year">2024</span><span class="day">05/16</span>.
_DATE_MARK = re.compile(r"(?:^|[-_ ])(?:date|time|pubtime|publish\w*|header-cont|info)(?:$|[-_ ])", re.I)
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


def _meta(soup: BeautifulSoup, attr: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
    if isinstance(tag, Tag):
        content = tag.get("content")
        if isinstance(content, str) and content.strip():
            return content.strip()
    return None


def _published(soup: BeautifulSoup) -> str | None:
    for attr, value in _DATE_META:
        content = _meta(soup, attr, value)
        if content and (date := parse_page_date(content)):
            return date
    for time in soup.find_all("time"):
        stamp = time.get("datetime") if isinstance(time, Tag) else None
        if isinstance(stamp, str) and (date := parse_page_date(stamp)):
            return date
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        found = _JSON_LD_DATE.search(script.get_text())
        if found and (date := parse_page_date(found.group(1))):
            return date
    for tag in soup.find_all(True):
        marks = " ".join([_attribute(tag, "id"), *_attribute_list(tag, "class")])
        if not marks.strip() or not _DATE_MARK.search(marks):
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
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

    trafilatura finds the story, its headline, date and URL (one parse); Entente's page-date rules
    date what it leaves undated, and Entente's own cleaner reads the pages where it finds less than
    a short paragraph (there trafilatura keeps the whole page).
    """
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return _rules_to_text(html)
    standfirst = _standfirst(tree)  # before extraction, which may prune the tree
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
        # Dates from the page's metadata and markup only: htmldate's free-text search takes a
        # related story's date or a "Copyright © 2000 - 2024" footer; Entente's rules find the date line.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if not isinstance(document, Document) or not isinstance(document.text, str) or len(document.text) < _SHORT:
        return _rules_to_text(html)
    title = document.title if isinstance(document.title, str) and document.title.strip() else None
    published = parse_page_date(document.date) if isinstance(document.date, str) else None
    if published is None:
        published = _published(BeautifulSoup(html, "html.parser"))
    url = document.url if isinstance(document.url, str) else None
    blocks = [" ".join(line.split()) for line in document.text.splitlines() if line.strip()]
    if standfirst and standfirst not in " ".join(blocks):
        blocks.insert(0, standfirst)  # trafilatura drops a standfirst set apart from the body
    if title and title not in blocks[:3]:
        blocks.insert(0, title)  # trafilatura keeps the headline apart; a headline is news
    return Page(text="\n\n".join(blocks), title=title, published=published, url=url)


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


def _rules_to_text(html: str) -> Page:
    """The article by Entente's own rules: for pages trafilatura finds no text in."""
    soup = BeautifulSoup(html, "html.parser")
    published = _published(soup)
    url = _meta(soup, "property", "og:url")
    canonical = soup.find("link", rel="canonical")
    href = canonical.get("href") if isinstance(canonical, Tag) else None
    if url is None and isinstance(href, str):
        url = href
    heading = soup.find("h1")
    title = (
        _meta(soup, "property", "og:title")
        or (heading.get_text(" ", strip=True) if isinstance(heading, Tag) else None)
        or (soup.title.get_text(" ", strip=True) if soup.title else None)
    )
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
    headline = heading.get_text(" ", strip=True) if isinstance(heading, Tag) else None
    if headline and (not blocks or blocks[0] != headline) and headline not in blocks[:3]:
        blocks.insert(0, headline)
    return Page(text="\n\n".join(blocks), title=title, published=published, url=url)
