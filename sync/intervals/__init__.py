"""intervals.icu: the athlete's calendar of planned workouts and races, read with an API key
(the API as runlift uses it: docs/intervals-icu.md)."""
