"""Does a learned check beat the rules at telling a pair's new announcement? (issue 12, item 4)

For every pair the rules give a claim in a labelled article, the example says what the rules saw
and the label is whether the gold says the article announces a level for the pair (``establish``
or ``upgrade``, as ``entente eval`` counts an announcement). A spaCy ``textcat`` on
``spacy.blank("en")``, trained with spaCy's own training loop from a config in ``bench/textcat/``
(the same as ``python -m spacy train``), learns it. The inputs compared (``--inputs``):

- ``verdict``: session 6's input: the rules' verdict (``RULE_upgrade``, ``RULEFAM_change_no_verb``)
  and every sentence the rules read a level of the pair in;
- ``rich``: the rules' verdict, then for each level of the pair the rules read (a draft): its
  change, rule, whether it is history, how its date stands to the article, whether the pair is the
  article's own, and a window of the sentence around the level, with the level itself replaced by
  a marker (``LVL``) so that the words around it, not its name, carry the decision; then whether
  the headline names a level, the headline's own words, and the sentences around the first level's.
- ``cues``: ``rich`` without the rules' final verdict (only the per-draft cues), so the classifier
  cannot simply learn to trust the rules on the texts they were tuned on;
- ``drafts``: one example per level read (its cues, the words around it, the sentence before),
  labelled whether it is the level the gold announces; a pair's probability is its likeliest level's.

Three deciders are scored as announcement F1: the rules alone; the classifier alone; and the
rules overruled only where the classifier is sure (``--sure``). Pairs the rules give no claim are
outside all three; the gold announcements among them are added as misses to every decider
(``outside_missed``), so the F1 is comparable to ``entente eval``'s on the same texts.

1. ``--cv``: five-fold cross-validation on ``real/dev`` split by event (the rules were tuned on
   all of ``real/dev``, so they are favoured there).
2. ``--fresh DIR ...``: trained on all of ``real/dev``, scored on other labelled folders (each with
   its own ``gold.jsonl``, ``source`` relative to it) as one set, for example a collection round
   nobody has tuned on yet. Their texts (by URL) are left out of training and of ``--cv``, even
   once the round is merged into ``real/dev``.
3. ``--holdout``: trained on all of ``real/dev``, scored on ``real/holdout`` (the program reads the
   held-out texts, as ``entente eval`` does; nobody reads them). Only aggregate figures print.

    python bench/claim_classifier.py --cv --inputs rich cues --arch bow ensemble   # name=value lines
    python bench/claim_classifier.py --cv --fresh /work/collect/I /work/collect/J --show
    python bench/claim_classifier.py --save model/   # the model of all real/dev (spaCy's model-last)

Session 8's figures are in ``tests/data/articles/real/README.md`` ("A learned check ...").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import load_config

from entente.ingest.model import Article, PartnershipClaim
from entente.ingest.pipeline import RelationExtractor, build_pipeline
from entente.ingest.readers import read_articles
from entente.ingest.rules import extract_facts
from entente.ingest.rules.events import find_events
from entente.ingest.rules.facts import focus_pairs
from entente.ingest.rules.partnerships import EARLIER_LEVEL, ClaimDraft, find_claims
from entente.ingest.rules.view import ArticleView, within

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "articles" / "real"
CONFIGS = Path(__file__).resolve().parent / "textcat"
ANNOUNCEMENTS = {"establish", "upgrade"}
INPUTS = ("verdict", "rich", "cues", "drafts")
DECIDERS = ("rules", "classifier", "rules_overruled_when_sure")


@dataclass(frozen=True)
class PairExample:
    group: str  # the article's first event key (or its file): folds never split an event
    texts: dict[str, str]  # input name -> the text the classifier reads
    rules_say: bool
    gold_says: bool
    drafts: tuple[tuple[str, bool], ...] = ()  # per level read: its text, whether it is the announced one
    where: str = ""  # the article's source and the pair, for --show


@dataclass
class Labelled:
    rows: list[PairExample]
    outside_missed: int  # gold announcements of pairs the rules give no claim: a miss for every decider
    outside: list[str] = field(default_factory=list)  # which, for --show


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _family(rule: str) -> str:
    return rule.split("(")[0].replace(":", "_").replace("-", "_")


def _window(view: ArticleView, draft: ClaimDraft, level_start: int, level_end: int) -> str:
    """The level's sentence around the level (120 characters before, 80 after), the level a marker."""
    sent = draft.sentence
    before = view.text[max(sent.start_char, level_start - 120) : level_start]
    after = view.text[level_end : min(sent.end_char, level_end + 80)]
    return f"{before} LVL_{draft.rank} {after}".replace("\n", " ")


