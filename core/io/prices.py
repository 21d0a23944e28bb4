"""Model prices: inference, cache, batch, embedding and context window from the bundled
``genai-prices`` data (offline), fine-tuning from our dated table (``core.io.training_prices``).
Nothing is fetched. A price is the model's base tier (a normal request, not a long-context one)
in force today at noon UTC (so an off-peak discount by time of day is never taken for the price)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from importlib.metadata import version

from core.io.training_prices import training_prices, training_row, training_table
from core.model.errors import ScenarioError, quoted
from core.model.fields import bounds
from core.model.scenario import Scenario

__all__ = [
    "chat_models",
    "embedding_price",
    "model_prices",
    "providers",
    "training_prices",
    "with_model",
    "ModelPrices",
]

GENAI_PRICES_VERSION = version("genai-prices")
# Model ids that price tokens but do not answer text chats: not choices for this tool.
NOT_CHAT = ("embed", "tts", "transcribe", "realtime", "audio", "image", ".ft-")
DEFAULT_EMBEDDING = ("openai", "text-embedding-3-small")  # for a provider with no embedding model
SERVERLESS_AT_BASE = (
    'Fireworks AI, "Pricing": "LoRA models deployed to our serverless inference service are '
    'charged at the same rate as the underlying base model"'
)
ESTIMATED = ("fine_tuned_price_estimated", "training_price_estimated")
# How a chosen model fills the scenario: one line per rule, shown on the Method page.
PRICE_RULES = (
    "Base input/output: the model's base tier in genai-prices (a normal request, not the long-context "
    "tier), in force today at noon UTC.",
    "Cached input read and write: the model's cache prices; where none is listed, the input price (no discount).",
    "Batch input/output: the model's batch variant; where none is listed, the base prices (no discount).",
    "Embedding: the provider's cheapest embedding model (voyage-* included); a provider with none gets "
    "OpenAI text-embedding-3-small, said so.",
    "Batch embedding: the batch price of that embedding model; where none is listed, 0 (re-embedding "
    "pays the online price).",
    "Context window: the model's listed window; where none is listed, 0 (not known, not checked).",
    "Fine-tuned inference: genai-prices' ft:<model> entry, else the dated table (serverless at the base price); "
    "else the base price, marked estimate.",
    "Training: the dated table's row for the model or its size class; else the table's highest per-token price, "
    "marked estimate. A price typed in replaces the estimate.",
    "Picking a model on a per-query scenario switches it to token pricing, and says so.",
)


@cache
def _providers() -> dict:
    from genai_prices import data_snapshot  # the bundled data, read once

    return {p.id: p for p in data_snapshot.get_snapshot().providers}


def providers() -> list[str]:
    """Provider ids known to the bundled price data."""
    return sorted(_providers())


def _provider(provider: str):
    try:
        return _providers()[provider]
    except KeyError:
        raise ScenarioError(
            f"provider = {quoted(provider)} is not in genai-prices {GENAI_PRICES_VERSION}: "
            f"expected one of {', '.join(providers()[:12])}, ..."
        ) from None


def _entry(provider: str, model: str):
    found = next((m for m in _provider(provider).models if m.id == model), None)
    if found is None:
        raise ScenarioError(
            f"model = {quoted(model)} has no token price for provider {quoted(provider)} in "
            f"genai-prices {GENAI_PRICES_VERSION}: see the model list of that provider"
        )
    return found


def _base(price) -> float | None:
    """A flat price, or the base tier of a tiered one (a normal request); None if not listed."""
    value = getattr(price, "base", price)
    return None if value is None else float(value)


def _now() -> datetime:
    return datetime.now(tz=UTC)


@cache
def chat_models(provider: str) -> list[str]:
    """Model ids of ``provider`` that have both an input and an output token price."""
    now = _now()
    found = []
    for model in _provider(provider).models:
        if model.id.startswith("ft:") or any(word in model.id for word in NOT_CHAT):
            continue
        price = model.get_prices(now)
        if (_base(price.input_mtok) or 0) > 0 and (_base(price.output_mtok) or 0) > 0:
            found.append(model.id)
    return sorted(found)


@dataclass(frozen=True)
class ModelPrices:
    """Every price field a model fills, where each value comes from, and which are estimates."""

    values: dict[str, float]
    """Scenario field -> value (USD per 1M tokens, or tokens for the context window)."""
    notes: dict[str, str]
    """Scenario field -> its source and date, as the page shows it."""
    estimated: dict[str, str] = field(default_factory=dict)
    """Scenario field -> why it is an estimate (no published price for this model)."""


def model_prices(provider: str, model: str, *, on: date | None = None) -> ModelPrices:
    """Every price of ``model`` at ``provider`` in force on ``on`` (default today, UTC)."""
    return _model_prices(provider, model, on or _now().date())


@cache
def _model_prices(provider: str, model: str, on: date) -> ModelPrices:
    entry = _entry(provider, model)
    when = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    price, batch = entry.get_prices(when), entry.get_prices(when, {"processing": "batch"})
    base_in, base_out = _base(price.input_mtok), _base(price.output_mtok)
    if not base_in or not base_out:
        raise ScenarioError(f"model = {quoted(model)} has no input and output token price at {provider}")
    listed = f"genai-prices {GENAI_PRICES_VERSION}, {provider} {model}, price on {on.isoformat()}"
    values, notes = {}, {}

    def put(name: str, value: float, note: str) -> None:
        values[name], notes[name] = value, note

    put("input_price_per_mtok_usd", base_in, listed)
    put("output_price_per_mtok_usd", base_out, listed)
    for name, value, missing in (
        ("cache_read_price_per_mtok_usd", _base(price.cache_read_mtok), "no cached-input price listed: the input price"),
        ("cache_write_price_per_mtok_usd", _base(price.cache_write_mtok), "no cache-write price listed: the input price"),
        ("batch_input_price_per_mtok_usd", _base(batch.input_mtok), "no batch price listed: the input price"),
        ("batch_output_price_per_mtok_usd", _base(batch.output_mtok), "no batch price listed: the output price"),
    ):  # fmt: skip
        fallback = base_out if "output" in name else base_in
        put(
            name,
            value if value is not None else fallback,
            listed if value is not None else f"{listed}; {missing}",
        )
    put("embedding_price_per_mtok_usd", *embedding_price(provider, on))
    put("batch_embedding_price_per_mtok_usd", *batch_embedding_price(provider, on))
    window = entry.context_window or 0
    put(
        "context_window_tokens",
        float(window),
        listed if window else f"{listed}: no context window listed, not checked",
    )
    estimated = _fine_tuning(provider, model, when, (base_in, base_out), put)
    return ModelPrices(values, notes, estimated)


def _embedding_model(provider: str, on: date) -> tuple[str, str, str, float]:
    """(provider that lists it, model id, where to say it came from, USD per 1M tokens)."""
    when = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    own = [m for m in _provider(provider).models if "embed" in m.id or m.id.startswith("voyage-")]
    priced = [(_base(m.get_prices(when).input_mtok), m.id) for m in own]
    priced = sorted((p, m) for p, m in priced if p)
    if priced:
        return provider, priced[0][1], provider, priced[0][0]
    owner, default = DEFAULT_EMBEDDING
    value = _base(_entry(owner, default).get_prices(when).input_mtok)
    return owner, default, f"{owner} (default: {provider} lists no embedding model)", value


def embedding_price(provider: str, on: date) -> tuple[float, str]:
    """(USD per 1M tokens, source): the provider's cheapest embedding model (``voyage-*`` ids
    have no "embed" in them), else the stated default ``DEFAULT_EMBEDDING``."""
    _, model, where, value = _embedding_model(provider, on)
    return value, f"genai-prices {GENAI_PRICES_VERSION}, {where} {model}, price on {on.isoformat()}"


def batch_embedding_price(provider: str, on: date) -> tuple[float, str]:
    """(USD per 1M tokens, source): the batch price of the model ``embedding_price`` picks, or
    0 where none cheaper is listed (re-embedding then pays the online price)."""
    owner, model, where, value = _embedding_model(provider, on)
    when = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    batch = _base(_entry(owner, model).get_prices(when, {"processing": "batch"}).input_mtok)
    note = f"genai-prices {GENAI_PRICES_VERSION}, {where} {model} batch, price on {on.isoformat()}"
    if batch is None or batch >= value:
        return 0.0, f"{note}: no batch embedding price listed, the online price"
    return batch, note


def _fine_tuning(provider: str, model: str, when: datetime, base: tuple[float, float], put) -> dict[str, str]:
    """Fine-tuned inference and training prices; returns the fields that are estimates."""
    estimated = {}
    row = training_row(provider, model)
    tuned = next((m for m in _provider(provider).models if m.id == f"ft:{model}"), None)
    names = ("fine_tuned_input_price_per_mtok_usd", "fine_tuned_output_price_per_mtok_usd")
    if tuned is not None:
        ft = tuned.get_prices(when)
        for name, value in zip(names, (_base(ft.input_mtok), _base(ft.output_mtok)), strict=True):
            put(name, value, f"genai-prices {GENAI_PRICES_VERSION}, {provider} ft:{model}")
    elif row is not None and row.hosting == "serverless_base_price":
        for name, value in zip(names, base, strict=True):
            put(
                name,
                value,
                f"the base price, served as a fine-tune at that rate: {row.source}; as of {row.as_of}",
            )
    elif row is not None and row.fine_tuned_input_price_per_mtok_usd is not None:
        put(names[0], row.fine_tuned_input_price_per_mtok_usd, f"{row.source}; as of {row.as_of}")
        put(names[1], row.fine_tuned_output_price_per_mtok_usd or base[1], f"{row.source}; as of {row.as_of}")
    else:
        why = f"no published fine-tuned price for {provider} {model}: estimate = the base price ({SERVERLESS_AT_BASE})"
        for name, value in zip(names, base, strict=True):
            put(name, value, why)
            estimated[name] = why
    if row is not None and row.training_price_per_mtok_usd is not None:
        put(
            "training_price_per_mtok_usd", row.training_price_per_mtok_usd, f"{row.source}; as of {row.as_of}"
        )
    else:
        top = max(
            (r for r in training_table() if r.training_price_per_mtok_usd),
            key=lambda r: r.training_price_per_mtok_usd,
        )
        why = (f"no published training price for {provider} {model}: estimate = the highest per-token price in "
               f"the dated table (${top.training_price_per_mtok_usd:g}/1M, {top.provider} {top.model}, {top.as_of})")  # fmt: skip
        put("training_price_per_mtok_usd", top.training_price_per_mtok_usd, why)
        estimated["training_price_per_mtok_usd"] = why
    return estimated


def with_model(scenario: Scenario, provider: str, model: str) -> tuple[Scenario, ModelPrices, list[str]]:
    """The scenario with ``model`` chosen and every price it uses filled (never the previous
    model's); token pricing switched on. Returns the scenario, the prices and what was said."""
    found = model_prices(provider, model)
    changes: dict = {"provider": provider, "model": model}
    for name, value in found.values.items():
        lo, hi = bounds(name)
        changes[name] = min(max(float(value), lo), hi)
    changes["fine_tuned_price_estimated"] = "fine_tuned_input_price_per_mtok_usd" in found.estimated
    changes["training_price_estimated"] = "training_price_per_mtok_usd" in found.estimated
    said = []
    if scenario.prices.price_basis != "tokens":
        changes["price_basis"] = "tokens"
        said.append(
            "Price basis switched from per-query costs to tokens, so the chosen model's prices are used."
        )
    said.extend(f"Estimate: {why}." for why in dict.fromkeys(found.estimated.values()))
    return scenario.updated(changes), found, said


# A price the user types in is published for their purpose: it clears that estimate flag.
ENTERED = {
    "fine_tuned_input_price_per_mtok_usd": "fine_tuned_price_estimated",
    "fine_tuned_output_price_per_mtok_usd": "fine_tuned_price_estimated",
    "training_price_per_mtok_usd": "training_price_estimated",
}


def apply_settings(scenario: Scenario, changes: dict) -> tuple[Scenario, list[str]]:
    """``changes`` (name -> value) applied as a user sets them: a provider or model fills every
    price first (``with_model``), then the other settings apply; a fine-tuned or training price
    given explicitly is no longer an estimate. Returns the scenario and what was said."""
    changes, said = dict(changes), []
    provider, model = changes.pop("provider", None), changes.pop("model", None)
    if provider is not None or model is not None:
        named = {k: v for k, v in (("provider", provider), ("model", model)) if v is not None}
        checked = scenario.updated(named).prices  # the names' own rules first (length, characters)
        scenario, _, said = with_model(scenario, checked.provider, checked.model)
    for name, flag in ENTERED.items():
        if name in changes and flag not in changes:
            changes[flag] = False
    return (scenario.updated(changes) if changes else scenario), said
