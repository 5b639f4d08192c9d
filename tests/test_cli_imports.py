"""`runlift --help` stays fast: service clients are imported only by commands that use them."""

import subprocess
import sys

HEAVY = ("garminconnect", "stravalib", "fitparse", "httpx")


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_and_asking_for_help_imports_no_service_client() -> None:
    loaded = modules_after(
        "from runlift.sync.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "    for name in ['export', 'plan', 'sync', 'import', 'history', 'status', 'daemon']:\n"
        "        main([name, '--help'])"
    )
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
