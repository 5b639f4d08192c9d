"""Each part's ordered migrations, one module a part (see ``runlift.sync.store.schema``)."""
