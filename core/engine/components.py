"""The cost components: recurring ones in USD/month, one-off ones in USD, one column per strategy.

Each function takes ``c``, the scenario's columns as (1, N) arrays, with what it rests on
(``core.engine.drivers``), and returns an array that broadcasts to (4, N). Its docstring states
its equation and source: the Method page shows them from there.
"""

from __future__ import annotations

import numpy as np

from core.engine.columns import FINE_TUNED, USES_RETRIEVAL, per_strategy
from core.engine.drivers import Cols, embedding_price, prefix_tokens, retrains_through, token_prices, vectors
from core.model.strategies import (
    BYTES_PER_DIMENSION,
    BYTES_PER_TOKEN,
    DAYS_PER_MONTH,
    STRATEGIES,
)


def generation(
    c: Cols, queries: np.ndarray, in_tokens: np.ndarray, prices: dict[str, np.ndarray] | None = None
) -> np.ndarray:
    """Generation: the model answering every query, USD/month.

    Equation:
        generation = queries * ((in_tokens - cached) * input_price + cached * cache_read_price
                                + output_tokens * output_price) / 1e6
        cached = cache_hit_rate * prefix_tokens
        per_query basis: generation = queries * <strategy>_generation_cost_per_query_usd
        fine_tune and hybrid on dedicated_hosting: generation = 0 (hosting pays for the GPUs)

    Prices per strategy from ``token_prices`` (base or fine-tuned, batch where offline_workload,
    cache_read = input_price where no cached price is listed: no discount); queries =
    queries_per_day * DAYS_PER_MONTH.

    Shapes: columns (1, N), in_tokens (4, N) -> (4, N).

    Source: token prices from the bundled genai-prices data; per-query costs from ScaledByDesign,
    "Fine-Tuning vs. RAG" (cost table at 10,000 queries/day).
    """
    hosted = FINE_TUNED & (c["dedicated_hosting"] > 0)
    p = token_prices(c) if prices is None else prices
    cached = c["cache_hit_rate"] * prefix_tokens(c)
    tokens = (in_tokens - cached) * p["input"] + cached * p["cache_read"] + c["output_tokens"] * p["output"]
    token_cost = np.where(hosted, 0.0, tokens / 1e6)
    listed = per_strategy(*(c[f"{s}_generation_cost_per_query_usd"] for s in STRATEGIES))
    listed = np.where(hosted, 0.0, listed)
    return queries * np.where(c["price_basis"] == 1, listed, token_cost)


