"""The web application (issue #14): ``roomplanner serve`` starts it.

:func:`create_app` builds the ASGI app (FastAPI, :mod:`.app`); :func:`serve` runs it with
uvicorn on 127.0.0.1 unless told otherwise. The pages are static files in ``static/``
(HTML, CSS and JavaScript, no build step, nothing loaded from the network).
"""

from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def create_app(**kwargs):
    from .app import create_app as _create
    return _create(**kwargs)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, time_limit: float | None = None,
          workers: int = 1, processes: int | None = None) -> int:
    """Run the server until interrupted. ``workers`` > 1 starts that many uvicorn worker
    processes (the app is stateless); ``processes``: each one's drawing processes
    (:mod:`.procpool`; None: ``$ROOMPLANNER_WEB_PROCESSES`` or the number of cores, at most 4)."""
    import os
    import logging

    import uvicorn

    if processes is not None:
        if processes < 0:
            raise SystemExit(f"--processes 必须是 0 或更大的整数 / must be 0 or more, got {processes}")
        os.environ["ROOMPLANNER_WEB_PROCESSES"] = str(processes)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    shown = f"[{host}]" if ":" in host else host
    print(f"roomplanner 网页版已启动 / web app running: http://{shown}:{port}/  (Ctrl+C 停止 / to stop)", flush=True)
    if workers > 1:
        if time_limit is not None:
            os.environ["ROOMPLANNER_TIME_LIMIT"] = str(time_limit)
        uvicorn.run("roomplanner.web:app_from_env", factory=True, host=host, port=port, workers=workers,
                    access_log=False, log_level="warning")
    else:
        uvicorn.run(create_app(time_limit=time_limit), host=host, port=port, access_log=False, log_level="warning")
    return 0


def app_from_env():
    """For uvicorn's ``--factory`` (several workers): the time limit from ROOMPLANNER_TIME_LIMIT."""
    import os
    t = os.environ.get("ROOMPLANNER_TIME_LIMIT")
    return create_app(time_limit=float(t) if t else None)
