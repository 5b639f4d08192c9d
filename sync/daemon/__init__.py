"""`runlift daemon`: keeps the watch's calendar right on a schedule, unattended."""
