from runlift.sync.cli import run

run()
