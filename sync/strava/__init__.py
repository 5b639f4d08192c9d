"""Strava: sign-in, the athlete's activity history, and the running week projected from it.

Nothing here imports stravalib at module level; the modules that talk to Strava import it
inside the functions that need it, so importing runlift stays light.
"""
