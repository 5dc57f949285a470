"""Readers: files and folders in, :class:`~entente.ingest.model.Article` records out.

``.txt``, ``.md`` and extension-less text (with an optional ``date YYYY-MM-DD`` token),
``.html``/``.htm`` saved pages, and ``.jsonl``/``.csv`` records (:mod:`entente.ingest.records`:
``text``, ``published``, ``title``, ``url`` under their usual synonyms). Folders are read
recursively, in sorted order; files no reader takes, and the asset folders of saved pages
(``X_files/``), are skipped and counted in one line. A file that cannot be used gives one
:class:`ReadProblem` naming it and the reason; reading goes on with the rest.

Each file type has a reader in a registry (:func:`register_reader`): a function from the file's
bytes, its display name and the :class:`ReadOptions` to articles and problems. A reader in another
module is registered by its dotted name, so its module (and its libraries) load only when a file
of that type is read.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("date 2023-09-23 Xi met Gusmao in Hangzhou on Saturday.")
>>> [a.published for a in read_articles([folder]) if isinstance(a, Article)]
['2023-09-23']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import TypeVar

from entente.ingest.clean import clean_text
from entente.ingest.dates import dateline_day
from entente.ingest.model import Article, stable_id

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "ReadProblem",
    "Reader",
    "SourceFile",
    "article_from_text",
    "article_id",
    "batched",
    "decode_bytes",
    "read_articles",
    "reader_for",
    "register_reader",
    "source_digest",
    "supported_suffixes",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_T = TypeVar("_T")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be used (or a line of it), and why.

    A ``warning`` loses nothing that should have been an article (files skipped as page assets,
    keys not read); the command line shows it but does not fail for it.
    """

    source: str
    message: str
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ReadOptions:
    """How files are read: the settings every reader is given.

    ``published`` is the publication date for articles that carry none of their own. ``fields``
    maps Entente's record fields (``text``, ``published``, ``title``, ``url``) to the keys a
    JSONL or CSV file uses for them, over the usual synonyms. ``day_first`` reads ``22/08/2024``
    as the 22nd of August (else such a date is month first). In folders, ``include`` globs (when
    given) name the only files read, and ``exclude`` globs files and folders to skip; a glob
    matches a path inside the folder (``drafts/*``) or a file or folder name (``*.htm``).
    """

    published: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    day_first: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


#: A reader: ``(the file's bytes, its display name, the options)`` to articles and problems. An
#: article read from the n-th record of a file has the source ``f"{name}#{n}"``.
Reader = Callable[[bytes, str, ReadOptions], Iterable["Article | ReadProblem"]]


@dataclass
class _Registered:
    reader: Reader | str  # a function, or "module:function" imported on first use
    binary: bool  # the reader takes binary data (else binary-looking files are refused before it)
    archive_bytes: int = 0  # an archive of many articles may be this big, over the limit for one file

    def load(self) -> Reader:
        if isinstance(self.reader, str):
            module, _, name = self.reader.partition(":")
            self.reader = getattr(importlib.import_module(module), name)
            assert callable(self.reader)
        return self.reader


_READERS: dict[str, _Registered] = {}


def register_reader(
    suffixes: Iterable[str], reader: Reader | str, *, binary: bool = False, archive_bytes: int = 0
) -> None:
    """Read files whose names end in one of ``suffixes`` (``".pdf"``, ``".warc.gz"``) with ``reader``.

    ``reader`` is a function or ``"module:function"`` (imported when the first such file is read).
    ``binary=True`` hands the reader files that look binary, which are otherwise refused. The
    longest matching suffix wins, so ``.warc.gz`` can be read apart from ``.gz``; ``""`` is the
    reader of files with no suffix. ``archive_bytes`` is the size limit of a file that holds many
    articles (a web archive), when it is above the ``max_bytes`` of :func:`read_articles`.
    """
    for suffix in suffixes:
        _READERS[suffix.lower()] = _Registered(reader, binary, archive_bytes)


def supported_suffixes() -> list[str]:
    """The registered suffixes, sorted (``""``, the reader of files without one, left out)."""
    return sorted(s for s in _READERS if s)


