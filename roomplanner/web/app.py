"""The HTTP application (FastAPI): the 设计 and 审查 pages and the API they use.

A thin layer over the engine (see :mod:`.engine`): it parses uploads under caps
(:mod:`.uploads`), runs the engine in the bounded pool with a time limit (:mod:`.jobs`) and
maps the engine's errors to HTTP answers — 422 one error per problem with its field path,
409 an infeasible room with its explanation and options, 413 too large, 503 busy, 504 over
the time limit. Stateless: nothing is stored between requests; logs hold only sizes and
timings. The API is documented in docs/web.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import ContentError, InfeasibleError, PlanFileError, RenderError, SpecError
from ..i18n import norm_lang, tr
from . import engine
from .jobs import Busy, JobCancelled, JobTimeout, Runner
from ..model.spec import MAX_EMBLEM_BYTES
from .uploads import (MAX_FILE_BYTES, MAX_PHOTO_BYTES, MAX_SPEC_BYTES, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES,
                      BodyLimit, EmblemUploadError, Upload, UploadError)

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("roomplanner.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       # the 3D view's glTF loader fetches the model's embedded textures as blob: URLs
       "connect-src 'self' blob:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _body_limit(scope) -> int:
    headers = dict(scope.get("headers") or [])
    ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
    if ctype.startswith("multipart/"):
        return MAX_UPLOAD_BYTES
    return MAX_SPEC_BYTES


def _warm_up() -> None:
    """Load fonts, profiles and the solver once by planning the demo room (results dropped)."""
    from ..data import data_dir
    from .jobs import Job
    try:
        from ..model.safeload import read_document
        data = read_document(data_dir("examples") / "enterprise-9x6.yaml", "spec", SpecError)
        engine.plan_result(Job(time.monotonic() + 120), data, [], "zh", include_boards=True)
    except Exception as exc:  # never fatal: the first request then pays the loading time
        log.warning("warm-up failed: %s", type(exc).__name__)


def create_app(time_limit: float | None = None, workers: int | None = None, warm_up: bool = True,
               processes: int | None = None) -> FastAPI:
    """``workers``: threads running engine calls; ``processes``: worker processes for the
    stages that run beside them (:mod:`.procpool`; None: ``$ROOMPLANNER_WEB_PROCESSES`` or
    the number of cores, at most 4; 0: none). The worker processes live as long as the app's
    lifespan: started (and warmed up) when it starts, shut down when it ends."""
    from .procpool import default_processes, make_pool

    n_processes = default_processes() if processes is None else processes
    runner_args: dict[str, Any] = {}
    if time_limit is not None:
        runner_args["time_limit"] = time_limit
    if workers is not None:
        runner_args["workers"] = workers
    runner = Runner(**runner_args)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        procs = make_pool(n_processes)
        runner.executor = procs
        if procs is not None and warm_up:
            # every worker process starts now (the forkserver imports the engine once; each
            # worker warms up in its initializer), off the event loop
            await asyncio.to_thread(procs.start)
        if warm_up:
            runner.pool.submit(_warm_up)   # fonts and profiles load once, before the first user
        try:
            yield
        finally:
            runner.executor = None
            runner.shutdown()
            if procs is not None:
                procs.shutdown(wait=True, cancel_futures=True)

    app = FastAPI(title="roomplanner", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    app.state.runner = runner

    @app.middleware("http")
    async def _log_and_headers(request: Request, call_next):
        t0 = time.perf_counter()
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        # sizes and timings only: never names, never the body, never the client address
        log.info("%s %s %d in=%sB out=%sB %.0fms", request.method, request.url.path, response.status_code,
                 request.headers.get("content-length", "0"), response.headers.get("content-length", "?"),
                 (time.perf_counter() - t0) * 1000)
        return response

    app.add_middleware(BodyLimit, limit_for=_body_limit)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # ------------------------------------------------------------------ pages

    @app.get("/", include_in_schema=False)
    def design_page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/fonts/page-sans.ttf", include_in_schema=False)
    def page_font():
        """The bundled WenQuanYi Micro Hei, so the page shows Chinese on machines without a
        CJK font (the page never loads a font from the network)."""
        from ..data import data_dir
        return FileResponse(data_dir("fonts") / "wqy-microhei.ttf", media_type="font/ttf",
                            headers={"Cache-Control": "public, max-age=604800"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml",
                            headers={"Cache-Control": "public, max-age=604800"})

    @app.get("/review", include_in_schema=False)
    def review_page():
        return FileResponse(STATIC / "review.html", media_type="text/html; charset=utf-8")

    # ------------------------------------------------------------------ small GETs

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "version": __version__}

    @app.get("/api/profiles")
    def profiles(lang: str | None = None):
        return profile_list(norm_lang(lang))

    @app.get("/api/schema/spec")
    def schema_spec():
        from ..model.spec import Spec
        return Spec.model_json_schema()

    # ------------------------------------------------------------------ the engine

    @app.post("/api/plan")
    async def api_plan(request: Request, lang: str | None = None, include: str | None = None):
        """``include``: comma-separated extras besides plan, report, floor plan and board
        status — ``elevations`` (the default when ``include`` is absent) and ``boards``
        (board previews). The page asks only for what its open tab shows."""
        lg = norm_lang(lang)
        try:
            data, photos, emblem = await read_spec_request(request, lg)
        except _Refused as r:
            return r.response
        extras = {"elevations"} if include is None else {x.strip() for x in include.split(",") if x.strip()}
        return await run(request, lg, lambda job: engine.plan_result(
            job, data, photos, lg, include_boards="boards" in extras, include_elevations="elevations" in extras,
            emblem=emblem))

    @app.post("/api/pack")
    async def api_pack(request: Request, lang: str | None = None):
        lg = norm_lang(lang)
        try:
            data, photos, emblem = await read_spec_request(request, lg)
        except _Refused as r:
            return r.response

        def work(job):
            blob, summary = engine.pack_zip(job, data, photos, lg, emblem=emblem)
            return Response(blob, media_type="application/zip", headers={
                "Content-Disposition": 'attachment; filename="roomplanner-pack.zip"',
                "X-Roomplanner-Files": str(summary["files"]),
                "X-Roomplanner-Compliant": {True: "true", False: "false", None: "unknown"}[summary["compliant"]],
            })
        return await run(request, lg, work, raw=True)

    @app.post("/api/model")
    async def api_model(request: Request, lang: str | None = None):
        """``room.glb`` of a spec (JSON or multipart like /api/plan) for the 3D view."""
        lg = norm_lang(lang)
        try:
            data, photos, emblem = await read_spec_request(request, lg)
        except _Refused as r:
            return r.response
        return await run(request, lg, lambda job: Response(
            engine.model_glb(job, data, photos, lg, emblem=emblem), media_type="model/gltf-binary"), raw=True)

    @app.post("/api/check")
    async def api_check(request: Request, lang: str | None = None):
        lg = norm_lang(lang)
        try:
            uploads = await read_files(request, lg)
        except _Refused as r:
            return r.response
        return await run(request, lg, lambda job: engine.check_uploads(job, uploads, lg))

    @app.post("/api/check/csv")
    async def api_check_csv(request: Request, lang: str | None = None):
        lg = norm_lang(lang)
        try:
            uploads = await read_files(request, lg)
        except _Refused as r:
            return r.response

        def work(job):
            text = engine.results_csv(engine.check_uploads(job, uploads, lg), lg)
            return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="roomplanner-check.csv"'})
        return await run(request, lg, work, raw=True)

    @app.post("/api/check/report")
    async def api_check_report(request: Request, lang: str | None = None):
        lg = norm_lang(lang)
        try:
            uploads = await read_files(request, lg)
        except _Refused as r:
            return r.response

        def work(job):
            pdf = engine.report_pdf(job, uploads, lg)
            return Response(pdf, media_type="application/pdf",
                            headers={"Content-Disposition": 'attachment; filename="report.pdf"'})
        return await run(request, lg, work, raw=True)

    @app.post("/api/open")
    async def api_open(request: Request, lang: str | None = None):
        """打开方案: a spec file (YAML/JSON), a plan.json or a pack ZIP → the spec as JSON."""
        lg = norm_lang(lang)
        try:
            uploads = await read_files(request, lg, field="file", max_files=1)
        except _Refused as r:
            return r.response
        return await run(request, lg, lambda job: engine.open_file(job, uploads[0], lg))

    return app


# ---------------------------------------------------------------------------- requests

class _Refused(Exception):
    def __init__(self, response: Response):
        self.response = response


def error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def _upload_error(exc: UploadError, lang: str) -> JSONResponse:
    msg = exc.text(lang)
    return error(exc.status, "too_large" if exc.status == 413 else "upload_refused", msg,
                 errors=[{"path": "", "message": msg}])


async def _form(request: Request, lang: str):
    try:
        return await request.form(max_files=MAX_UPLOAD_FILES + 60, max_fields=200, max_part_size=MAX_SPEC_BYTES)
    except Exception as exc:  # starlette raises MultiPartException / HTTPException for malformed bodies
        raise _Refused(error(400, "bad_upload", tr("上传内容无法读取", "the upload cannot be read", lang)
                             + f" ({type(exc).__name__})")) from None


async def read_spec_request(request: Request, lang: str) -> tuple[Any, list[Upload], Upload | None]:
    """A spec as a JSON body (or YAML with a YAML content type), or multipart with the field
    ``spec``, repeated ``photos`` and at most one ``emblem`` (the official artwork, which the
    spec names ``artwork/<file name>``)."""
    from ..model.safeload import parse_document

    ctype = request.headers.get("content-type", "").lower()
    photos: list[Upload] = []
    emblem: Upload | None = None
    if ctype.startswith("multipart/"):
        form = await _form(request, lang)
        try:
            spec_field = form.get("spec")
            if spec_field is None:
                raise _Refused(_spec_error(lang, [{"path": "spec", "message": tr(
                    "缺少字段 spec（房间规格）", "the multipart field 'spec' is missing", lang)}]))
            raw = (await spec_field.read()) if hasattr(spec_field, "read") else str(spec_field).encode("utf-8")
            if len(raw) > MAX_SPEC_BYTES:
                raise _Refused(error(413, "too_large", tr(f"房间规格超过 {MAX_SPEC_BYTES >> 20} MiB",
                                                          f"the spec is larger than {MAX_SPEC_BYTES >> 20} MiB", lang)))
            for f in form.getlist("photos"):
                if not hasattr(f, "read"):
                    continue
                blob = await f.read(MAX_PHOTO_BYTES + 1)
                if len(blob) > MAX_PHOTO_BYTES:
                    raise _Refused(error(413, "too_large", tr(
                        f"照片 {f.filename!r} 超过 {MAX_PHOTO_BYTES >> 20} MiB 的上限",
                        f"photo {f.filename!r} is larger than {MAX_PHOTO_BYTES >> 20} MiB", lang),
                        errors=[{"path": "photos", "message": f.filename or ""}]))
                photos.append(Upload(f.filename or "photo", blob))
            emblems = [f for f in form.getlist("emblem") if hasattr(f, "read")]
            if len(emblems) > 1:
                raise _Refused(_emblem_error(lang, tr("只能上传一个党徽图稿文件", "upload one emblem artwork file only", lang)))
            if emblems:
                f = emblems[0]
                blob = await f.read(MAX_EMBLEM_BYTES + 1)
                if len(blob) > MAX_EMBLEM_BYTES:
                    raise _Refused(_emblem_error(lang, tr(
                        f"党徽图稿 {f.filename!r} 超过 {MAX_EMBLEM_BYTES >> 20} MiB 的上限",
                        f"emblem artwork {f.filename!r} is larger than {MAX_EMBLEM_BYTES >> 20} MiB", lang)))
                emblem = Upload(f.filename or "emblem", blob)
        finally:
            await form.close()
        json_first = raw.lstrip()[:1] in (b"{", b"[")
    else:
        raw = await request.body()
        json_first = "yaml" not in ctype
    try:
        data = parse_document(raw, "spec", "spec", SpecError, json_first=json_first)
    except SpecError as exc:
        raise _Refused(_spec_error(lang, engine.spec_error_details(exc))) from None
    return data, photos, emblem


def _emblem_error(lang: str, message: str) -> JSONResponse:
    return error(422, "invalid_emblem", tr("党徽图稿无法使用", "the emblem artwork cannot be used", lang),
                 errors=[{"path": "emblem", "message": message}])


async def read_files(request: Request, lang: str, field: str = "files", max_files: int = MAX_UPLOAD_FILES) -> list[Upload]:
    if not request.headers.get("content-type", "").lower().startswith("multipart/"):
        raise _Refused(error(400, "bad_upload", tr(f"请以 multipart 上传文件（字段 {field}）",
                                                   f"upload the files as multipart (field '{field}')", lang)))
    form = await _form(request, lang)
    out: list[Upload] = []
    try:
        files = [f for f in form.getlist(field) if hasattr(f, "read")]
        if not files:
            raise _Refused(error(400, "bad_upload", tr(f"没有收到文件（字段 {field}）",
                                                       f"no files received (field '{field}')", lang)))
        if len(files) > max_files:
            raise _Refused(error(413, "too_large", tr(f"一次最多上传 {max_files} 个文件",
                                                      f"at most {max_files} files per upload", lang)))
        for f in files:
            blob = await f.read(MAX_FILE_BYTES + 1)
            if len(blob) > MAX_FILE_BYTES:
                raise _Refused(error(413, "too_large", tr(
                    f"文件 {f.filename!r} 超过 {MAX_FILE_BYTES >> 20} MiB 的上限",
                    f"file {f.filename!r} is larger than {MAX_FILE_BYTES >> 20} MiB", lang)))
            out.append(Upload(f.filename or "upload", blob))
    finally:
        await form.close()
    return out


def _spec_error(lang: str, errors: list[dict]) -> JSONResponse:
    return error(422, "invalid_spec", tr(f"房间规格有 {len(errors)} 处问题", f"the spec has {len(errors)} problem(s)", lang),
                 errors=errors)


async def run(request: Request, lang: str, fn, raw: bool = False):
    """Run ``fn(job)`` in the pool and map the engine's errors to HTTP answers."""
    runner: Runner = request.app.state.runner
    try:
        result = await runner.run(fn, request.is_disconnected)
    except SpecError as exc:
        return _spec_error(lang, engine.spec_error_details(exc))
    except InfeasibleError as exc:
        return JSONResponse(engine.infeasible_body(exc, lang), status_code=409)
    except EmblemUploadError as exc:
        return _emblem_error(lang, exc.text(lang))
    except UploadError as exc:
        return _upload_error(exc, lang)
    except (ContentError, PlanFileError) as exc:
        errs = engine.spec_error_details(exc)
        return error(422, "invalid_content", tr("内容无法使用", "the content cannot be used", lang), errors=errs)
    except RenderError as exc:
        return error(422, "cannot_render", tr("无法生成图纸或图板", "the drawings or boards cannot be made", lang),
                     errors=[engine.split_problem(str(exc))])
    except JobTimeout:
        return error(504, "timeout", tr(f"处理超过 {runner.time_limit:g} 秒的时间限制，请简化后重试",
                                        f"the request took longer than the {runner.time_limit:g} s limit", lang))
    except JobCancelled:
        return error(499, "cancelled", tr("请求已取消", "the request was cancelled", lang))
    except Busy:
        return error(503, "busy", tr("服务器繁忙，请稍后重试", "the server is busy; try again shortly", lang))
    except Exception as exc:  # a bug: say so, log only its type
        log.error("internal error %s", type(exc).__name__)
        return error(500, "internal", tr("内部错误，请把房间规格发给维护人员", "internal error; please report it with the spec",
                                         lang))
    if raw:
        return result
    return JSONResponse(result)


# ---------------------------------------------------------------------------- profiles

def profile_list(lang: str) -> list[dict]:
    """Every branch type with what the page shows as profile defaults."""
    from ..profiles import all_profiles, roles

    out = []
    for p in all_profiles():
        out.append({
            "id": p.id, "name": p.name, "name_en": p.name_en,
            "documents": list(p.documents),
            "oath_position": p.oath_position,
            "oath_position_source": p.oath_position_source,
            "area": {"kind": p.area.kind, "tiers": [t.model_dump() for t in p.area.tiers],
                     "per_member": p.area.per_member, "minimum": p.area.minimum,
                     "tolerance": p.area.tolerance, "source": p.area.source},
            "side_walls": {"allowed": p.side_walls.allowed, "min_area": p.side_walls.min_area},
            "boards": [{"id": b.id, "role": b.role, "placement": b.placement, "required": b.required,
                        "title": b.title or roles().get(b.role, {}).get("title", b.role)} for b in p.boards],
            "furniture": [{"kind": f.kind, "required": f.required} for f in p.furniture],
            "room_sign": p.room_sign,
        })
    return out


def json_dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
