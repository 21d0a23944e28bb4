"""Model prices: inference and embedding from the bundled ``genai-prices`` data (offline),
training from our dated table ``core/data/training_prices.csv``. Nothing is fetched."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path

from genai_prices import Usage, calc_price, data_snapshot

from core.model.errors import ScenarioError

TRAINING_TABLE = Path(__file__).resolve().parents[1] / "data" / "training_prices.csv"
GENAI_PRICES_VERSION = version("genai-prices")
_MTOK = 1_000_000
# Model ids that price tokens but do not answer text chats: not choices for this tool.
NOT_CHAT = ("embed", "tts", "transcribe", "realtime", "audio", "image", ".ft-")


@cache
def _providers() -> dict:
    return {p.id: p for p in data_snapshot.get_snapshot().providers}


def providers() -> list[str]:
    """Provider ids known to the bundled price data."""
    return sorted(_providers())


@cache
def chat_models(provider: str) -> list[str]:
    """Model ids of ``provider`` that have both an input and an output token price."""
    found = []
    for model in _provider(provider).models:
        if model.id.startswith("ft:") or any(word in model.id for word in NOT_CHAT):
            continue
        try:
            price = _per_mtok(provider, model.id)
        except ScenarioError:
            continue
        if price[1] > 0:
            found.append(model.id)
    return sorted(found)


def _provider(provider: str):
    try:
        return _providers()[provider]
    except KeyError:
        raise ScenarioError(
            f"provider = {provider!r} is not in genai-prices {GENAI_PRICES_VERSION}: "
            f"expected one of {', '.join(providers()[:12])}, ..."
        ) from None


def _per_mtok(provider: str, model: str) -> tuple[float, float]:
    """(input, output) USD per 1M tokens at today's date."""
    _provider(provider)
    try:
        calc = calc_price(
            Usage(input_tokens=_MTOK, output_tokens=_MTOK),
            model,
            provider_id=provider,
            genai_request_timestamp=datetime.now(tz=UTC),
        )
    except (LookupError, ValueError, TypeError) as err:
        raise ScenarioError(
            f"model = {model!r} has no token price for provider {provider!r}: {err}"
        ) from None
    return float(calc.input_price), float(calc.output_price)


@cache
def prices_for(provider: str, model: str) -> dict[str, float]:
    """Scenario price fields for a provider and model, as far as the data knows them.

    Fine-tuned inference prices come from the provider's ``ft:<model>`` entry when it has one;
    the embedding price from the provider's cheapest embedding model, else OpenAI's
    text-embedding-3-small; the training price from our dated table.
    """
    base_in, base_out = _per_mtok(provider, model)
    out = {"input_price_per_mtok_usd": base_in, "output_price_per_mtok_usd": base_out}
    tuned = next((m for m in _provider(provider).models if m.id == f"ft:{model}"), None)
    if tuned is not None:
        ft_price = tuned.get_prices(datetime.now(tz=UTC))
        out["fine_tuned_input_price_per_mtok_usd"] = float(_base(ft_price.input_mtok))
        out["fine_tuned_output_price_per_mtok_usd"] = float(_base(ft_price.output_mtok))
    out["embedding_price_per_mtok_usd"] = _embedding_price(provider)
    training = training_prices().get((provider, model))
    if training is not None:
        out["training_price_per_mtok_usd"] = training["training_price_per_mtok_usd"]
    return out


def _base(price) -> float:
    """A flat price, or the base tier of a tiered one."""
    return getattr(price, "base", price) or 0.0


def _embedding_price(provider: str) -> float:
    options = [m.id for m in _provider(provider).models if "embed" in m.id]
    prices = [_per_mtok(provider, m)[0] for m in options]
    return min(prices) if prices else _per_mtok("openai", "text-embedding-3-small")[0]


@cache
def training_prices() -> dict[tuple[str, str], dict]:
    """(provider, model) -> row of the dated training price table."""
    with TRAINING_TABLE.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {
            (r["provider"], r["model"]): r
            | {"training_price_per_mtok_usd": float(r["training_price_per_mtok_usd"])}
            for r in rows
        }
