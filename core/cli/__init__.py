"""``python -m core``: thin commands that parse arguments, call core and print the result."""
