"""Run as `python hooks/kb COMMAND`: makes the package importable, then hands over to cli."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.cli import main  # noqa: E402

sys.exit(main())