def _suffix(path: Path) -> str:
    """The registered suffix ``path``'s name ends in (the longest), else its last suffix."""
    name = path.name.lower()
    matches = [s for s in _READERS if s and name.endswith(s) and len(name) > len(s)]
    return max(matches, key=len) if matches else path.suffix.lower()


def reader_for(path: str | os.PathLike[str]) -> str | None:
    """The registered suffix whose reader reads ``path``, or None when no reader does.

    >>> reader_for("statement.TXT"), reader_for("logo.png")
    ('.txt', None)
    """
    suffix = _suffix(Path(path))
    return suffix if suffix in _READERS else None


def article_id(text: str) -> str:
    """Stable id of an article: a hash of its normalised text (case and spacing ignored)."""
    norm = unicodedata.normalize("NFKC", text).lower()
    return stable_id(" ".join(norm.split()))


def decode_bytes(data: bytes) -> str:
    """Text from bytes: UTF-16 with a byte-order mark, UTF-8 (with or without BOM), else
    Windows-1252, else Latin-1.

    >>> decode_bytes("Gusmão".encode("cp1252"))
    'Gusmão'
    >>> decode_bytes("Gusmão".encode("utf-16"))
    'Gusmão'
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # a BOM-like start of something else: try the byte encodings
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")


def _real_day(value: str | None) -> str | None:
    """``value`` if it is an ISO day that exists on the calendar (``2023-02-30`` is not), else None."""
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _is_utf16(data: bytes) -> bool:
    """Whether ``data`` is UTF-16 text with a byte-order mark (Windows "Unicode" files)."""
    if not data.startswith(_UTF16_BOMS) or len(data) % 2:
        return False
    try:
        data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 50)


def article_from_text(
    raw: str,
    source: str,
    *,
    published: str | None = None,
    published_basis: str | None = None,
    title: str | None = None,
    url: str | None = None,
    default_published: str | None = None,
) -> Article | None:
    """An :class:`Article` from raw text; ``None`` when nothing of an article is left."""
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        return None
    # A date that is not a calendar day ("2023-02-30" in a page) is no date: the next source counts.
    pub, basis = _real_day(published), published_basis
    if pub is None and _real_day(cleaned.published):
        pub, basis = cleaned.published, cleaned.published_basis
    if pub is None and (day := dateline_day(cleaned.text)):
        pub, basis = day, "dateline"
    if pub is None and _real_day(default_published):
        pub, basis = default_published, "option"
    return Article(
        id=article_id(cleaned.text),
        source=source,
        text=cleaned.text,
        published=pub,
        title=title or cleaned.title,
        url=url,
        published_basis=basis if pub else None,
    )


def _one(article: Article | None, source: str) -> Iterator[Article | ReadProblem]:
    yield ReadProblem(source, "no article text found") if article is None else article


#: Markup tags in a plain-text file: a page's HTML saved as text ("<h4><strong>España y China ...").
_MARKUP = re.compile(r"</?(?:p|div|span|strong|em|b|i|h[1-6]|br|a|li|ul|ol|td|tr)\b[^<>]{0,300}>", re.I)


def _read_text(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    text = decode_bytes(data)
    if len(_MARKUP.findall(text[:20_000])) >= 3:
        yield from _read_html(data, source, options)  # HTML kept in a .txt file is read as a page
        return
    yield from _one(article_from_text(text, source, default_published=options.published), source)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|\*\*|__|`+", re.M)


def _read_markdown(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """Markdown as text: links keep their words, marks go; a front matter's ``title`` and date count."""
    from entente.ingest.records import parse_published

    raw = decode_bytes(data).replace("\r\n", "\n")
    meta: dict[str, str] = {}
    if match := _FRONT_MATTER.match(raw):
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("'\"")
        raw = raw[match.end() :]
    day = next((d for k in ("published", "date") if (d := parse_published(meta.get(k))[0])), None)
    text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", raw))
    article = article_from_text(
        text,
        source,
        published=day,
        published_basis="metadata" if day else None,
        title=meta.get("title") or None,
        default_published=options.published,
    )
    yield from _one(article, source)


