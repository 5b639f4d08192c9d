"""Fake Garmin Connect and Strava servers on 127.0.0.1 for the real client libraries to talk to."""
