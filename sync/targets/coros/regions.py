"""The Training Hub API host of each COROS region.

A token is good only on the host of the account's region (cygnusb/coros-mcp coros_api.py:
"tokens are only valid on the region-specific API host"), so runlift signs in and works on
one host, the region's, and never probes the others.
"""

from __future__ import annotations

from runlift.sync.errors import UserError

HOSTS: dict[str, str] = {
    "eu": "https://teameuapi.coros.com",
    "us": "https://teamapi.coros.com",
    "cn": "https://teamcnapi.coros.com",
}
DEFAULT_REGION = "eu"


def base_url(region: str) -> str:
    try:
        return HOSTS[region]
    except KeyError:
        known = ", ".join(sorted(HOSTS))
        raise UserError(f"coros region {region!r} is not one of {known}") from None
