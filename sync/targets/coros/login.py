"""`runlift login coros`: ONE credential attempt, the session saved private, nothing asked
without a terminal (the plugin sign-in of ``runlift.sync.plugins``, run by the command line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runlift.sync.targets.coros.session import save_session
from runlift.sync.targets.coros.settings import coros_settings
from runlift.sync.targets.coros.signin import SignInForm, sign_in

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.plugins import Ask


def login_coros(config: Config, ask: Ask) -> str:
    """Sign in to the COROS Training Hub (email and password; one attempt, the password sent
    only as a digest and never kept).

    COROS keeps one Training Hub session per account: signing in to the Training Hub elsewhere
    ends runlift's, and the next sync asks for this again.
    """
    settings = coros_settings(config)
    email = ask("COROS account email")
    password = ask("Password", secret=True)
    session = sign_in(
        email,
        password,
        region=settings.region,
        base_url=settings.host(),
        form=SignInForm(settings.sign_in),
        timeout_s=settings.timeout_seconds,
    )
    path = save_session(session)
    return (
        f"Signed in to the COROS Training Hub ({settings.region}); the session is saved in "
        f"{path} (the password was not)."
    )
