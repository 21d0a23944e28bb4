"""core.engine components added for caching, batch, the vector store, people and the calendar:
each formula on a worked example, both sides of each switch and threshold, and properties."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.engine.analysis import analyse, evaluate
from core.engine.columns import to_columns
from core.engine.drivers import retrains_through
from core.io.presets import preset
from core.model.rules import HARD_RULES, RULES
from core.model.scenario import Scenario
from core.model.strategies import DAYS_PER_MONTH, MONTHLY_COMPONENTS, ONE_OFF_COMPONENTS, STRATEGIES
from tests.unit.test_properties import SETTINGS, scenarios

GPT_4O_MINI_CACHED = 0.075  # USD/1M tokens, half of its 0.15 input price


def components(s: Scenario):
    return analyse(s).components.set_index(["strategy", "component", "kind"])["usd"]


def strategies(s: Scenario):
    return analyse(s).strategies.set_index("strategy")


def test_every_new_component_is_its_own_line_of_the_breakdown():
    comp = analyse(Scenario()).components
    for name in ("cache_writes", "vector_store", "reembedding", "migration", "engineering"):
        assert name in MONTHLY_COMPONENTS and set(comp[comp.component == name].kind) == {"monthly"}
    assert "build" in ONE_OFF_COMPONENTS and set(comp[comp.component == "build"].kind) == {"one_off"}


# --- prompt caching ---------------------------------------------------------------------------


def test_a_cache_hit_reads_the_static_prefix_at_the_cached_price():
    s = Scenario().updated(
        {"queries_per_day": 1_000, "cache_read_price_per_mtok_usd": GPT_4O_MINI_CACHED, "cache_hit_rate": 0.8}
    )
    f = s.flat()
    prefix = f["system_prompt_tokens"] + f["few_shot_tokens"]
    rest = f["query_tokens"]
    per_query = (
        (rest + 0.2 * prefix) * 0.15 + 0.8 * prefix * GPT_4O_MINI_CACHED + f["output_tokens"] * 0.6
    ) / 1e6
    assert components(s)["prompt", "generation", "monthly"] == pytest.approx(
        1_000 * DAYS_PER_MONTH * per_query
    )


@pytest.mark.parametrize(("cached_price", "discounted"), [(0.0, False), (GPT_4O_MINI_CACHED, True)])
def test_a_model_with_no_cached_price_gets_no_discount(cached_price, discounted):
    s = Scenario().updated({"cache_read_price_per_mtok_usd": cached_price})
    none = components(s.updated({"cache_hit_rate": 0}))["prompt", "generation", "monthly"]
    all_hits = components(s.updated({"cache_hit_rate": 1}))["prompt", "generation", "monthly"]
    assert bool(all_hits < none) is discounted


def test_each_strategy_caches_only_its_own_static_prefix():
    s = Scenario().updated({"cache_read_price_per_mtok_usd": GPT_4O_MINI_CACHED})
    saved = {
        k: components(s.updated({"cache_hit_rate": 0}))[k, "generation", "monthly"]
        - components(s.updated({"cache_hit_rate": 1}))[k, "generation", "monthly"]
        for k in STRATEGIES
    }
    f, queries = s.flat(), s.flat()["queries_per_day"] * DAYS_PER_MONTH
    base_saving = (0.15 - GPT_4O_MINI_CACHED) / 1e6 * queries
    ft_saving = (0.3 - 0.3 * GPT_4O_MINI_CACHED / 0.15) / 1e6 * queries
    assert saved["prompt"] == pytest.approx((f["system_prompt_tokens"] + f["few_shot_tokens"]) * base_saving)
    assert saved["rag"] == pytest.approx(f["system_prompt_tokens"] * base_saving)
    assert saved["fine_tune"] == pytest.approx(f["fine_tuned_prompt_tokens"] * ft_saving)


@pytest.mark.parametrize(("write_price", "expected_per_write"), [(0.0, 0.0), (0.1, 0.0), (0.1875, 0.0375)])
def test_a_cache_write_costs_only_what_it_adds_above_the_input_price(write_price, expected_per_write):
    s = Scenario().updated(
        {
            "cache_read_price_per_mtok_usd": GPT_4O_MINI_CACHED,
            "cache_write_price_per_mtok_usd": write_price,
            "cache_writes_per_month": 1_000,
            "system_prompt_tokens": 1_000_000,
            "few_shot_tokens": 0,
        }
    )
    assert components(s)["prompt", "cache_writes", "monthly"] == pytest.approx(1_000 * expected_per_write)


@pytest.mark.parametrize("read_price", [0.0, 0.15])  # none listed: 0, or the input price (genai-prices fill)
def test_cache_writes_cost_nothing_where_no_cached_read_price_is_listed(read_price):
    s = Scenario().updated(
        {
            "cache_read_price_per_mtok_usd": read_price,
            "cache_write_price_per_mtok_usd": 10.0,
            "cache_writes_per_month": 1e6,
        }
    )
    assert s.prices.input_price_per_mtok_usd == 0.15
    assert components(s)["prompt", "cache_writes", "monthly"] == 0


def test_with_the_static_prefix_mostly_cached_prompting_never_breaks_even_with_fine_tuning():
    # The example: uncached, prompting and fine-tuning cross at ~536,000 queries/day.
    def crossing(s):
        rows = analyse(s).break_evens()
        pair = rows[(rows.strategy_a == "prompt") & (rows.strategy_b == "fine_tune")]
        return pair.queries_per_day.tolist()

    uncached = {"cache_read_price_per_mtok_usd": 0.0}  # none listed: every read at the input price
    assert crossing(Scenario().updated(uncached)) == [pytest.approx(536_000, rel=0.01)]
    half = {"cache_read_price_per_mtok_usd": GPT_4O_MINI_CACHED, "cache_hit_rate": 0.5}
    assert crossing(Scenario()) == crossing(Scenario().updated(half))  # the default is gpt-4o-mini's
    assert crossing(Scenario().updated(half)) == [pytest.approx(1_339_000, rel=0.01)]
    assert crossing(Scenario().updated(half | {"cache_hit_rate": 0.9})) == []


@SETTINGS
@given(scenarios, st.lists(st.floats(0, 1), min_size=2, max_size=6))
def test_cost_falls_monotonically_as_the_cache_hit_rate_rises(s, rates):
    rates = np.sort(np.array(rates))
    monthly = evaluate(to_columns(s.flat()) | {"cache_hit_rate": rates}).costs.monthly_cost_usd
    assert np.all(np.diff(monthly, axis=0) <= 1e-9 * np.abs(monthly[:-1]))


# --- batch ------------------------------------------------------------------------------------

BATCH = {"batch_input_price_per_mtok_usd": 0.075, "batch_output_price_per_mtok_usd": 0.3}


@pytest.mark.parametrize(("offline", "factor"), [(False, 1.0), (True, 0.5)])
def test_an_offline_workload_pays_the_listed_batch_price_for_generation(offline, factor):
    s = Scenario().updated({"cache_hit_rate": 0})
    full = components(s)["prompt", "generation", "monthly"]
    batched = components(s.updated(BATCH | {"offline_workload": offline}))["prompt", "generation", "monthly"]
    assert batched == pytest.approx(full * factor)


def test_an_offline_workload_with_no_batch_price_listed_pays_the_normal_price():
    s = Scenario().updated({"batch_input_price_per_mtok_usd": 0.0, "batch_output_price_per_mtok_usd": 0.0})
    assert components(s.updated({"offline_workload": True})).equals(components(s))


def test_index_builds_and_re_embedding_use_the_batch_embedding_price_when_offline():
    s = Scenario().updated({"batch_embedding_price_per_mtok_usd": 0.01, "corpus_tokens": 1e9})
    online, offline = components(s), components(s.updated({"offline_workload": True}))
    assert offline["rag", "index_build", "one_off"] == pytest.approx(1e9 * 0.01 / 1e6)
    assert online["rag", "index_build", "one_off"] == pytest.approx(1e9 * 0.02 / 1e6)
    assert offline["hybrid", "reembedding", "monthly"] == pytest.approx(
        online["hybrid", "reembedding", "monthly"] / 2
    )


@SETTINGS
@given(scenarios)
def test_batch_never_raises_a_cost(s):
    cols = to_columns(s.flat()) | {"offline_workload": np.array([0.0, 1.0])}
    costs = evaluate(cols).costs
    for table in (costs.monthly, costs.one_off):
        for name, usd in table.items():
            assert np.all(usd[1] <= usd[0] + 1e-9 * np.abs(usd[0])), name


# --- vector store that scales with the corpus ---------------------------------------------------


def test_a_record_is_the_vector_plus_its_chunk_text_as_in_pinecones_example():
    # Pinecone: 1,000,000 records of 1,536 dimensions and 1,000 bytes of metadata = 7.14 GB
    s = Scenario().updated(
        {"corpus_tokens": 250 * 1e6, "chunk_tokens": 250, "vector_store_price_per_gb_month_usd": 1.0}
    )
    assert components(s)["rag", "vector_store", "monthly"] == pytest.approx(7.144)


@pytest.mark.parametrize("component", ["vector_store", "reembedding"])
def test_retrieval_costs_grow_linearly_with_the_corpus(component):
    small = components(Scenario().updated({"corpus_tokens": 1e8}))["hybrid", component, "monthly"]
    large = components(Scenario().updated({"corpus_tokens": 1e9}))["hybrid", component, "monthly"]
    assert large == pytest.approx(10 * small)
    assert components(Scenario())["prompt", component, "monthly"] == 0


def test_a_price_per_million_vectors_and_a_fixed_fee_add_to_storage():
    s = Scenario().updated(
        {
            "corpus_tokens": 4e8,
            "chunk_tokens": 400,
            "vector_store_price_per_gb_month_usd": 0,
            "vector_store_price_per_million_vectors_usd": 2.0,
            "vector_store_monthly_usd": 50,
        }
    )
    assert components(s)["rag", "vector_store", "monthly"] == pytest.approx(1e6 / 1e6 * 2.0 + 50)


# --- people and calendar ---------------------------------------------------------------------


def test_building_costs_person_weeks_times_the_loaded_cost_once():
    s = Scenario().updated({"rag_build_person_weeks": 3, "loaded_cost_per_person_week_usd": 5_000})
    assert components(s)["rag", "build", "one_off"] == 15_000
    assert strategies(s).loc["rag", "people_one_off_usd"] == 15_000


def test_weeks_to_production_add_build_labelling_and_training_turnaround():
    s = Scenario().updated(
        {
            "fine_tune_build_person_weeks": 8,
            "team_size": 2,
            "labeled_examples": 2_000,
            "labelling_examples_per_person_week": 500,
            "training_turnaround_days": 14,
        }
    )
    weeks = strategies(s).weeks_to_production
    assert weeks["fine_tune"] == pytest.approx(8 / 2 + 2_000 / 500 / 2 + 2)
    assert weeks["rag"] == pytest.approx(s.flat()["rag_build_person_weeks"] / 2)


def test_a_new_claim_type_costs_six_person_weeks_fine_tuned_and_a_day_with_rag():
    s = preset("insurance_claims").scenario.updated({"new_items_per_month": 1})
    comp, loaded = components(s), s.flat()["loaded_cost_per_person_week_usd"]
    assert comp["fine_tune", "engineering", "monthly"] == pytest.approx(6 * loaded)
    assert comp["rag", "engineering", "monthly"] == pytest.approx(0.2 * loaded)


def test_a_base_model_deprecation_costs_the_migrations_person_weeks_in_the_month_it_happens():
    s = preset("insurance_claims").scenario
    f = s.flat()
    per_move = f["migration_person_weeks"] * f["loaded_cost_per_person_week_usd"]
    often = strategies(s).horizon_cost_usd
    rarely = strategies(s.updated({"deprecation_interval_months": 120})).horizon_cost_usd
    assert often["fine_tune"] - rarely["fine_tune"] == pytest.approx(per_move)  # one move, at month 6
    assert often["rag"] == rarely["rag"]
    timeline = analyse(s).timeline.set_index(["strategy", "month"]).monthly_cost_usd
    assert timeline["fine_tune", 6] - timeline["fine_tune", 5] == pytest.approx(per_move)


def test_the_deadline_rule_cites_scaledbydesigns_checklist():
    assert "deadline" in HARD_RULES
    assert "< 1 week" in RULES["deadline"][1]


@pytest.mark.parametrize(("deadline", "blocked"), [(0, False), (0.49, True), (0.5, False), (10, False)])
def test_a_deadline_blocks_a_strategy_that_cannot_be_live_in_time(deadline, blocked):
    s = Scenario().updated({"rag_build_person_weeks": 1, "team_size": 2, "deadline_weeks": deadline})
    row = strategies(s).loc["rag"]
    assert ("deadline" in row.blocked_by) is blocked


def test_deploying_in_under_a_week_recommends_rag():
    s = Scenario().updated({"deadline_weeks": 0.9})
    result = analyse(s)
    assert result.recommendation.strategy == "rag"
    deadline = next(r for r in result.recommendation.reasons if r.rule == "deadline")
    weeks = result.strategies.set_index("strategy").weeks_to_production["fine_tune"]
    assert f"Fine-tuning ({weeks:,.1f} weeks to production, deadline 0.9 weeks)" in deadline.text
    blocked = result.strategies.set_index("strategy").blocked_by
    assert "deadline" in blocked["fine_tune"] and "deadline" in blocked["hybrid"]


@SETTINGS
@given(scenarios, st.floats(0.01, 520))
def test_a_feasible_recommendation_is_always_live_before_the_deadline(s, deadline):
    ev = evaluate(to_columns(s.flat()) | {"deadline_weeks": deadline})
    winner = ev.winner[0]
    if ev.feasible[0, winner]:
        assert ev.costs.weeks_to_production[0, winner] <= deadline


# --- retrain count ---------------------------------------------------------------------------


@SETTINGS
@given(scenarios)
def test_the_timeline_with_its_retrains_and_migrations_ends_at_the_horizon_total(s):
    result = analyse(s)
    last = result.timeline.groupby("strategy").cumulative_cost_usd.last()
    totals = result.strategies.set_index("strategy").horizon_cost_usd
    for strategy in STRATEGIES:
        assert last[strategy] == pytest.approx(totals[strategy], rel=1e-9, abs=1e-6)


@SETTINGS
@given(st.floats(0, 30), st.integers(1, 60))
def test_the_retrains_counted_are_exactly_those_that_start_before_the_horizon_ends(rate, horizon):
    # retrain k (k = 1, 2, ...) happens at month k / rate and serves queries if that is before the end
    serving = sum(1 for k in range(1, 2_000) if rate > 0 and k / rate < horizon - 1e-9)
    assert retrains_through(np.array(rate), horizon, horizon) == serving
