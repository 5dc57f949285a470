"""`--trained`: a named spaCy pipeline's entities widen what the rules see; the default needs none."""

from __future__ import annotations

import spacy
from click.testing import CliRunner

from entente.cli import cli
from entente.ingest.extract import Extractor
from entente.ingest.readers import article_from_text

TEXT = (
    "date 2024-03-02 Chinese President Xi Jinping held talks with Prime Minister Alofa de la Cruz of Tuvalu "
    "in Nukunonu on Friday. The two leaders agreed to establish a strategic partnership."
)


def _pipeline(tmp_path):
    """A packaged pipeline whose entity recogniser knows one city and one person the knowledge files lack."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Nukunonu"},
            {"label": "PERSON", "pattern": [{"TEXT": "Alofa"}, {"TEXT": "de"}, {"TEXT": "la"}, {"TEXT": "Cruz"}]},
        ]
    )
    path = tmp_path / "pipeline"
    nlp.to_disk(path)
    return str(path)


def _facts(trained=None):
    article = article_from_text(TEXT, "a.txt")
    return next(iter(Extractor(trained=trained)([article])))


def test_without_a_trained_pipeline_unknown_cities_and_long_names_are_missed():
    facts = _facts()
    assert facts.partnerships[0].pair == "CHN|TUV"
    assert facts.events[0].place is None
    assert "Alofa" in {leader.name for leader in facts.leaders}


def test_a_trained_pipelines_entities_add_the_city_and_the_full_name(tmp_path):
    facts = _facts(_pipeline(tmp_path))
    assert facts.partnerships[0].pair == "CHN|TUV" and facts.partnerships[0].change == "establish"
    assert facts.events[0].place == "Nukunonu"
    tuvalu = [leader for leader in facts.leaders if leader.state == "TUV"]
    assert [leader.name for leader in tuvalu] == ["Alofa de la Cruz"]


def test_an_unknown_trained_pipeline_is_one_clear_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    result = CliRunner().invoke(cli, ["extract", str(article), "--trained", "no_such_pipeline_xyz"])
    assert result.exit_code == 1
    assert "no_such_pipeline_xyz" in result.stderr and "Traceback" not in result.output + result.stderr
