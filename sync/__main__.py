from sync.cli import run

run()