def _date_word(view: ArticleView, draft: ClaimDraft) -> str:
    if not draft.date.known:
        return "DATE_none"
    if view.is_old(draft.date):
        return "DATE_old"
    return f"DATE_{draft.date.precision}"


def _draft_words(view: ArticleView, draft: ClaimDraft, top_rank: int) -> str:
    """One level the rules read: its cues, then the words around it."""
    level = view.spans["level"][draft.position]
    cues = " ".join(
        (
            f"D_{draft.change}",
            f"DR_{_family(draft.rule)}",
            f"DH_{draft.historical}",
            _date_word(view, draft),
            f"DTOP_{draft.rank == top_rank}",
            f"DPREV_{draft.previous_level is not None}",
            f"DFIRST_{draft.sentence.start_char < 400}",
        )
    )
    return f"{cues} \n {_window(view, draft, level.start_char, level.end_char)}"


def _draft_texts(
    view: ArticleView,
    pair: tuple[str, str],
    drafts: list[ClaimDraft],
    focus: list[tuple[str, str]],
    gold: dict[str, str] | None,
) -> tuple[tuple[str, bool], ...]:
    """The ``drafts`` input: one example per level read, labelled whether it is the level announced."""
    if not drafts:
        return ()
    top_rank = max(d.rank for d in drafts)
    head = f"OWN_{pair in focus} PUBLISHED_{bool(view.article.published)} DRAFTS_{min(len(drafts), 4)}"
    announced = gold is not None and gold["change"] in ANNOUNCEMENTS
    named = gold is not None and any(d.level == gold["level"] for d in drafts)
    found = []
    for draft in drafts:
        sent = view.sents.index(draft.sentence) if draft.sentence in view.sents else 0
        before = view.sents[sent - 1].text[-160:].replace("\n", " ") if sent > 0 else ""
        right = gold is not None and (draft.level == gold["level"] if named else draft.rank == top_rank)
        found.append((f"{head} \n {_draft_words(view, draft, top_rank)} \n PREV {before}", announced and right))
    return tuple(found)


def _describe(view: ArticleView, pair: tuple[str, str], drafts: list[ClaimDraft], focus: list[tuple[str, str]]) -> str:
    """The ``cues`` input of one pair: per draft its cues and the words around its level."""
    levels = view.spans["level"]
    parts = [f"OWN_{pair in focus}", f"PUBLISHED_{bool(view.article.published)}", f"DRAFTS_{min(len(drafts), 4)}"]
    top_rank = max(d.rank for d in drafts)
    headline = view.sents[:2]
    head_levels = [m for m in levels if any(within(m.start_char, m.end_char, s) for s in headline)]
    parts.append(f"HEADLEVEL_{bool(head_levels)} LEVELS_{min(len({d.level for d in drafts}), 3)}")
    # The headline's words, marked as such: "elevate" there tells the article's news.
    parts.append(" ".join(f"h_{w.lower()}" for w in re.findall(r"[\w-]+", view.sents[0].text[:200])))
    for draft in drafts[:6]:
        parts.append(_draft_words(view, draft, top_rank))
    first = drafts[0].sentence
    index = view.sents.index(first) if first in view.sents else 0
    if index > 0:
        parts.append("PREV " + view.sents[index - 1].text[-200:].replace("\n", " "))
    if index + 1 < len(view.sents):
        parts.append("NEXT " + view.sents[index + 1].text[:200].replace("\n", " "))
    return " \n ".join(parts)[:4000]


def _gold(gold_file: Path, split: str | None, skip: frozenset[str] = frozenset()) -> dict[str, dict[str, object]]:
    found = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if (split is None or entry.get("split") == split) and entry.get("url") not in skip:
            found[str(entry["source"])] = entry
    return found


def _urls(folders: Iterable[str]) -> frozenset[str]:
    return frozenset(str(entry["url"]) for f in folders for entry in _gold(Path(f) / "gold.jsonl", None).values())


