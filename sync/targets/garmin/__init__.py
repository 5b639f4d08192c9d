"""Talking to Garmin Connect: the client, sign-in, calendar reading."""
