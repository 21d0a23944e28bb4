"""Domain errors: raised in core, turned into a message at the edge (page, CLI)."""


class ScenarioError(ValueError):
    """An input that cannot form a valid scenario.

    The message names the field, the value given and what is allowed, so the edge can show
    it as it is.
    """