def examples(gold_file: Path, split: str | None = None, skip: frozenset[str] = frozenset()) -> Labelled:
    """One example per (article, pair) the rules give a claim, for the articles of ``gold_file``
    (those of ``split`` only, if given; none whose URL is in ``skip``)."""
    gold = _gold(gold_file, split, skip)
    base = gold_file.parent
    nlp = build_pipeline()
    relations = nlp.get_pipe("entente_relations")
    assert isinstance(relations, RelationExtractor)
    kb = relations.kb if relations.kb is not None else relations.initialize()
    rows: list[PairExample] = []
    outside: list[str] = []
    by_path = {str((base / source).resolve()): source for source in gold}
    for article in read_articles([base / source for source in sorted(gold)]):
        assert isinstance(article, Article)
        entry = gold[by_path[str(Path(article.source).resolve())]]
        doc = nlp.make_doc(article.text)
        for name, pipe in nlp.pipeline:
            if name != "entente_relations":
                doc = pipe(doc)
        view = ArticleView(doc, article, kb)
        focus = focus_pairs(view, find_events(view))
        drafts = find_claims(view, focus)
        facts = extract_facts(doc, article, kb)
        said: dict[tuple[str, str], PartnershipClaim] = {}
        for claim in facts.partnerships:
            if claim.evidence is None or not claim.evidence.rule.startswith(EARLIER_LEVEL):
                said.setdefault(_pair(claim.parties[0].id, claim.parties[1].id), claim)
        partnerships = entry["partnerships"]
        assert isinstance(partnerships, list)
        gold_claims = {_pair(*c["parties"]): c for c in partnerships}
        wanted = {p: c["change"] for p, c in gold_claims.items()}
        events = entry["events"]
        assert isinstance(events, list)
        group = str(events[0]["key"]) if events else str(entry["source"])
        outside += [
            f"{entry['source']} {'-'.join(p)} gold:{c}"
            for p, c in wanted.items()
            if c in ANNOUNCEMENTS and p not in said
        ]
        for pair, claim in sorted(said.items()):
            own = [d for d in drafts if d.parties == pair]
            rule = claim.evidence.rule if claim.evidence else "none"
            verdict = f"RULE_{claim.change} RULEFAM_{_family(rule)}"
            sentences = list(dict.fromkeys(d.sentence.text for d in own))
            cues = _describe(view, pair, own, focus) if own else "NODRAFT"
            rows.append(
                PairExample(
                    group=group,
                    texts={
                        "verdict": f"{verdict} " + " \n ".join(sentences)[:3000],
                        "rich": f"{verdict} \n {cues}",
                        "cues": cues,
                    },
                    rules_say=claim.change in ANNOUNCEMENTS,
                    gold_says=wanted.get(pair) in ANNOUNCEMENTS,
                    drafts=_draft_texts(view, pair, own, focus, gold_claims.get(pair)),
                    where=f"{entry['source']} {'-'.join(pair)} rules:{claim.change} gold:{wanted.get(pair)}",
                )
            )
    return Labelled(rows, len(outside), outside)


def _docbin(nlp: Language, rows: Iterable[PairExample], inputs: str, path: Path) -> None:
    bin_ = DocBin(store_user_data=False)
    for row in rows:
        for text, label in row.drafts if inputs == "drafts" else ((row.texts[inputs], row.gold_says),):
            doc = nlp.make_doc(text)
            doc.cats = {"ANN": float(label), "NO": float(not label)}
            bin_.add(doc)
    bin_.to_disk(path)


def train(rows: list[PairExample], inputs: str, arch: str, seed: int, output: Path | None = None) -> Language:
    """spaCy's own training (``spacy train bench/textcat/<arch>.cfg``) on these rows."""
    blank = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        _docbin(blank, rows, inputs, Path(tmp) / "train.spacy")
        # spaCy's loop needs a dev corpus to log against; the model kept is the last, never a "best".
        _docbin(blank, rows[:50], inputs, Path(tmp) / "dev.spacy")
        config = load_config(
            CONFIGS / f"{arch}.cfg",
            overrides={
                "paths.train": str(Path(tmp) / "train.spacy"),
                "paths.dev": str(Path(tmp) / "dev.spacy"),
                "system.seed": seed,
            },
            interpolate=False,
        )
        nlp = init_nlp(config)
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)  # spaCy writes model-last inside it
        with open("/dev/null", "w") as quiet:
            nlp, _ = spacy_train(nlp, output, stdout=quiet, stderr=quiet)
    return nlp


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, said: bool, truth: bool) -> None:
        self.tp += said and truth
        self.fp += said and not truth
        self.fn += truth and not said

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def line(self, prefix: str) -> str:
        return f"{prefix}_f1={self.f1():.3f} {prefix}_tp_fp_fn={self.tp},{self.fp},{self.fn}"


def _combine(rules_say: bool, p: float, sure: float) -> bool:
    """The rules' verdict, unless the classifier is sure of the other one."""
    if rules_say and p < 1 - sure:
        return False
    if not rules_say and p > sure:
        return True
    return rules_say


def predict(nlp: Language, rows: list[PairExample], inputs: str) -> list[float]:
    """The probability that each pair is announced (for ``drafts``, that of its likeliest level)."""
    if inputs != "drafts":
        return [doc.cats["ANN"] for doc in nlp.pipe(r.texts[inputs] for r in rows)]
    probs = iter(doc.cats["ANN"] for doc in nlp.pipe(text for r in rows for text, _ in r.drafts))
    return [max((next(probs) for _ in r.drafts), default=0.5) for r in rows]


