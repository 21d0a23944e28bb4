"""The four strategies, their cost components, and the calendar every formula shares."""

from __future__ import annotations

import numpy as np

STRATEGIES = ("prompt", "rag", "fine_tune", "hybrid")
LABELS = {"prompt": "Prompting", "rag": "RAG", "fine_tune": "Fine-tuning", "hybrid": "Hybrid"}
# A verdict is a strategy or "none" (no strategy passes every rule); index -1 names "none".
VERDICTS = (*STRATEGIES, "none")
VERDICT_LABELS = LABELS | {"none": "No strategy passes"}
# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
COLOURS = {"prompt": "#999999", "rag": "#0072B2", "fine_tune": "#E69F00", "hybrid": "#009E73"}

USES_RETRIEVAL = np.array([False, True, False, True])
FINE_TUNED = np.array([False, False, True, True])

DAYS_PER_MONTH = 30  # 003's cost table prices a month as 30 days ($33/day -> $990/month)
DAYS_PER_WEEK = 7  # calendar days in a week, for training turnaround in weeks to production

BYTES_PER_DIMENSION = 4  # a 32-bit float per vector dimension (Pinecone, "Understanding cost")
BYTES_PER_TOKEN = 4  # chunk text kept beside its vector, ~4 characters a token: assumption

MONTHLY_COMPONENTS = (
    "generation",
    "cache_writes",
    "retrieval",
    "vector_store",
    "reembedding",
    "retraining",
    "migration",
    "hosting",
    "maintenance",
    "engineering",
    "errors",
)
ONE_OFF_COMPONENTS = ("labelling", "training", "index_build", "build")
