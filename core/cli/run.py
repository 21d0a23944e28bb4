"""``python -m core``: the parser over every command, and ``main``, which turns errors into exit 2.

Bad input of any kind ends with exit code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from core.cli import analysis_commands, commands
from core.cli.common import Parser
from core.model.errors import ScenarioError, shorten

COMMANDS = commands.COMMANDS | analysis_commands.COMMANDS
MAX_MESSAGE = 300  # characters of an error line: argparse quotes whole arguments, which may be huge


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m core", description="RAG vs fine-tuning scenario engine.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    commands.add_parsers(sub)
    analysis_commands.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        out = COMMANDS[args.command](args)
    except ScenarioError as err:
        print(f"error: {shorten(str(err), MAX_MESSAGE)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
