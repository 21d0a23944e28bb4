"""The dated fine-tuning price table ``core/data/training_prices.csv``: one row per provider and
model or size class, each validated (unknown columns refused) and carrying its date and source."""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.model.errors import ScenarioError

TRAINING_TABLE = Path(__file__).resolve().parents[1] / "data" / "training_prices.csv"
Usd = Annotated[float, Field(ge=0, le=1e8)]
_PARAMS = re.compile(r"-(\d+(?:\.\d+)?)b(?:-|$)")  # "llama-v3p1-8b-instruct" -> 8


class TrainingPrice(BaseModel):
    """One published fine-tuning price."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str = Field(min_length=1)
    """genai-prices provider id."""
    model: str = Field(min_length=1)
    """genai-prices model id, or a size class named "size:<range>"."""
    params_min_b: float | None = None
    """Size class: smallest base model, billions of parameters."""
    params_max_b: float | None = None
    """Size class: largest base model, billions of parameters."""
    training_price_per_mtok_usd: Usd | None = None
    """USD per 1M training tokens (examples x tokens x epochs)."""
    training_price_per_run_usd: Usd | None = None
    """USD per training run, where the vendor prices a run."""
    fine_tuned_input_price_per_mtok_usd: Usd | None = None
    """USD per 1M input tokens to the fine-tuned model, where the page gives it."""
    fine_tuned_output_price_per_mtok_usd: Usd | None = None
    """USD per 1M output tokens from the fine-tuned model, where the page gives it."""
    hosting: Literal["serverless_base_price", "serverless_fine_tuned_price", "per_hour"]
    """How the fine-tuned model is served and billed."""
    hosting_usd_per_hour: Usd | None = None
    """USD per hour of a deployment (hosting = per_hour)."""
    as_of: date
    """The date the price was read."""
    source: str = Field(min_length=10)
    """The vendor page: publisher, title, address, and its date where it gives one."""

    @model_validator(mode="after")
    def _has_a_training_price(self) -> TrainingPrice:
        if self.training_price_per_mtok_usd is None and self.training_price_per_run_usd is None:
            raise ValueError("a row needs a training price per 1M tokens or per run")
        if (self.params_min_b is None) != (self.params_max_b is None):
            raise ValueError("a size class needs both params_min_b and params_max_b")
        return self

    def covers(self, provider: str, model: str) -> bool:
        """True for this row's own model, or a model of the provider inside its size class."""
        if provider != self.provider:
            return False
        if model == self.model:
            return True
        size = _PARAMS.search(model.lower())
        return (
            self.params_min_b is not None
            and size is not None
            and self.params_min_b <= float(size.group(1)) <= self.params_max_b
        )


def read_table(text: str) -> list[TrainingPrice]:
    """Rows of a training price table (CSV text, ``#`` lines are comments), or ScenarioError
    naming the line."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        try:
            rows.append(TrainingPrice.model_validate({k: v for k, v in row.items() if v != ""}))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "row"
            raise ScenarioError(f"training price table, row {number}: {where}: {first['msg']}") from None
    return rows


@cache
def training_table() -> tuple[TrainingPrice, ...]:
    """The rows of ``core/data/training_prices.csv``."""
    return tuple(read_table(TRAINING_TABLE.read_text(encoding="utf-8")))


def training_row(provider: str, model: str) -> TrainingPrice | None:
    """The row for a model: its own row first, else its size class; None where none was published."""
    rows = [r for r in training_table() if r.covers(provider, model)]
    return next((r for r in rows if r.model == model), rows[0] if rows else None)


def training_prices() -> dict[tuple[str, str], dict]:
    """(provider, model) -> row as a dict: the table the Method page shows."""
    return {(r.provider, r.model): r.model_dump(mode="json") for r in training_table()}
