"""Does a learned check beat the rules at telling a pair's new announcement? (issue 12, item 4)

For every pair the rules give a claim in an article of ``tests/data/articles/real``, the example is
the pair's claim sentences (every sentence the rules read a level of that pair in), prefixed with
the rules' own verdict (``RULE_upgrade``, ``RULEFAM_change_no_verb``, ...); the label is whether the
gold says the article announces a level for the pair (establish, upgrade or downgrade). A spaCy
``textcat`` (bag of words and bigrams, on ``spacy.blank("en")``) learns it.

Three deciders are scored as announcement F1 over these pairs: the rules alone; the classifier
alone; and the rules overruled only where the classifier is sure (``--sure``). First by five-fold
cross-validation on ``real/dev`` split by event (the rules were tuned on all of ``real/dev``, so
they are favoured there), then trained on all of ``real/dev`` and scored once on ``real/holdout``
(the program reads the held-out texts, as ``entente eval`` does; nobody reads them). Pairs the rules
give no claim are outside both, so these F1 differ a little from ``entente eval``'s.

    python bench/claim_classifier.py            # prints name=value lines
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example

from entente.ingest.model import Article
from entente.ingest.pipeline import RelationExtractor, build_pipeline
from entente.ingest.readers import read_articles
from entente.ingest.rules.events import find_events
from entente.ingest.rules.facts import focus_pairs
from entente.ingest.rules.partnerships import EARLIER_LEVEL, best_claims, find_claims
from entente.ingest.rules.view import ArticleView

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "articles" / "real"
ANNOUNCEMENTS = {"establish", "upgrade", "downgrade"}


@dataclass(frozen=True)
class PairExample:
    group: str  # the article's first event key (or its file): folds never split an event
    text: str
    rules_say: bool
    gold_says: bool


def examples(split: str) -> list[PairExample]:
    """One example per (article, pair) the rules give a claim, in ``real/<split>``."""
    gold = {}
    for line in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["split"] == f"real/{split}":
            gold[entry["source"]] = entry
    nlp = build_pipeline()
    relations = nlp.get_pipe("entente_relations")
    assert isinstance(relations, RelationExtractor)
    kb = relations.kb if relations.kb is not None else relations.initialize()
    found: list[PairExample] = []
    for article in read_articles([str(REAL / source) for source in sorted(gold)]):
        assert isinstance(article, Article)
        entry = gold["/".join(Path(article.source).parts[-2:])]
        doc = nlp.make_doc(article.text)
        for name, pipe in nlp.pipeline:
            if name != "entente_relations":
                doc = pipe(doc)
        view = ArticleView(doc, article, kb)
        drafts = find_claims(view, focus_pairs(view, find_events(view)))
        chosen = {d.parties: d for d in best_claims(view, drafts) if not d.rule.startswith(EARLIER_LEVEL)}
        wanted = {tuple(sorted(c["parties"])): c["change"] for c in entry["partnerships"]}
        group = entry["events"][0]["key"] if entry["events"] else entry["source"]
        for pair, best in sorted(chosen.items()):
            sentences = list(dict.fromkeys(d.sentence.text for d in drafts if d.parties == pair))
            family = best.rule.split("(")[0].replace(":", "_").replace("-", "_")
            found.append(
                PairExample(
                    group=group,
                    text=f"RULE_{best.change} RULEFAM_{family} " + " \n ".join(sentences)[:3000],
                    rules_say=best.change in ANNOUNCEMENTS,
                    gold_says=wanted.get(pair) in ANNOUNCEMENTS,
                )
            )
    return found


def train(rows: list[PairExample], epochs: int, seed: int) -> Language:
    random.seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
            }
        },
    )
    assert isinstance(textcat, TextCategorizer)
    textcat.add_label("ANN")
    textcat.add_label("NO")
    data = [
        Example.from_dict(nlp.make_doc(r.text), {"cats": {"ANN": float(r.gold_says), "NO": float(not r.gold_says)}})
        for r in rows
    ]
    optimizer = nlp.initialize(lambda: data)
    for _ in range(epochs):
        random.shuffle(data)
        for start in range(0, len(data), 16):
            nlp.update(data[start : start + 16], sgd=optimizer, drop=0.2)
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


def score(nlp: Language, rows: list[PairExample], sure: float, tallies: dict[str, Tally]) -> None:
    for row in rows:
        p = nlp(row.text).cats["ANN"]
        tallies["rules"].add(row.rules_say, row.gold_says)
        tallies["classifier"].add(p > 0.5, row.gold_says)
        tallies["rules_overruled_when_sure"].add(_combine(row, p, sure), row.gold_says)


def _combine(row: PairExample, p: float, sure: float) -> bool:
    """The rules' verdict, unless the classifier is sure of the other one."""
    if row.rules_say and p < 1 - sure:
        return False
    if not row.rules_say and p > sure:
        return True
    return row.rules_say


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--sure", type=float, default=0.85, help="classifier probability that overrules the rules")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    dev = examples("dev")
    groups = sorted({r.group for r in dev})
    random.Random(args.seed).shuffle(groups)
    fold = {g: i % args.folds for i, g in enumerate(groups)}
    print(f"dev_pairs={len(dev)} dev_announced={sum(r.gold_says for r in dev)} events={len(groups)}")
    cv = {name: Tally() for name in ("rules", "classifier", "rules_overruled_when_sure")}
    for k in range(args.folds):
        model = train([r for r in dev if fold[r.group] != k], args.epochs, args.seed)
        score(model, [r for r in dev if fold[r.group] == k], args.sure, cv)
    for name, tally in cv.items():
        print(f"cv_{name}_f1={tally.f1():.3f} cv_{name}_tp_fp_fn={tally.tp},{tally.fp},{tally.fn}")
    held = examples("holdout")
    final = {name: Tally() for name in cv}
    score(train(dev, args.epochs, args.seed), held, args.sure, final)
    for name, tally in final.items():
        print(f"holdout_{name}_f1={tally.f1():.3f} holdout_{name}_tp_fp_fn={tally.tp},{tally.fp},{tally.fn}")
    print(f"holdout_classifier_over_rules={final['classifier'].f1() / final['rules'].f1():.3f}")


if __name__ == "__main__":
    main()
