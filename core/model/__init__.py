"""The scenario and its vocabulary: input fields, strategies, decision rules, their sources."""