def _read_html(data: bytes, source: str, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    from entente.ingest.html import html_to_text  # bs4 is only imported when a page is read

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = html_to_text(decode_bytes(data))
    article = article_from_text(
        page.text,
        source,
        published=page.published,
        published_basis="metadata" if page.published else None,
        title=page.title,
        url=page.url,
        default_published=options.published,
    )
    yield from _one(article, source)


#: Gold labels kept beside the articles they label (``entente eval``) are skipped when a folder is read.
GOLD_SUFFIX = ".gold.jsonl"


#: Folders a browser writes beside a page saved "complete" (``X.html`` and ``X_files/``).
ASSET_FOLDER = "_files"


def _ignored(name: str) -> bool:
    """Hidden files, a folder's own notes and gold labels: never articles, never counted."""
    return name.startswith(".") or name.upper().startswith("README") or name.lower().endswith(GOLD_SUFFIX)


def _matches(relative: PurePosixPath, globs: tuple[str, ...]) -> bool:
    return any(fnmatchcase(relative.as_posix(), g) or fnmatchcase(relative.name, g) for g in globs)


@dataclass
class _Skipped:
    """Files a folder walk passed over, by suffix, and the folders that had nothing to read."""

    by_suffix: Counter[str] = field(default_factory=Counter)
    folders: list[str] = field(default_factory=list)

    def problems(self) -> Iterator[ReadProblem]:
        for folder in self.folders:
            yield ReadProblem(folder, "no article files in this folder", warning=True)
        total = sum(self.by_suffix.values())
        if total:
            ordered = sorted(self.by_suffix.items(), key=lambda item: (-item[1], item[0]))
            counts = ", ".join(f"{suffix or '(none)'} {n}" for suffix, n in ordered)
            yield ReadProblem(
                "",
                f"skipped {total} file{'s' if total != 1 else ''}: {counts}"
                " (page assets and types no reader takes; --include GLOB reads them)",
                warning=True,
            )


def _walk(path: Path, options: ReadOptions, skipped: _Skipped) -> Iterator[Path]:
    """The files to read under ``path``, in sorted order (a file is itself); the rest is counted in ``skipped``."""
    if path.is_file():
        yield path
        return
    found = False
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        folder = PurePosixPath(Path(root).relative_to(path).as_posix())
        assets = any(part.endswith(ASSET_FOLDER) for part in folder.parts)
        excluded = any(
            _matches(PurePosixPath(*folder.parts[: i + 1]), options.exclude) for i in range(len(folder.parts))
        )
        for name in sorted(files):
            if _ignored(name):
                continue
            relative = folder / name
            if excluded or _matches(relative, options.exclude):
                read = False
            elif options.include:
                read = _matches(relative, options.include)
            else:
                read = not assets and reader_for(name) is not None
            if read:
                found = True
                yield Path(root) / name
            else:
                skipped.by_suffix[_suffix(Path(name))] += 1
    if not found:
        skipped.folders.append(_display(path))


def _display(path: Path) -> str:
    return path.as_posix()


#: A file's content read ahead to ask the store which files it already has whole: up to this
#: many files, or this many bytes, at a time.
SOURCE_CHUNK_FILES = 256
SOURCE_CHUNK_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A file read whole and without a problem: the digest of its type and bytes, its path, its size.

    A store that has recorded a file's digest holds every article in it, so a later ingest can
    skip the file without parsing it (:func:`read_articles` with ``known_sources``).
    """

    digest: str
    path: str
    size: int


def source_digest(suffix: str, data: bytes) -> str:
    """The digest of a file's content as read (its type decides how it is parsed, so it counts)."""
    return hashlib.sha256(suffix.lower().encode("ascii", "replace") + b"\0" + data).hexdigest()


def _files(paths: Iterable[str | os.PathLike[str]], options: ReadOptions) -> Iterator[Path | ReadProblem]:
    skipped = _Skipped()
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield ReadProblem(_display(path), "no such file or folder")
            continue
        yield from _walk(path, options, skipped)
    yield from skipped.problems()


def _load(file: Path, max_bytes: int) -> bytes | ReadProblem:
    """A file's bytes, or why they cannot be articles."""
    source = _display(file)
    suffix = _suffix(file)
    registered = _READERS.get(suffix)
    if registered is None:
        return ReadProblem(
            source, f"unsupported file type {suffix or '(none)'!r}; use one of {', '.join(supported_suffixes())}"
        )
    try:
        size, limit = file.stat().st_size, max(max_bytes, registered.archive_bytes)
        if size > limit:
            return ReadProblem(source, f"file is {size:,} bytes, over the limit of {limit:,} bytes; skipped")
        data = file.read_bytes()
    except OSError as exc:
        return ReadProblem(source, f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return ReadProblem(source, "empty file")
    if not registered.binary and _looks_binary(data) and not _is_utf16(data):
        return ReadProblem(source, "binary data, not text; skipped")
    return data


def _parse(file: Path, data: bytes, options: ReadOptions) -> Iterable[Article | ReadProblem]:
    return _READERS[_suffix(file)].load()(data, _display(file), options)


def _loaded(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int, chunked: bool, options: ReadOptions
) -> Iterator[list[tuple[Path, bytes] | ReadProblem]]:
    """``(file, its bytes)`` or why not for every file, a chunk at a time (one file unless ``chunked``)."""
    chunk: list[tuple[Path, bytes] | ReadProblem] = []
    size = 0
    for file in _files(paths, options):
        data = file if isinstance(file, ReadProblem) else _load(file, max_bytes)
        if isinstance(data, ReadProblem):
            chunk.append(data)
        else:
            assert isinstance(file, Path)  # only a file has bytes
            chunk.append((file, data))
            size += len(data)
        if not chunked or len(chunk) >= SOURCE_CHUNK_FILES or size >= SOURCE_CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known_sources: Callable[[list[str]], set[str]] | None = None,
    on_source: Callable[[SourceFile, bool], None] | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Article | ReadProblem]:
    """Articles from files and folders, streaming, with a :class:`ReadProblem` per bad input.

    ``published`` is the publication date for articles that carry none of their own (a shorthand
    for ``options=ReadOptions(published=...)``; ``options`` wins when both are given).
    ``known_sources(digests)`` names the files (by :func:`source_digest`) to skip unparsed, because
    a store holds them whole already. ``on_source(file, unchanged)`` hears of each file read whole
    with no problem (``unchanged=False``, after its last article) and of each file skipped
    (``unchanged=True``).
    """
    options = options or ReadOptions(published=published)
    tracked = known_sources is not None or on_source is not None  # else no file is hashed
    for chunk in _loaded(paths, max_bytes, known_sources is not None, options):
        sources = {
            i: SourceFile(source_digest(_suffix(entry[0]), entry[1]), _display(entry[0]), len(entry[1]))
            for i, entry in enumerate(chunk)
            if tracked and not isinstance(entry, ReadProblem)
        }
        known = known_sources(sorted({s.digest for s in sources.values()})) if known_sources and sources else set()
        for i, entry in enumerate(chunk):
            if isinstance(entry, ReadProblem):
                yield entry
                continue
            file, data = entry
            source = sources.get(i)
            if source and source.digest in known:
                if on_source:
                    on_source(source, True)
                continue
            whole = True
            for article in _parse(file, data, options):
                whole = whole and not (isinstance(article, ReadProblem) and not article.warning)
                yield article
            if whole and source and on_source:
                on_source(source, False)


def batched(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Lists of ``size`` items (the last one shorter), streaming."""
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


register_reader([".txt", ".text", ""], _read_text)
register_reader([".md", ".markdown"], _read_markdown)
register_reader([".html", ".htm"], _read_html)
register_reader([".jsonl"], "entente.ingest.records:read_jsonl")
register_reader([".csv"], "entente.ingest.records:read_csv")

# Documents, feeds and web archives (ingest/formats/): a format's library loads with its first file.
register_reader([".pdf"], "entente.ingest.formats.pdf:read_pdf", binary=True)
register_reader([".docx"], "entente.ingest.formats.word:read_docx", binary=True)
register_reader([".rss", ".atom", ".xml"], "entente.ingest.formats.feeds:read_feed")
# A web archive holds thousands of pages (it is read whole, in memory): up to 4 GiB.
register_reader([".warc", ".warc.gz"], "entente.ingest.formats.warc:read_warc", binary=True, archive_bytes=4 << 30)