def tallies(rows: list[PairExample], probs: list[float], sures: list[float]) -> dict[str, Tally]:
    found = {"rules": Tally(), "classifier": Tally()} | {f"overruled_{s:.2f}": Tally() for s in sures}
    for row, p in zip(rows, probs, strict=True):
        found["rules"].add(row.rules_say, row.gold_says)
        found["classifier"].add(p > 0.5, row.gold_says)
        for s in sures:
            found[f"overruled_{s:.2f}"].add(_combine(row.rules_say, p, s), row.gold_says)
    return found


def report(
    prefix: str, labelled: Labelled, probs: list[float], sures: list[float], commit: str, show: bool = False
) -> None:
    if show:  # the pairs the rules or the classifier get wrong (never for the holdout)
        for row, p in zip(labelled.rows, probs, strict=True):
            if row.rules_say != row.gold_says or (p > 0.5) != row.gold_says:
                print(f"show {prefix} {row.where} p={p:.2f}")
        for where in labelled.outside:
            print(f"show {prefix} {where} rules:no-claim")
    print(
        f"{prefix}_pairs={len(labelled.rows)} {prefix}_announced={sum(r.gold_says for r in labelled.rows)} "
        f"{prefix}_outside_missed={labelled.outside_missed} commit={commit}"
    )
    found = tallies(labelled.rows, probs, sures)
    for name, tally in found.items():
        tally.fn += labelled.outside_missed
        print(tally.line(f"{prefix}_{name}"))
    rules = found["rules"].f1()
    for name, tally in found.items():
        if name != "rules" and rules:
            print(f"{prefix}_{name}_over_rules={tally.f1() / rules:.3f}")


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="five-fold cross-validation on real/dev by event")
    parser.add_argument(
        "--fresh",
        nargs="*",
        default=[],
        help="folders with a gold.jsonl nobody tuned on, scored as one set and left out of training",
    )
    parser.add_argument("--holdout", action="store_true", help="score once on real/holdout (aggregates only)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inputs", choices=INPUTS, nargs="+", default=["rich"], help="each is cross-validated")
    parser.add_argument("--arch", nargs="+", default=["bow"], help="configs in bench/textcat/ (bow, ensemble, cnn)")
    parser.add_argument("--sure", type=float, nargs="+", default=[0.85], help="probabilities that overrule the rules")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", action="store_true", help="list the pairs either gets wrong (not for --holdout)")
    parser.add_argument("--save", type=Path, help="write the model trained on all of real/dev here")
    args = parser.parse_args()
    commit = _commit()
    # A fresh round may have been merged into real/dev since: its texts are never trained on.
    fresh_urls = _urls(args.fresh)
    dev = examples(REAL / "gold.jsonl", "real/dev", fresh_urls)
    print(f"dev_articles={len(_gold(REAL / 'gold.jsonl', 'real/dev', fresh_urls))} fresh_articles={len(fresh_urls)}")
    groups = sorted({r.group for r in dev.rows})
    random.Random(args.seed).shuffle(groups)
    fold = {g: i % args.folds for i, g in enumerate(groups)}
    for inputs in args.inputs if args.cv else ():
        for arch in args.arch:
            print(f"inputs={inputs} arch={arch} seed={args.seed} commit={commit}", flush=True)
            probs = [0.0] * len(dev.rows)
            for k in range(args.folds):
                model = train([r for r in dev.rows if fold[r.group] != k], inputs, arch, args.seed)
                held = [i for i, r in enumerate(dev.rows) if fold[r.group] == k]
                for i, p in zip(held, predict(model, [dev.rows[i] for i in held], inputs), strict=True):
                    probs[i] = p
            report("cv", dev, probs, args.sure, commit, args.show)
    if not (args.fresh or args.holdout or args.save):
        return
    if len(args.inputs) > 1 or len(args.arch) > 1:
        parser.error("--fresh, --holdout and --save take one --inputs and one --arch")
    inputs, arch = args.inputs[0], args.arch[0]
    print(f"inputs={inputs} arch={arch} seed={args.seed} commit={commit} trained on all of real/dev", flush=True)
    model = train(dev.rows, inputs, arch, args.seed, args.save)
    if args.fresh:
        fresh = Labelled([], 0)
        for folder in args.fresh:  # one round may sit in several collectors' folders
            part = examples(Path(folder) / "gold.jsonl")
            fresh.rows += part.rows
            fresh.outside_missed += part.outside_missed
            fresh.outside += part.outside
        report("fresh", fresh, predict(model, fresh.rows, inputs), args.sure, commit, args.show)
    if args.holdout:
        unseen = examples(REAL / "gold.jsonl", "real/holdout")
        report("holdout", unseen, predict(model, unseen.rows, inputs), args.sure, commit)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
