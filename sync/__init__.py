"""runlift's shell: everything that talks to the world (services, files, clock, terminal)."""
