"""Where tests find the shared fixtures (CI clones the repo with shared/ beside it)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT_ROOT.parent / "shared" / "fixtures"
