"""The resolve stage: one entity per real person, organisation and place, whatever the
spelling (see ``identities.resolve`` and, for the store, ``stage.update_entities``)."""