def cache_writes(c: Cols, prices: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Writing the static prompt prefix to the cache, USD/month (what a write costs above input).

    Equation:
        cache_writes = cache_writes_per_month * prefix_tokens
                       * max(cache_write_price - input_price, 0) / 1e6
        0 where no cached read price below the input price is listed, on the per_query basis, or for a fine-tuned model
        on dedicated_hosting

    Shapes: columns (1, N) -> (4, N).

    Source: cache prices from genai-prices; writes per month are an assumption (one per cache
    lifetime of 5 minutes).
    """
    p = token_prices(c) if prices is None else prices
    premium = np.maximum(p["cache_write"] - p["input"], 0) / 1e6
    used = (p["cache_read"] < p["input"]) & (c["price_basis"] == 0)  # no cheaper read listed: no cache
    used = used & ~(FINE_TUNED & (c["dedicated_hosting"] > 0))
    return np.where(used, c["cache_writes_per_month"] * prefix_tokens(c) * premium, 0.0)


def retrieval(c: Cols, queries: np.ndarray) -> np.ndarray:
    """Retrieval per query (rag and hybrid only), USD/month.

    Equation:
        retrieval = queries * (query_embedding + vector_search_cost_per_query_usd)
        query_embedding = query_tokens * embedding_price_per_mtok_usd / 1e6
        per_query basis: query_embedding = embedding_cost_per_query_usd

    Shapes: columns (1, N) -> (4, N), 0 for prompt and fine_tune.

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (vector search $0.0002 and embedding $0.0001 a
    query).
    """
    embed_mtok = c["embedding_price_per_mtok_usd"] / 1e6
    per_query = c["price_basis"] == 1
    embed_query = np.where(per_query, c["embedding_cost_per_query_usd"], c["query_tokens"] * embed_mtok)
    return USES_RETRIEVAL * queries * (embed_query + c["vector_search_cost_per_query_usd"])


def vector_store(c: Cols) -> np.ndarray:
    """Keeping the index in a vector store (rag and hybrid), USD/month; grows with the corpus.

    Equation:
        vector_store = storage_gb * vector_store_price_per_gb_month_usd
                       + vectors / 1e6 * vector_store_price_per_million_vectors_usd
                       + vector_store_monthly_usd
        storage_gb = vectors * (embedding_dimensions * BYTES_PER_DIMENSION
                                + chunk_tokens * BYTES_PER_TOKEN) / 1e9
        vectors = corpus_tokens / chunk_tokens

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (RAG "scales linearly with corpus size");
    Pinecone, "Understanding cost" and pricing page (record size, $0.33 per GB-month).
    """
    n = vectors(c)
    record_bytes = c["embedding_dimensions"] * BYTES_PER_DIMENSION + c["chunk_tokens"] * BYTES_PER_TOKEN
    storage_gb = n * record_bytes / 1e9
    monthly = (
        storage_gb * c["vector_store_price_per_gb_month_usd"]
        + n / 1e6 * c["vector_store_price_per_million_vectors_usd"]
        + c["vector_store_monthly_usd"]
    )
    return USES_RETRIEVAL * monthly


def reembedding(c: Cols) -> np.ndarray:
    """Re-embedding the changed part of the corpus on each update (rag and hybrid), USD/month.

    Equation:
        reembedding = updates_per_month * corpus_tokens * changed_fraction_per_update
                      * embedding_price / 1e6
        embedding_price = batch_embedding_price where offline_workload and listed, else
                          embedding_price_per_mtok_usd

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (RAG updates instantly when documents change);
    the re-embedded share is an assumption.
    """
    changed = c["updates_per_month"] * c["corpus_tokens"] * c["changed_fraction_per_update"]
    return USES_RETRIEVAL * changed * embedding_price(c) / 1e6


def retraining(c: Cols, rate: np.ndarray, run: np.ndarray) -> np.ndarray:
    """Retraining, averaged over the horizon, USD/month.

    Equation:
        retraining = retrains_through(retrain_rate, horizon_months, horizon_months) * run_cost
                     / horizon_months

    Only retrains that serve queries count: the first run is one-off (training), so monthly
    retraining over 12 months is 11 retrains, 12 runs in all.

    Shapes: rate (4, N), run (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (the training term of the Total Cost of
    Customization, counted each time the model is retrained).
    """
    horizon = c["horizon_months"]
    return retrains_through(rate, horizon, horizon) * run / horizon


def engineering(c: Cols) -> np.ndarray:
    """People: ongoing engineering and adding new knowledge items or behaviours, USD/month.

    Equation:
        engineering = loaded_cost_per_person_week_usd
                      * (<strategy>_engineering_person_weeks_per_month
                         + new_items_per_month * <strategy>_change_person_weeks)

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (insurance case: a new claim type took 6 weeks
    fine-tuned, 1 day with RAG); the loaded cost and ongoing effort are assumptions.
    """
    ongoing = per_strategy(*(c[f"{s}_engineering_person_weeks_per_month"] for s in STRATEGIES))
    change = per_strategy(*(c[f"{s}_change_person_weeks"] for s in STRATEGIES))
    return c["loaded_cost_per_person_week_usd"] * (ongoing + c["new_items_per_month"] * change)


def migration(c: Cols, rate: np.ndarray) -> np.ndarray:
    """Moving a fine-tuned model to a new base model (fine_tune, hybrid), averaged, USD/month.

    Equation:
        migration = retrains_through(migration_rate, horizon_months, horizon_months)
                    * migration_person_weeks * loaded_cost_per_person_week_usd / horizon_months

    The migration's training run is in retraining (the deprecation floor of the retrain rate);
    this is the re-evaluation and the move, in person-weeks.

    Shapes: columns (1, N), rate (4, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" ("the underlying base model was deprecated";
    maintenance "ballooned"); the person-weeks are an assumption.
    """
    horizon = c["horizon_months"]
    per_migration = c["migration_person_weeks"] * c["loaded_cost_per_person_week_usd"]
    return retrains_through(rate, horizon, horizon) * per_migration / horizon


def hosting(c: Cols) -> np.ndarray:
    """Dedicated GPU hosting of a fine-tuned model, USD/month.

    Equation:
        hosting = dedicated_hosting * gpus * gpu_hour_usd * 24 * DAYS_PER_MONTH  (fine_tune, hybrid)

    Shapes: columns (1, N) -> (4, N).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (self-hosted
    models); the GPU price and count are assumptions.
    """
    hosted = c["dedicated_hosting"] > 0
    return FINE_TUNED * hosted * c["gpus"] * c["gpu_hour_usd"] * 24 * DAYS_PER_MONTH


def maintenance(c: Cols) -> np.ndarray:
    """Maintenance of each strategy's pipeline, USD/month.

    Equation:
        maintenance = <strategy>_maintenance_usd_per_month

    Shapes: columns (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Maintenance Cost x Months); amounts are
    assumptions.
    """
    return per_strategy(*(c[f"{s}_maintenance_usd_per_month"] for s in STRATEGIES))


def errors(c: Cols, queries: np.ndarray, accuracy: np.ndarray) -> np.ndarray:
    """Wrong answers, USD/month.

    Equation:
        errors = queries * (1 - expected_accuracy) * cost_per_error_usd

    Shapes: columns (1, N), accuracy (4, N) -> (4, N).

    Source: assumption (0 USD per wrong answer leaves quality out of the cost).
    """
    return queries * (1 - accuracy) * c["cost_per_error_usd"]


def labelling(c: Cols) -> np.ndarray:
    """Labelling the training examples once (fine_tune and hybrid), USD.

    Equation:
        labelling = labeled_examples * labeling_cost_per_example_usd

    Shapes: columns (1, N) -> (4, N).

    Source: assumption (cost per example).
    """
    return FINE_TUNED * c["labeled_examples"] * c["labeling_cost_per_example_usd"]


def training(c: Cols, run: np.ndarray) -> np.ndarray:
    """The first training run (fine_tune and hybrid), USD.

    Equation:
        training = run_cost

    Shapes: run (1, N) -> (4, N).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Fine-Tune Training Cost).
    """
    return FINE_TUNED * run


def index_build(c: Cols) -> np.ndarray:
    """Embedding the whole corpus once (rag and hybrid), USD.

    Equation:
        index_build = corpus_tokens * embedding_price / 1e6
        embedding_price = batch_embedding_price where offline_workload and listed, else
                          embedding_price_per_mtok_usd

    Shapes: columns (1, N) -> (4, N).

    Source: embedding price from the bundled genai-prices data; the corpus size is an assumption.
    """
    return USES_RETRIEVAL * c["corpus_tokens"] * embedding_price(c) / 1e6


def build(c: Cols) -> np.ndarray:
    """Building each strategy once, in people, USD.

    Equation:
        build = <strategy>_build_person_weeks * loaded_cost_per_person_week_usd

    Shapes: columns (1, N) -> (4, N).

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (setup: RAG "days to weeks", fine-tuning
    "weeks to months"); the loaded cost is an assumption.
    """
    weeks = per_strategy(*(c[f"{s}_build_person_weeks"] for s in STRATEGIES))
    return weeks * c["loaded_cost_per_person_week_usd"]
