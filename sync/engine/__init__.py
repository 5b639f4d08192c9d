"""The sync: desired sessions, the diff against what runlift has on Garmin Connect, applying it."""
