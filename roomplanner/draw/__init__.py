"""The drawing model (one page of primitives for drawings and boards) and its backends:
:mod:`.primitives` (the model and a recording backend), :mod:`.svg`, :mod:`.pdf`."""
