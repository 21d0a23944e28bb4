"""The sources that inputs, rules and presets cite: one registry, id -> who, what, when, and
the exact sentence a number or rule rests on.

A source reference is a registry id (``"knowmba"``), several joined by ``"; "``, or either of
them followed by ``": "`` and a note (``"assumption: one year"``). ``cite`` turns ids into the
citation a reader can look up; ``describe`` does the same for a reference with a note and
leaves any other text as it is. The seed articles are cited by publisher, title and date
(where the page gives one), the studies they quote by authors, year and arXiv id; nothing
here names a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """One source as a reader looks it up; a field is "" where the source does not give it."""

    title: str
    publisher: str = ""  # who published it, as the page names them
    date: str = ""  # as the source gives it
    url: str = ""  # only where the source itself gives one
    authors: str = ""  # studies: first author "et al."
    year: int | None = None
    arxiv: str = ""  # arXiv identifier, e.g. 2401.08406
    cited_by: str = ""  # a reference an article cites without naming it: the article's id
    label: str = ""  # how the reference is marked in the citing article, e.g. [S3]
    version: str = ""  # data: the package version read
    kind: str = "article"  # article, study, data, assumption or computed

    def citation(self) -> str:
        """How a reader finds it: publisher or authors, the title, the date or arXiv id."""
        if self.cited_by:
            return f"{self.label}, as cited by {SOURCES[self.cited_by].citation()}"
        if self.kind in ("assumption", "computed"):
            return self.title
        if self.kind == "data" and not self.version:  # a page read on a date: who, what, when read
            return ", ".join(p for p in (self.publisher, self.title, self.date) if p)
        if self.kind == "data":
            made = f"{self.title} {self.version} ({self.publisher})" if self.publisher else self.title
            return f"{made}, verified {self.date}" if self.date else made
        if self.kind == "study":
            parts = [f"{self.authors} {self.year}", f'"{self.title}"', self.publisher, f"arXiv:{self.arxiv}"]
            return ", ".join(p for p in parts if p)
        parts = [p for p in (self.publisher, f'"{self.title}"', self.date) if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class Quote:
    """The exact sentence of a source that a rule or number rests on."""

    source: str  # registry id
    sentence: str  # quoted exactly, as the source writes it


KNOWMBA = "knowmba"
HOW_TO_CHOOSE = "how_to_choose"
OLSON = "olson"
SCALEDBYDESIGN = "scaledbydesign"
WHEN_EACH_WINS = "when_each_wins"
BALAGUER_2024 = "balaguer2024"
ZHANG_2024_RAFT = "zhang2024raft"
WHEN_EACH_WINS_S3 = "when_each_wins_s3"
WHEN_EACH_WINS_S4 = "when_each_wins_s4"
WHEN_EACH_WINS_S5 = "when_each_wins_s5"
KLARNA_PRESS = "klarna_press"
TRAINING_PRICES = "training_prices"
ENGINE = "engine"

# The names the inputs and rules have always used; their values are registry ids.
S000 = KNOWMBA
S001 = HOW_TO_CHOOSE
S002 = OLSON
S003 = SCALEDBYDESIGN
S004 = WHEN_EACH_WINS
GENAI_PRICES = "genai_prices"
ASSUMPTION = "assumption"
PINECONE = "pinecone"

SOURCES: dict[str, Source] = {
    KNOWMBA: Source("Fine-Tuning vs RAG", publisher="KnowMBA Advisory"),
    HOW_TO_CHOOSE: Source("RAG vs Fine-Tuning: How to choose the right approach for your AI product"),
    OLSON: Source(
        "RAG vs. Fine-Tuning: How I Actually Choose", publisher="Peter Olson", date="February 4, 2026"
    ),
    SCALEDBYDESIGN: Source(
        "Fine-Tuning vs. RAG — The Decision Framework for Production AI", publisher="ScaledByDesign"
    ),
    WHEN_EACH_WINS: Source("Fine-Tuning vs. RAG: When Each Strategy Wins"),
    BALAGUER_2024: Source(
        "RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture",
        publisher="Microsoft",
        authors="Balaguer et al.",
        year=2024,
        arxiv="2401.08406",
        kind="study",
    ),
    ZHANG_2024_RAFT: Source(
        "RAFT: Adapting Language Model to Domain Specific RAG",
        authors="Zhang et al.",
        year=2024,
        arxiv="2403.10131",
        kind="study",
    ),
    WHEN_EACH_WINS_S3: Source("(not named in the article)", cited_by=WHEN_EACH_WINS, label="[S3]"),
    WHEN_EACH_WINS_S4: Source("(not named in the article)", cited_by=WHEN_EACH_WINS, label="[S4]"),
    WHEN_EACH_WINS_S5: Source("(not named in the article)", cited_by=WHEN_EACH_WINS, label="[S5]"),
    KLARNA_PRESS: Source(
        "Klarna AI assistant handles two-thirds of customer service chats in its first month",
        publisher="Klarna",
        date="February 27, 2024",
    ),
    GENAI_PRICES: Source(
        "genai-prices", publisher="Pydantic", version="0.2.3", date="2026-10-14", kind="data"
    ),
    TRAINING_PRICES: Source(
        "the explorer's dated training-price table (OpenAI API fine-tuning prices, each row dated)",
        kind="data",
    ),
    PINECONE: Source(
        "Understanding cost (record size: 1,536 dimensions x 4 bytes plus metadata) and Pricing "
        "(Standard, AWS us-east-1: $0.33 per GB-month of storage)",
        publisher="Pinecone",
        date="read 2026-11-04",
        kind="data",  # a vendor's price and sizing pages, like genai-prices: no sentence to quote
    ),
    ASSUMPTION: Source("assumption", kind="assumption"),
    ENGINE: Source("computed by the explorer from the scenario", kind="computed"),
}

# Sentences the accuracy model, the eval evidence and the thresholds rest on, named for reuse.
BALAGUER_GAINS = Quote(
    WHEN_EACH_WINS,
    "A Microsoft Research study across multiple knowledge-intensive tasks found that fine-tuning improved "
    "accuracy by 6 percentage points, and adding RAG on top of the fine-tuned model yielded an additional "
    "5 percentage points [S1].",
)
RAFT_PUBMED = Quote(
    WHEN_EACH_WINS,
    "On PubMed QA, RAFT achieved 73.3% accuracy compared to 58.8% for RAG alone — a 14.5 percentage point "
    "improvement [S2].",
)
LORA_QUALITY = Quote(
    WHEN_EACH_WINS,
    "Low-Rank Adaptation fine-tunes a small subset of model parameters — typically less than 1% of total "
    "weights — while retaining 90-95% of full fine-tuning quality.",
)
LORA_BENEFIT = Quote(
    KNOWMBA,
    "If you genuinely need fine-tuning, parameter-efficient methods (LoRA, QLoRA) get you 90% of the benefit "
    "at 10% of the cost.",
)
INSURANCE_DECAY = Quote(
    KNOWMBA,
    "After 6 months: maintenance cost ballooned, the underlying base model was deprecated, and accuracy "
    "degraded as new claim types emerged.",
)
EVAL_SET = Quote(HOW_TO_CHOOSE, "Build a small eval set of 20-50 question/answer pairs before writing code")
MEASURE_GAP = Quote(OLSON, "Start with prompt engineering. Measure the gap.")
EXAMPLES_MINIMUM = Quote(
    HOW_TO_CHOOSE, "Minimum around 200 for basic tasks, and 1,000+ for reliable behavior change."
)
FEW_EXAMPLES_RAG = Quote(
    SCALEDBYDESIGN, "Is your training data < 500 quality examples? → RAG (not enough data to fine-tune well)"
)
DEPLOY_FAST_RAG = Quote(SCALEDBYDESIGN, "Do you need to deploy in < 1 week? → RAG")
ACCURACY_GAP = Quote(
    OLSON,
    "Accuracy gap: The model makes factual errors or hallucinations that are unacceptable for your use case.",
)
CONTEXT_LIMITS = Quote(
    KNOWMBA,
    "(3) Does the model need to follow a complex multi-step procedure unique to your business? → Try few-shot "
    "prompting first; fine-tune only if you have >5,000 high-quality examples and the prompt is hitting "
    "context limits.",
)
PROBABLY_DONT = Quote(
    KNOWMBA, "Probably Don't Fine-Tune Knowledge problem OR < 1K examples OR rapidly changing data"
)
AVOID_FACTS = Quote(KNOWMBA, "Avoid Trying to teach 'facts' or 'our docs' via fine-tuning")
RAG_SETUP = Quote(SCALEDBYDESIGN, "Setup: days to weeks")
FINE_TUNE_SETUP = Quote(SCALEDBYDESIGN, "Setup: weeks to months")
NEW_CLAIM_TYPE = Quote(KNOWMBA, "Time to Add New Claim Type 6 weeks → 1 day")

# Inputs whose value or meaning a source states: field name -> the sentences it rests on.
FIELD_QUOTES: dict[str, tuple[Quote, ...]] = {
    "queries_per_day": (Quote(SCALEDBYDESIGN, "Scenario: 10,000 queries/day customer support"),),
    "retrieved_tokens": (Quote(SCALEDBYDESIGN, "topK: 5"),),
    "vector_search_cost_per_query_usd": (Quote(SCALEDBYDESIGN, "Vector search: 10K × $0.0002 = $2/day"),),
    "retrieval_latency_ms": (
        Quote(
            HOW_TO_CHOOSE,
            "RAG adds retrieval latency, typically 200-800ms depending on infrastructure, "
            "embedding model, and vector DB setup.",
        ),
        Quote(SCALEDBYDESIGN, "Slower: retrieval step adds 100-500ms latency"),
    ),
    "index_refresh_lag_days": (
        Quote(
            KNOWMBA,
            "RAG is cheap to start, scales linearly with corpus size, and updates instantly "
            "when documents change.",
        ),
    ),
    "training_method": (
        Quote(
            WHEN_EACH_WINS_S3,
            "Full fine-tuning of a 40B+ parameter model costs approximately $35,000 per training run [S3].",
        ),
        Quote(WHEN_EACH_WINS_S3, "The cost drops to roughly $300 per run [S3]."),
    ),
    "lora_run_cost_usd": (Quote(WHEN_EACH_WINS_S3, "The cost drops to roughly $300 per run [S3]."),),
    "full_run_cost_usd": (
        Quote(
            WHEN_EACH_WINS_S3,
            "Full fine-tuning of a 40B+ parameter model costs approximately $35,000 per training run [S3].",
        ),
    ),
    "deprecation_interval_months": (Quote(KNOWMBA, "Frontier model upgrades happen every 6-12 months."),),
    "training_turnaround_days": (Quote(SCALEDBYDESIGN, "Slow iteration: days per experiment"),),
    "price_basis": (Quote(SCALEDBYDESIGN, "Cost: $0.001-0.01 per query (retrieval + generation)"),),
    "rag_generation_cost_per_query_usd": (Quote(SCALEDBYDESIGN, "Generation: 10K × $0.003 = $30/day"),),
    "fine_tune_generation_cost_per_query_usd": (Quote(SCALEDBYDESIGN, "Generation: 10K × $0.004 = $40/day"),),
    "hybrid_generation_cost_per_query_usd": (Quote(SCALEDBYDESIGN, "Fine-tuned gen: $40/day"),),
    "embedding_cost_per_query_usd": (Quote(SCALEDBYDESIGN, "Embedding: 10K × $0.0001 = $1/day"),),
    "fine_tuned_prompt_tokens": (
        Quote(
            WHEN_EACH_WINS,
            "After fine-tuning, the model defaults to the desired behavior without explicit "
            "instructions in every prompt — shorter prompts, more consistent outputs, and lower per-call "
            "token costs.",
        ),
    ),
    "dedicated_hosting": (
        Quote(
            HOW_TO_CHOOSE,
            "At early scale, RAG on a hosted base model (GPT-4o, Claude, Gemini) is usually "
            "cheaper than maintaining a fine-tuned model on dedicated inference infrastructure.",
        ),
    ),
    "rag_accuracy_gain": (BALAGUER_GAINS,),
    "fine_tune_accuracy_gain": (BALAGUER_GAINS,),
    "knowledge_gap": (
        Quote(
            OLSON,
            "Knowledge gap: The model doesn't know things it needs to know — your internal "
            "documentation, your product catalog, your policy library.",
        ),
    ),
    "behaviour_gap": (
        Quote(
            OLSON,
            "Behavior gap: The model knows the right information but responds in the wrong way — too "
            "verbose, wrong format, wrong tone, doesn't follow your specific workflow steps.",
        ),
    ),
    "citations_required": (
        Quote(
            HOW_TO_CHOOSE,
            "If your product will face compliance review or audit requirements, RAG "
            "auditability is a structural advantage.",
        ),
    ),
    "prompt_baseline_meets_target": (MEASURE_GAP,),
    "deadline_weeks": (DEPLOY_FAST_RAG,),
    "rag_build_person_weeks": (RAG_SETUP,),
    "fine_tune_build_person_weeks": (FINE_TUNE_SETUP,),
    "rag_change_person_weeks": (NEW_CLAIM_TYPE,),
    "fine_tune_change_person_weeks": (NEW_CLAIM_TYPE,),
    "accuracy_target": (ACCURACY_GAP, MEASURE_GAP),
    "lora_quality_share": (LORA_QUALITY,),
    "retrieval_fine_tune_error_cut": (RAFT_PUBMED,),
    **{
        f"{k}_eval_{n}": (EVAL_SET,)
        for k in ("prompt", "rag", "fine_tune", "hybrid")
        for n in ("total", "correct")
    },
    "behaviour_stable": (
        Quote(KNOWMBA, "Stable narrow behavior + > 10K labeled examples + > 1M queries/year"),
        Quote(
            WHEN_EACH_WINS,
            "If the desired behavior can be demonstrated through examples and does not change "
            "week to week, fine-tuning will encode it more reliably than prompt engineering.",
        ),
    ),
}

# Inputs whose default no source gives (their source is "assumption"): why the value is reasonable.
FIELD_NOTES: dict[str, str] = {
    "retrieved_tokens": "5 chunks, as ScaledByDesign's pipeline retrieves (topK: 5), of ~400 tokens, a common "
    "chunk size",
    "retrieval_latency_ms": "300 ms lies inside both published ranges quoted here",
    "training_method": "a vendor's fine-tuning API is the usual first run; the LoRA and full run costs are "
    "quoted here",
    "deprecation_interval_months": "the slow end of KnowMBA's 6-12 months, so retrains are not overcounted",
    "training_turnaround_days": "ScaledByDesign's 'days per experiment' read as 3 days",
    "fine_tuned_prompt_tokens": "a one-line instruction, the fine-tuned model having learnt the rest (shorter "
    "prompts, as quoted here)",
    "query_tokens": "a question of one or two sentences",
    "output_tokens": "an answer of a few short paragraphs",
    "horizon_months": "one budget year",
    "updates_per_month": "weekly, the cadence of ScaledByDesign's checklist line 'Does your knowledge change "
    "weekly or more? → RAG'",
    "corpus_tokens": "a mid-sized document set, about 20,000 pages of 500 tokens",
    "changed_fraction_per_update": "an update touches a few documents in a hundred",
    "vector_store_monthly_usd": "a small hosted index; an order of magnitude, not a price list",
    "labeled_examples": "the 1,000 at which 'How to choose' expects reliable behaviour change",
    "tokens_per_example": "an input and answer pair of a few paragraphs",
    "epochs": "a few passes, the usual setting of fine-tuning services",
    "labeling_cost_per_example_usd": "a minute or two of a reviewer's time per example",
    "max_retrains_per_month": "at most the monthly retrain of ScaledByDesign's cost table",
    "behaviour_retrains_per_month": "no scheduled retrain while the wanted behaviour stays the same",
    "latency_budget_ms": "an interactive chat turn of about two seconds",
    "generation_latency_ms": "a short answer from a hosted model in under a second",
    "fine_tuned_generation_latency_ms": "a fine-tune of the same base model answers at the same speed",
    "prefill_ms_per_1k_tokens": "reading a prompt is far faster than writing an answer: 2,000 retrieved "
    "tokens add about 40 ms",
    "prompt_generation_cost_per_query_usd": "about ScaledByDesign's $0.004 fine-tuned call: a prompt that "
    "carries instructions and examples is long",
    "system_prompt_tokens": "about a page of instructions",
    "few_shot_tokens": "three to five worked examples",
    "prompt_maintenance_usd_per_month": "a few hours of an engineer's time a month",
    "rag_maintenance_usd_per_month": "a day or two a month keeping documents, chunking and retrieval healthy",
    "fine_tune_maintenance_usd_per_month": "evaluating, versioning and redeploying a custom model, a few "
    "days a month",
    "hybrid_maintenance_usd_per_month": "both pipelines, less the work they share",
    "gpu_hour_usd": "an on-demand hour of one data-centre GPU; an order of magnitude",
    "gpus": "one GPU for a small fine-tuned model",
    "baseline_accuracy": "a capable model prompted well, below the 80% at which 'How to choose' says "
    "fine-tuning may not be worth it",
    "knowledge_gap_penalty": "missing facts make a sizeable share of answers wrong",
    "behaviour_gap_penalty": "answers in the wrong form count as wrong for about one query in ten",
    "cost_per_error_usd": "0 leaves quality out of the cost until the team prices a wrong answer",
    "offline_workload": "most products answer a user who is waiting, so no batch job",
    "chunk_tokens": "a common chunk size; five such chunks make the 2,000 retrieved tokens",
    "vector_store_price_per_million_vectors_usd": "0: the store is priced by storage (Pinecone's GB-month), "
    "not per vector",
    "labelling_examples_per_person_week": "about 100 examples a day, a few minutes each to write or check",
    "migration_person_weeks": "a week to re-run the evals on the new base model and a week to retrain and "
    "switch over",
    "batch_embedding_price_per_mtok_usd": "0 until the provider lists a batch embedding price: no discount "
    "is assumed",
    "cache_hit_rate": "half the queries reuse the cached prompt prefix, a middle value until measured",
    "cache_writes_per_month": "one write per 5-minute cache lifetime all month (12 x 24 x 30)",
    "loaded_cost_per_person_week_usd": "about $200K a year of salary and overhead over 50 working weeks",
    "team_size": "a small team of two engineers building in parallel",
    "prompt_build_person_weeks": "a few days to write a prompt and test it on examples",
    "hybrid_build_person_weeks": "the RAG setup (1) plus the fine-tuning setup (8) person-weeks",
    "prompt_engineering_person_weeks_per_month": "0: the ongoing work is already in the monthly maintenance "
    "cost",
    "rag_engineering_person_weeks_per_month": "0: the ongoing work is already in the monthly maintenance cost",
    "fine_tune_engineering_person_weeks_per_month": "0: the ongoing work is already in the monthly "
    "maintenance cost",
    "hybrid_engineering_person_weeks_per_month": "0: the ongoing work is already in the monthly maintenance "
    "cost",
    "new_items_per_month": "0: no new items counted until the team says how many it adds",
    "prompt_change_person_weeks": "about a day to add an item to the instructions and re-test",
    "hybrid_change_person_weeks": "a new item goes into the hybrid's index, about a day as with RAG",
    "knowledge_decay_per_update": "one point per update not yet trained in; KnowMBA's insurance case says "
    "accuracy degraded, not by how much",
}

_NOT_SOURCES = ("assumption", "computed")
_REFERENCE = re.compile(r"\s*([a-z0-9_]+(?:\s*;\s*[a-z0-9_]+)*)\s*(?::\s*(.*))?", re.DOTALL)


def ids(reference: str) -> list[str]:
    """The registry ids a reference names (``"knowmba; olson: a note"`` -> knowmba, olson);
    [] when it does not start with known ids."""
    found = _REFERENCE.fullmatch(reference or "")
    if not found:
        return []
    names = [name.strip() for name in found[1].split(";")]
    return names if all(name in SOURCES for name in names) else []


def cite(reference: str) -> str:
    """Registry ids (``"knowmba"``, ``"knowmba; olson"``) as a reader's citations.

    >>> cite("knowmba")
    'KnowMBA Advisory, "Fine-Tuning vs RAG"'
    """
    names = ids(reference)
    if not names or ":" in reference:
        raise KeyError(f"not registry ids: {reference!r}")
    return "; ".join(SOURCES[name].citation() for name in names)


def describe(reference: str) -> str:
    """A source reference as a reader's text: its ids cited, its note kept; any other text
    (a user's own note in an uploaded file) as it is."""
    names = ids(reference)
    if not names:
        return reference
    note = _REFERENCE.fullmatch(reference)[2]
    cited = "; ".join(SOURCES[name].citation() for name in names)
    return f"{cited}: {note}" if note else cited


def sources_named(references: Iterable[str]) -> list[str]:
    """The citations of the sources some references name, each once, in first-use order;
    assumptions and the explorer's own computation left out."""
    found = dict.fromkeys(i for ref in references for i in ids(ref) if SOURCES[i].kind not in _NOT_SOURCES)
    return [SOURCES[i].citation() for i in found]


def quoted(quote: Quote) -> str:
    """A quote with its citation: ``KnowMBA Advisory, "Fine-Tuning vs RAG": “…”``."""
    return f"{SOURCES[quote.source].citation()}: “{quote.sentence}”"


def record(source_id: str, sentence: str | None = None) -> dict[str, Any]:
    """One source as a JSON object: id, citation, publisher, title, date, url, authors, year,
    arxiv, cited_by, version and the sentence relied on (None where a field is not given)."""
    s = SOURCES[source_id]
    return {"id": source_id, "citation": s.citation(), "publisher": s.publisher or None,
            "title": s.title, "date": s.date or None, "url": s.url or None, "authors": s.authors or None,
            "year": s.year, "arxiv": s.arxiv or None, "cited_by": s.cited_by or None, "version": s.version or None,
            "sentence": sentence}  # fmt: skip


def field_citation(source_reference: str, quotes: tuple[Quote, ...] = (), note: str = "") -> str:
    """An input's source for a reader: each source it names with the sentences quoted from it,
    or its note (``note`` adds one to a bare reference such as "assumption"), then any other
    quoted sentence with its own citation."""
    if note and ":" not in source_reference:
        source_reference = f"{source_reference}: {note}"
    names = ids(source_reference)
    if not names or _REFERENCE.fullmatch(source_reference)[2]:
        names = []
    parts, used = [], []
    for name in names:
        mine = [q for q in quotes if name in (q.source, SOURCES[q.source].cited_by)]
        said = " ".join(f"“{q.sentence}”" for q in mine)
        parts.append(SOURCES[name].citation() + (f": {said}" if said else ""))
        used += mine
    return "; ".join((parts or [describe(source_reference)]) + [quoted(q) for q in quotes if q not in used])


RAFT_2024 = ZHANG_2024_RAFT  # the name the accuracy model imports
