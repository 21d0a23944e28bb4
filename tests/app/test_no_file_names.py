"""No source article's file name reaches a page: every element of every page (text, tables,
tooltips, labels) is searched for a seed file name, a ``.txt`` name or the seed folder."""

import re

import pytest
from pagetest import PATHS, open_page
from streamlit.testing.v1 import AppTest

from core.io.presets import presets
from ui.inputs import GROUPS
from ui.state import ABOUT_OPEN

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt\b|shared/seeds")
OCTAL_BYTE = re.compile(r"\\[0-7]{3}")


def page_text(at: AppTest) -> str:
    """Everything the page holds: each element's message (markdown, captions, labels, help,
    chart specs) and each table's cells, without the escapes that keep text literal (a backslash
    before punctuation, a zero-width space after a colon), so an escaped file name is found too."""
    parts, stack = [], [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        if getattr(node, "proto", None) is not None:
            parts.append(str(node.proto))
        stack.extend(getattr(node, "children", {}).values())
    parts += [d.value.to_csv() for d in (*at.dataframe, *at.get("data_editor"))]
    text = OCTAL_BYTE.sub(" ", "\n".join(parts))  # a table's binary data, as the proto prints it
    return text.replace("\\", "").replace("\u200b", "")


def open_everything(at: AppTest) -> AppTest:
    """The Explorer with its preset panel open and each input group drawn in turn (the box draws
    one group at a time): ``at.seen`` keeps the text of every group."""
    at.session_state[ABOUT_OPEN] = True
    at.seen = []
    for group in ("Model", *GROUPS):
        at.session_state["input_group"] = group
        at.seen.append(page_text(at.run()))
    return at


def test_the_page_text_holds_what_the_page_shows():
    text = "\n".join(open_everything(open_page("Explorer", "insurance_claims")).seen)
    assert "A mid-sized insurer fine-tuned a model on 12,000 historical claims" in text  # the preset story
    assert "fine-tuned a model on 12,000 historical claims" in text  # a preset source, in a table
    assert 'Source: ScaledByDesign, "Fine-Tuning vs. RAG' in text  # a tooltip cites the article's title


@pytest.mark.parametrize("preset_id", sorted(presets()))
def test_the_explorer_names_no_source_file_for_any_preset(preset_id):
    at = open_everything(open_page("Explorer", preset_id))
    assert not at.exception
    assert sorted(set(FILE_NAME.findall("\n".join(at.seen)))) == []


@pytest.mark.parametrize("preset_id", ["support_10k_per_day", "insurance_claims"])
@pytest.mark.parametrize("title", [t for t in PATHS if t != "Explorer"])
def test_no_other_page_names_a_source_file(title, preset_id):
    at = open_page(title, preset_id)
    assert not at.exception
    text = page_text(at)
    assert text.strip()
    assert sorted(set(FILE_NAME.findall(text))) == []


def test_the_preset_panel_cites_its_sources_by_publisher_and_title_without_links():
    at = open_everything(open_page("Explorer", "pharma_drug_interactions"))
    captions = [c.value for c in at.caption]
    assert any(c.startswith('Sources: KnowMBA Advisory, "Fine-Tuning vs RAG"') for c in captions)
    table = next(d.value for d in at.dataframe if "Input" in d.value.columns).set_index("Input")
    assert table.loc["Knowledge updates", "Source"] == (
        "KnowMBA Advisory, \"Fine-Tuning vs RAG\": 'The database updates monthly'"
    )


def test_the_reasons_cite_the_article_and_the_sentence_a_rule_rests_on():
    at = open_page("Explorer", "pharma_drug_interactions")
    reasons = " ".join(m.value for m in at.markdown)
    assert "KnowMBA Advisory" in reasons and "Does the answer require facts that change over time" in reasons


def test_the_method_page_lists_the_sources_with_authors_and_arxiv_ids():
    at = open_page("Method and sources", "support_10k_per_day")
    sources = next(d.value for d in at.dataframe if "arxiv" in d.value.columns)
    assert set(sources["arxiv"]) >= {"2401.08406", "2403.10131"}
    rules = next(d.value for d in at.dataframe if "sentence" in d.value.columns).set_index("rule")
    assert (
        "“Is your training data < 500 quality examples? → RAG"
        in rules.loc["few_examples_lean_rag", "sentence"]
    )
