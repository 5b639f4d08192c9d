"""The places `runlift sync` writes sessions to, each an implementation of the engine's
``Target`` port (``runlift.sync.engine.target``), found by name in the ``runlift.targets``
entry point group: Garmin Connect and COROS Training Hub, or a third party's."""
