"""What the analysis pages and commands ask of the engine: grids, ranges, tornado, Monte Carlo."""
