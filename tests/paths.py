"""Where tests find their fixtures: real files copied into tests/fixtures/ (see its NOTICE.md)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
