"""Sources of upcoming runs and sinks of strength sessions, found through entry points."""
