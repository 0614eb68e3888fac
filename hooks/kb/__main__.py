"""`python -m kb COMMAND`: the same as the `kb` command (see kb/cli.py)."""
import sys

from kb.cli import main

sys.exit(main())
