"""The cost components: recurring ones in USD/month, one-off ones in USD, one column per strategy.

Each function takes ``c``, the scenario's columns as (N, 1) arrays, with what it rests on
(``core.engine.drivers``), and returns an array that broadcasts to (N, 4). Its docstring states
its equation and source: the Method page shows them from there.
"""

from __future__ import annotations

import numpy as np

from core.engine.columns import per_strategy
from core.engine.drivers import Cols, retrains_through
from core.model.strategies import DAYS_PER_MONTH, FINE_TUNED, STRATEGIES, USES_RETRIEVAL


def generation(c: Cols, queries: np.ndarray, in_tokens: np.ndarray) -> np.ndarray:
    """Generation: the model answering every query, USD/month.

    Equation:
        generation = queries * (in_tokens * input_price + output_tokens * output_price) / 1e6
        per_query basis: generation = queries * <strategy>_generation_cost_per_query_usd
        fine_tune and hybrid on dedicated_hosting: generation = 0 (hosting pays for the GPUs)

    input_price and output_price are the base model's for prompt and rag, the fine_tuned_ ones
    for fine_tune and hybrid; queries = queries_per_day * DAYS_PER_MONTH.

    Shapes: columns (N, 1), in_tokens (N, 4) -> (N, 4).

    Source: token prices from the bundled genai-prices data; per-query costs from ScaledByDesign,
    "Fine-Tuning vs. RAG" (cost table at 10,000 queries/day).
    """
    hosted = FINE_TUNED & (c["dedicated_hosting"] > 0)
    base_in, ft_in = c["input_price_per_mtok_usd"], c["fine_tuned_input_price_per_mtok_usd"]
    base_out, ft_out = c["output_price_per_mtok_usd"], c["fine_tuned_output_price_per_mtok_usd"]
    p_in = per_strategy(base_in, base_in, ft_in, ft_in)
    p_out = per_strategy(base_out, base_out, ft_out, ft_out)
    token_cost = np.where(hosted, 0.0, (in_tokens * p_in + c["output_tokens"] * p_out) / 1e6)
    listed = per_strategy(*(c[f"{s}_generation_cost_per_query_usd"] for s in STRATEGIES))
    listed = np.where(hosted, 0.0, listed)
    return queries * np.where(c["price_basis"] == 1, listed, token_cost)


def retrieval(c: Cols, queries: np.ndarray) -> np.ndarray:
    """Retrieval (rag and hybrid only), USD/month.

    Equation:
        retrieval = queries * (query_embedding + vector_search_cost_per_query_usd)
                    + vector_store_monthly_usd
                    + updates_per_month * corpus_tokens * changed_fraction_per_update
                      * embedding_price_per_mtok_usd / 1e6
        query_embedding = query_tokens * embedding_price_per_mtok_usd / 1e6
        per_query basis: query_embedding = embedding_cost_per_query_usd

    Shapes: columns (N, 1) -> (N, 4), 0 for prompt and fine_tune.

    Source: ScaledByDesign, "Fine-Tuning vs. RAG" (vector search $0.0002 and embedding $0.0001 a
    query); the store and the re-embedded share are assumptions.
    """
    embed_mtok = c["embedding_price_per_mtok_usd"] / 1e6
    per_query = c["price_basis"] == 1
    embed_query = np.where(per_query, c["embedding_cost_per_query_usd"], c["query_tokens"] * embed_mtok)
    reembed = c["updates_per_month"] * c["corpus_tokens"] * c["changed_fraction_per_update"]
    return USES_RETRIEVAL * (
        queries * (embed_query + c["vector_search_cost_per_query_usd"])
        + c["vector_store_monthly_usd"]
        + reembed * embed_mtok
    )


def retraining(c: Cols, rate: np.ndarray, run: np.ndarray) -> np.ndarray:
    """Retraining, averaged over the horizon, USD/month.

    Equation:
        retraining = retrains_through(retrain_rate, horizon_months) * run_cost / horizon_months

    Shapes: rate (N, 4), run (N, 1) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (the training term of the Total Cost of
    Customization, counted each time the model is retrained).
    """
    horizon = c["horizon_months"]
    return retrains_through(rate, horizon) * run / horizon


def hosting(c: Cols) -> np.ndarray:
    """Dedicated GPU hosting of a fine-tuned model, USD/month.

    Equation:
        hosting = dedicated_hosting * gpus * gpu_hour_usd * 24 * DAYS_PER_MONTH  (fine_tune, hybrid)

    Shapes: columns (N, 1) -> (N, 4).

    Source: "RAG vs Fine-Tuning: How to choose the right approach for your AI product" (self-hosted
    models); the GPU price and count are assumptions.
    """
    hosted = c["dedicated_hosting"] > 0
    return FINE_TUNED * hosted * c["gpus"] * c["gpu_hour_usd"] * 24 * DAYS_PER_MONTH


def maintenance(c: Cols) -> np.ndarray:
    """Maintenance of each strategy's pipeline, USD/month.

    Equation:
        maintenance = <strategy>_maintenance_usd_per_month

    Shapes: columns (N, 1) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Maintenance Cost x Months); amounts are
    assumptions.
    """
    return per_strategy(*(c[f"{s}_maintenance_usd_per_month"] for s in STRATEGIES))


def errors(c: Cols, queries: np.ndarray, accuracy: np.ndarray) -> np.ndarray:
    """Wrong answers, USD/month.

    Equation:
        errors = queries * (1 - expected_accuracy) * cost_per_error_usd

    Shapes: columns (N, 1), accuracy (N, 4) -> (N, 4).

    Source: assumption (0 USD per wrong answer leaves quality out of the cost).
    """
    return queries * (1 - accuracy) * c["cost_per_error_usd"]


def labelling(c: Cols) -> np.ndarray:
    """Labelling the training examples once (fine_tune and hybrid), USD.

    Equation:
        labelling = labeled_examples * labeling_cost_per_example_usd

    Shapes: columns (N, 1) -> (N, 4).

    Source: assumption (cost per example).
    """
    return FINE_TUNED * c["labeled_examples"] * c["labeling_cost_per_example_usd"]


def training(c: Cols, run: np.ndarray) -> np.ndarray:
    """The first training run (fine_tune and hybrid), USD.

    Equation:
        training = run_cost

    Shapes: run (N, 1) -> (N, 4).

    Source: KnowMBA Advisory, "Fine-Tuning vs RAG" (Fine-Tune Training Cost).
    """
    return FINE_TUNED * run


def index_build(c: Cols) -> np.ndarray:
    """Embedding the whole corpus once (rag and hybrid), USD.

    Equation:
        index_build = corpus_tokens * embedding_price_per_mtok_usd / 1e6

    Shapes: columns (N, 1) -> (N, 4).

    Source: embedding price from the bundled genai-prices data; the corpus size is an assumption.
    """
    return USES_RETRIEVAL * c["corpus_tokens"] * (c["embedding_price_per_mtok_usd"] / 1e6)
