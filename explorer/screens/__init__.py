"""One module per screen; each screen owns its bindings and handlers."""
