"""The base of every pydantic model of the program: built on first use, one build at a time.

A model's validator and serializer are built when it is first validated, dumped or asked
for its schema (``defer_build``), not when its module is imported: ``import roomplanner``
and the commands that validate nothing then cost no schema build, and a room's plan never
builds the models of a class-3 venue's profile (benchmarks/bench_startup.py).

pydantic (2.13) does not serialise these first builds: two threads validating a model for the
first time at once (the web server's first requests) would build it side by side while the
other reads the class half-built. :meth:`LazyModel.model_rebuild`, through which every
deferred build goes, takes one lock, so the second thread waits and then uses the finished
validator.
"""

import threading

from pydantic import BaseModel, ConfigDict

_BUILD_LOCK = threading.RLock()


class LazyModel(BaseModel):
    model_config = ConfigDict(defer_build=True)

    @classmethod
    def model_rebuild(cls, *, force: bool = False, raise_errors: bool = True, _parent_namespace_depth: int = 2,
                      _types_namespace=None):
        if cls.__pydantic_complete__ and not force:
            return None
        with _BUILD_LOCK:
            # one frame more than pydantic counts: this method's own
            depth = _parent_namespace_depth + 1 if _parent_namespace_depth > 0 else _parent_namespace_depth
            return super().model_rebuild(force=force, raise_errors=raise_errors, _parent_namespace_depth=depth,
                                         _types_namespace=_types_namespace)
