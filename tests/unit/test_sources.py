"""core.model.sources: one registry a reader can look up; every id used exists; every quoted
sentence is the article's own; defaults no article gives are labelled assumption."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from core.analyses.ranges import SPREADS
from core.engine.analysis import analyse
from core.io.presets import SCENARIOS_DIR, presets
from core.model import sources
from core.model.fields import FIELDS, citation, source
from core.model.rules import HARD_RULES, RULE_QUOTES, RULES, reason_citation, reason_sources
from core.model.sources import (
    ASSUMPTION,
    FIELD_NOTES,
    FIELD_QUOTES,
    GENAI_PRICES,
    S000,
    S001,
    S002,
    S003,
    S004,
    SOURCES,
    Quote,
    cite,
    describe,
    ids,
)

# The articles as the seed folder names them (for this test only: a reader never sees these).
SEED_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_FILES = {
    S000: "000_73d04ac0515baca1.txt",
    S001: "001_152d5341a0ddeb47.txt",
    S002: "002_e64fd2cacaa170fa.txt",
    S003: "003_8b562b0e84cc63a3.txt",
    S004: "004_98786da00730bb42.txt",
}
ARTICLE_KINDS = ("article", "study")


def _every_reference() -> list[tuple[str, str]]:
    """(where, reference) for every source reference an input, rule, range or preset makes."""
    found = [(f"field {n}", source(n)) for n in FIELDS]
    found += [(f"rule {r}", src) for r, (src, _) in RULES.items()]
    found += [(f"range {n}", s.source) for n, s in SPREADS.items()]
    found += [(f"preset {p.id} {k}", v) for p in presets().values() for k, v in p.sources.items()]
    return found


@pytest.mark.parametrize(("where", "reference"), _every_reference())
def test_every_source_a_field_rule_range_or_preset_names_is_in_the_registry(where, reference):
    assert ids(reference), f"{where}: {reference!r} does not start with registry ids"


def test_every_quoted_sentence_names_a_source_in_the_registry():
    quotes = [q for qs in (*FIELD_QUOTES.values(), *RULE_QUOTES.values()) for q in qs]
    assert {q.source for q in quotes} <= set(SOURCES)
    assert set(FIELD_QUOTES) <= set(FIELDS)
    assert set(RULE_QUOTES) <= set(RULES)


@pytest.mark.parametrize(
    ("source_id", "expected"),
    [
        (S000, 'KnowMBA Advisory, "Fine-Tuning vs RAG"'),
        (S001, '"RAG vs Fine-Tuning: How to choose the right approach for your AI product"'),
        (S002, 'Peter Olson, "RAG vs. Fine-Tuning: How I Actually Choose", February 4, 2026'),
        (S003, 'ScaledByDesign, "Fine-Tuning vs. RAG — The Decision Framework for Production AI"'),
        (S004, '"Fine-Tuning vs. RAG: When Each Strategy Wins"'),
    ],
)
def test_each_article_is_cited_by_publisher_title_and_the_date_it_gives(source_id, expected):
    assert cite(source_id) == expected


@pytest.mark.parametrize(
    ("source_id", "authors", "year", "arxiv"),
    [
        ("balaguer2024", "Balaguer et al.", 2024, "2401.08406"),
        ("zhang2024raft", "Zhang et al.", 2024, "2403.10131"),
    ],
)
def test_the_studies_the_articles_quote_are_cited_by_authors_year_and_arxiv_id(
    source_id, authors, year, arxiv
):
    assert cite(source_id).startswith(f"{authors} {year}, ")
    assert cite(source_id).endswith(f"arXiv:{arxiv}")


def test_an_unnamed_reference_of_an_article_is_cited_as_cited_by_that_article():
    assert cite("when_each_wins_s3") == '[S3], as cited by "Fine-Tuning vs. RAG: When Each Strategy Wins"'


def test_genai_prices_is_cited_with_the_installed_version_and_the_date_its_prices_were_checked():
    prices = SOURCES[GENAI_PRICES]
    assert prices.version == version("genai-prices")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", prices.date)
    assert cite(GENAI_PRICES) == f"genai-prices {prices.version} (Pydantic), verified {prices.date}"


def test_no_source_carries_a_link_the_articles_do_not_give():
    assert [i for i, s in SOURCES.items() if s.url] == []


def test_a_reference_with_a_note_keeps_the_note_and_a_users_own_text_stays_as_written():
    assert describe("knowmba: 'The database updates monthly'") == (
        "KnowMBA Advisory, \"Fine-Tuning vs RAG\": 'The database updates monthly'"
    )
    assert describe("assumption: one year") == "assumption: one year"
    assert describe("mine: from our own logs") == "mine: from our own logs"
    assert describe("") == ""


def _seed_text(source_id: str) -> str:
    owner = SOURCES[source_id].cited_by or source_id
    return " ".join((SEED_DIR / SEED_FILES[owner]).read_text(encoding="utf-8").split())


needs_seeds = pytest.mark.skipif(
    not SEED_DIR.is_dir(), reason="the source articles are not beside this checkout"
)


@needs_seeds
@pytest.mark.parametrize(
    ("where", "quote"),
    [(f"field {n}", q) for n, qs in FIELD_QUOTES.items() for q in qs]
    + [(f"rule {r}", q) for r, qs in RULE_QUOTES.items() for q in qs]
    + [(name, q) for name, q in vars(sources).items() if isinstance(q, Quote)],
)
def test_every_quoted_sentence_appears_word_for_word_in_its_article(where, quote):
    assert " ".join(quote.sentence.split()) in _seed_text(quote.source), where


@needs_seeds
@pytest.mark.parametrize("path", sorted(SCENARIOS_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_every_quotation_in_a_preset_source_appears_word_for_word_in_an_article_it_cites(path):
    for name, note in tomllib.loads(path.read_text(encoding="utf-8"))["sources"].items():
        articles = [i for i in ids(note) if (SOURCES[i].cited_by or i) in SEED_FILES]
        for fragment in re.findall(r"(?<!\w)'(.+?)'(?!\w)", note):
            texts = [_seed_text(i) for i in articles] or [_seed_text(s) for s in SEED_FILES]
            assert any(" ".join(fragment.split()) in t for t in texts), f"{name}: {fragment!r}"


@pytest.mark.parametrize(
    "rule", [r for r, (src, _) in RULES.items() if ids(src) and src not in (ASSUMPTION, "engine")]
)
def test_every_rule_quotes_the_sentence_it_rests_on_from_each_article_it_names(rule):
    quoted_from = {q.source for q in RULE_QUOTES[rule]} | {
        SOURCES[q.source].cited_by for q in RULE_QUOTES[rule]
    }
    articles = [i for i in ids(RULES[rule][0]) if SOURCES[i].kind in ARTICLE_KINDS]
    assert set(articles) <= quoted_from


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in FIELDS
        if ":" not in source(n) and any(SOURCES[i].kind in ARTICLE_KINDS for i in ids(source(n)))
    ],
)
def test_every_input_credited_to_an_article_quotes_the_sentence_that_gives_it(name):
    assert FIELD_QUOTES.get(name), name
    assert "“" in citation(name)


@pytest.mark.parametrize(
    "name",
    [
        "retrieved_tokens",
        "fine_tuned_prompt_tokens",
        "deprecation_interval_months",
        "training_turnaround_days",
    ],
)
def test_a_default_its_article_does_not_give_is_labelled_assumption_with_a_reason(name):
    assert source(name) == ASSUMPTION
    assert len(FIELD_NOTES[name].split()) >= 5  # a word on why, not a bare label
    assert citation(name).startswith(f"assumption: {FIELD_NOTES[name]}")


@pytest.mark.parametrize("name", [n for n in FIELDS if source(n) == ASSUMPTION])
def test_every_input_labelled_assumption_says_why_its_default_is_reasonable(name):
    assert len(FIELD_NOTES.get(name, "").split()) >= 3, name


def test_a_reason_for_an_assumed_default_belongs_to_an_input_labelled_assumption():
    assert {n: source(n) for n in FIELD_NOTES if source(n) != ASSUMPTION} == {}


def test_the_insurance_case_is_labelled_as_knowmbas_hypothetical_composite():
    insurance = presets()["insurance_claims"]
    assert "hypothetical composite" in insurance.title
    assert '"Hypothetical"' in insurance.story and '"Composite scenario"' in insurance.story


def test_no_preset_links_to_a_file_a_reader_cannot_open():
    assert [
        (p.id, link) for p in presets().values() for link in p.links if not link.startswith("https://")
    ] == []


def test_a_reason_in_json_keeps_its_rule_id_and_carries_source_objects_with_the_sentence():
    reasons = analyse(presets()["pharma_drug_interactions"].scenario).to_dict()["recommendation"]["reasons"]
    gap = next(r for r in reasons if r["rule"] == "knowledge_gap_needs_retrieval")
    knowmba = next(s for s in gap["sources"] if s["id"] == S000)
    assert (knowmba["publisher"], knowmba["title"], knowmba["date"]) == (
        "KnowMBA Advisory",
        "Fine-Tuning vs RAG",
        None,
    )
    assert knowmba["sentence"].startswith("(1) Does the answer require facts that change over time")
    assert gap["source"].startswith('KnowMBA Advisory, "Fine-Tuning vs RAG": “(1) Does the answer')


def test_a_why_not_line_cites_the_sentence_of_the_rule_that_blocked_the_strategy():
    rule = "citations_need_retrieval"
    text = f"Fine-tuning: blocked. {RULES[rule][1]}"
    [first, second] = reason_sources("lost", RULES[rule][0], text)
    assert first["sentence"] == "RAG gives you a retrievable source for every answer."
    assert second["sentence"] == "Do you need source citations? → RAG"
    assert "“RAG gives you a retrievable source for every answer.”" in reason_citation(
        "lost", RULES[rule][0], text
    )


def test_a_why_not_line_for_a_cost_cites_the_explorers_computation_without_a_sentence():
    [only] = reason_sources("lost", RULES["lost"][0], "RAG: $10 more over 12 months (+1%).")
    assert only["citation"] == "computed by the explorer from the scenario" and only["sentence"] is None


def test_every_hard_rule_has_a_sentence_for_the_why_not_lines_that_repeat_it():
    assert all(RULE_QUOTES.get(r) for r in HARD_RULES)


def test_the_readme_lists_every_source_in_the_registry():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.partition("\n## Sources\n")[2].partition("\n## ")[0]
    missing = [
        i
        for i, s in SOURCES.items()
        if s.kind not in ("assumption", "computed")
        and (s.label not in section if s.cited_by else s.citation() not in section)
    ]
    assert missing == []
