"""``python -m core``: see core.cli.run."""

import sys

from core.cli.run import main

sys.exit(main())
