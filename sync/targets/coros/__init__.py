"""COROS Training Hub: sign-in, the session file, the exercise catalogue and the HTTP client.

Groundwork for COROS as a second target (issue 25): every call is one of those in
tests/fakes/EVIDENCE.md (section COROS Training Hub); docs/coros.md says what is recorded and
what stays unverified until a real account runs it.
"""
