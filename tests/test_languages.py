"""Texts not in English: the knowledge file ``ingest/data/languages.toml`` and the few code paths it
needs (elided articles, German day-dots, cue lists kept apart from English)."""

from __future__ import annotations

import pytest

from entente.ingest.extract import extract_articles
from entente.ingest.knowledge import KnowledgeError, load_knowledge
from entente.ingest.model import Article
from entente.ingest.pipeline import build_pipeline
from entente.ingest.rules.cues import cues_of, reads_english


def test_names_in_other_languages_are_aliases():
    kb = load_knowledge()
    assert {"Alemania", "Allemagne", "Germania", "Alemanha"} <= set(kb.states["DEU"].aliases)
    assert "Unión Europea" in kb.organizations["EU"].aliases
    assert "asociación estratégica integral" in kb.levels["comprehensive strategic partnership"].aliases
    assert kb.city_of("Pekín") == "Beijing"
    assert kb.party_id("Estados Unidos") == "USA"


def test_english_text_is_read_with_the_english_cue_lists_alone():
    kb = load_knowledge()
    sentence = "Los presidentes se reunieron en Madrid."
    assert not cues_of(kb).meeting.search(sentence)
    assert cues_of(kb, other_languages=True).meeting.search(sentence)
    # French 'dialogue' was once a meeting word of the French list; English 'dialogue' is none.
    assert not cues_of(kb, other_languages=True).meeting.search("the ASEAN-New Zealand dialogue relations")


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("The two leaders agreed to elevate ties to a comprehensive strategic partnership.", True),
        ("Les deux dirigeants ont signé une déclaration conjointe sur le partenariat stratégique.", False),
        ("Deutschland und die Mongolei wollen eine strategische Partnerschaft vereinbaren.", False),
        ("", True),
    ],
)
def test_reads_english(text, english):
    assert reads_english(text) is english


def test_an_elided_article_does_not_hide_the_name():
    doc = build_pipeline()("Le président de l’Ouzbékistan a rencontré le président dell’Italia.")
    assert [span.kb_id_ for span in doc.spans["state"]] == ["UZB", "ITA"]


def test_a_german_day_dot_does_not_end_the_sentence():
    doc = build_pipeline()("Am 5. Juli 2017 brach Xi Jinping zu einem Staatsbesuch nach Deutschland auf.")
    assert len(list(doc.sents)) == 1


def test_a_full_stop_glued_after_a_number_ends_the_sentence():
    # kbs_de: the page lost the spaces after its full stops; a date in the next sentence, about the
    # First Lady's last outing, had dated the summit. A decimal or a version number stays whole.
    doc = build_pipeline()(
        "Hun Sen im Dezember 2014.In der gemeinsamen Erklärung wurde die Entwicklung bewertet."
        " Es war am 15. Dezember 2023.Gegen Kim war. Version 2.0 und 3.5 Prozent."
    )
    assert [s.text for s in doc.sents] == [
        "Hun Sen im Dezember 2014.",
        "In der gemeinsamen Erklärung wurde die Entwicklung bewertet.",
        "Es war am 15. Dezember 2023.",
        "Gegen Kim war.",
        "Version 2.0 und 3.5 Prozent.",
    ]


def test_a_german_name_after_a_preposition_is_the_state():
    doc = build_pipeline()("Rückkehr vom Besuch in den Niederlanden und in den Vereinigten Staaten.")
    assert [span.kb_id_ for span in doc.spans["state"]] == ["NLD", "USA"]


def test_a_german_verb_after_the_level_tells_the_change():
    text = (
        "Berlin, 7. Februar 2024 (dpa) - Deutschland und die Mongolei haben in Ulaanbaatar eine strategische"
        " Partnerschaft vereinbart."
    )
    (facts,) = extract_articles([Article(id="t", source="t.txt", text=text, published="2024-02-07")])
    (claim,) = facts.partnerships
    assert (claim.pair, claim.level, claim.change) == ("DEU|MNG", "strategic partnership", "establish")


def test_a_german_expanded_strategic_partnership_is_the_enhanced_one():
    # "erweiterte strategische Partnerschaft" (expanded), as "vertiefte" (deepened), in its case forms.
    text = (
        "Berlin, 7. Februar 2024 (dpa) - Deutschland und die Mongolei haben in Ulaanbaatar eine erweiterte"
        " strategische Partnerschaft vereinbart."
    )
    (facts,) = extract_articles([Article(id="t", source="t.txt", text=text, published="2024-02-07")])
    assert [(c.pair, c.level) for c in facts.partnerships] == [("DEU|MNG", "enhanced strategic partnership")]


def test_a_languages_file_naming_an_unknown_level_is_refused(tmp_path):
    (tmp_path / "languages.toml").write_text('[nl.levels]\n"strategisch partnerschap" = ["strategisch partnerschap"]\n')
    with pytest.raises(KnowledgeError, match=r"languages\.toml: \[nl\.levels\] names 'strategisch partnerschap'"):
        load_knowledge(str(tmp_path))


def test_a_user_adds_a_language(tmp_path):
    (tmp_path / "languages.toml").write_text(
        '[nl.levels]\n"strategic partnership" = ["strategisch partnerschap"]\n'
        "[nl.cues.meeting]\nwords = ['ontmoette']\n"
    )
    kb = load_knowledge(str(tmp_path))
    assert "strategisch partnerschap" in kb.levels["strategic partnership"].aliases
    assert cues_of(kb, other_languages=True).meeting.search("Rutte ontmoette Xi in Peking.")
