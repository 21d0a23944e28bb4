"""The sources that inputs and rules cite: the seed files, the price data, or "assumption"."""

S000 = "000_73d04ac0515baca1.txt"  # KnowMBA, Fine-Tuning vs RAG
S001 = "001_152d5341a0ddeb47.txt"  # RAG vs Fine-Tuning: how to choose
S002 = "002_e64fd2cacaa170fa.txt"  # How I Actually Choose
S003 = "003_8b562b0e84cc63a3.txt"  # ScaledByDesign decision framework
S004 = "004_98786da00730bb42.txt"  # When Each Strategy Wins
GENAI_PRICES = "genai-prices 0.2.3 bundled data (openai, verified 2026-10-14)"
ASSUMPTION = "assumption"
BALAGUER_2024 = (
    'Balaguer et al., "RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case Study on Agriculture", '
    "Microsoft, 2024, arXiv:2401.08406"
)
RAFT_2024 = 'Zhang et al., "RAFT: Adapting Language Model to Domain Specific RAG", 2024, arXiv:2403.10131'
