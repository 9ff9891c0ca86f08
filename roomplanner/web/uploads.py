"""Uploads and their caps (privacy and safety, issue #14 §6).

* The whole request body is capped by :class:`BodyLimit` (before anything is parsed):
  :data:`MAX_SPEC_BYTES` for a JSON spec, :data:`MAX_UPLOAD_BYTES` for multipart uploads.
* A photo: at most :data:`MAX_PHOTO_BYTES`, JPEG or PNG, at most :data:`MAX_PHOTO_PIXELS`
  judged from the header before anything is decoded (decompression bombs); the name is
  reduced to a plain file name.
* The emblem artwork (field ``emblem``, one file): the official SVG or PDF, at most
  :data:`MAX_EMBLEM_BYTES` (the CLI's cap), checked like the CLI checks ``emblem:``
  (:func:`roomplanner.printing.emblem.load_emblem`); written to ``artwork/<name>``, the path
  the spec's ``emblem`` names (as photos are ``photos/<name>``).
* A pack ZIP: at most :data:`MAX_ZIP_ENTRIES` entries, :data:`MAX_ZIP_TOTAL` bytes
  uncompressed in all and :data:`MAX_ZIP_ENTRY` per entry — counted while inflating, never
  trusted from the header; an entry whose path is absolute, goes up a folder (``..``) or is a
  symbolic link refuses the whole ZIP (zip-slip). Only ``plan.json``, ``photos/*`` and
  ``artwork/emblem.svg|pdf`` are
  extracted, into a private temporary folder that the caller removes.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_SPEC_BYTES = 1 << 20            # a spec (JSON body or the multipart field `spec`): 1 MiB
MAX_PHOTO_BYTES = 10 << 20          # a photo: 10 MiB
MAX_PHOTO_PIXELS = 40_000_000       # a photo: 40 megapixels (checked from the header)
MAX_PHOTOS = 60                     # photos per request (honours + members)
MAX_UPLOAD_FILES = 50               # plan files / ZIPs per check request
MAX_FILE_BYTES = 50 << 20           # one uploaded plan file or ZIP
MAX_UPLOAD_BYTES = 120 << 20        # a whole multipart request
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_ENTRY = 20 << 20            # one entry, uncompressed
MAX_ZIP_TOTAL = 100 << 20           # all extracted entries, uncompressed
PHOTO_FORMATS = ("JPEG", "PNG")
EMBLEM_FOLDER = "artwork"           # the spec names an uploaded emblem ``artwork/<name>``


class UploadError(ValueError):
    """An upload is refused; the message says why (and is shown to the user), in Chinese
    (``str``) and English (:meth:`text` with ``lang="en"``)."""

    def __init__(self, zh: str, en: str, status: int = 422):
        super().__init__(zh)
        self.zh, self.en, self.status = zh, en, status

    def text(self, lang: str | None = None) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class Upload:
    name: str
    data: bytes
    spec_path: str | None = None  #: an emblem upload, once checked: ``artwork/<name>``

    @property
    def is_zip(self) -> bool:
        return self.data[:4] == b"PK\x03\x04" or self.name.lower().endswith(".zip")


# ---------------------------------------------------------------------------- photos

_NAME_OK = re.compile(r"^[\w\-. ()（）]+$")


def safe_file_name(name: str) -> str:
    """A plain file name (no folder, no leading dot); UploadError when none is left."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base.startswith(".") or len(base) > 100 or not _NAME_OK.match(base):
        raise UploadError(f"照片文件名 {name!r} 不是普通文件名（只能含文字、数字和 - _ .）",
                          f"photo file name {name!r} is not a plain file name (letters, digits, - _ . only)")
    return base


def check_photo(name: str, data: bytes) -> None:
    """Size, format and pixel count from the header (nothing is decoded here)."""
    import io
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_PHOTO_BYTES:
        raise UploadError(f"照片 {name!r} 有 {len(data)} 字节，超过 {MAX_PHOTO_BYTES >> 20} MiB 的上限",
                          f"photo {name!r} is {len(data)} bytes, more than the {MAX_PHOTO_BYTES >> 20} MiB allowed", status=413)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(PHOTO_FORMATS)) as im:
                w, h = im.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(f"照片 {name!r} 像素过多（可能是解压炸弹）",
                          f"photo {name!r} has too many pixels (a decompression bomb?)") from None
    except UnidentifiedImageError:
        raise UploadError(f"照片 {name!r} 不是 JPEG 或 PNG 图片", f"photo {name!r} is not a JPEG or PNG image") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise UploadError(f"照片 {name!r} 无法读取（{exc}）", f"photo {name!r} cannot be read as an image ({exc})") from None
    if w < 1 or h < 1 or w * h > MAX_PHOTO_PIXELS:
        raise UploadError(f"照片 {name!r} 为 {w}×{h} 像素，最多允许 {MAX_PHOTO_PIXELS} 像素（可能是解压炸弹）",
                          f"photo {name!r} is {w}×{h} pixels; at most {MAX_PHOTO_PIXELS} pixels are allowed "
                          "(a decompression bomb?)")


def write_photos(folder: Path, photos: list[Upload]) -> Path:
    """Write checked photos to ``folder/photos/<name>``; returns ``folder`` (the spec's folder:
    the spec names them ``photos/<name>``)."""
    if len(photos) > MAX_PHOTOS:
        raise UploadError(f"照片 {len(photos)} 张，每次最多 {MAX_PHOTOS} 张", f"{len(photos)} photos, at most {MAX_PHOTOS} per request")
    d = folder / "photos"
    d.mkdir(parents=True, exist_ok=True)
    for up in photos:
        name = safe_file_name(up.name)
        check_photo(name, up.data)
        (d / name).write_bytes(up.data)
    return folder


# ---------------------------------------------------------------------------- the emblem

class EmblemUploadError(UploadError):
    """The uploaded emblem artwork is refused (answered as 422 with the path ``emblem``)."""


def emblem_spec_path(name: str) -> str:
    """The path a spec gives an uploaded emblem file: ``artwork/<name>``."""
    return f"{EMBLEM_FOLDER}/{name}"


def check_emblem(up: Upload) -> str:
    """Check an uploaded emblem artwork as the CLI checks ``emblem:`` (size, SVG or PDF, one
    page, no scripts …); return its spec path ``artwork/<name>``. EmblemUploadError says why not."""
    if up.spec_path is not None:
        return up.spec_path
    from ..errors import ContentError
    from ..model.spec import EMBLEM_SUFFIXES, MAX_EMBLEM_BYTES
    from ..printing.emblem import load_emblem

    base = unicodedata.normalize("NFC", str(up.name or "")).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base.startswith(".") or len(base) > 100 or not _NAME_OK.match(base):
        raise EmblemUploadError(f"党徽图稿文件名 {up.name!r} 不是普通文件名（只能含文字、数字和 - _ .）",
                                f"emblem artwork file name {up.name!r} is not a plain file name (letters, digits, - _ . only)")
    if not base.lower().endswith(EMBLEM_SUFFIXES):
        raise EmblemUploadError(f"党徽图稿 {base!r} 不是 SVG 或 PDF 文件；只能上传官方提供的 SVG 或 PDF 图稿",
                                f"emblem artwork {base!r} is not an SVG or PDF file; upload the official SVG or PDF artwork")
    if len(up.data) > MAX_EMBLEM_BYTES:
        raise EmblemUploadError(f"党徽图稿 {base!r} 有 {len(up.data)} 字节，超过 {MAX_EMBLEM_BYTES >> 20} MiB 的上限",
                                f"emblem artwork {base!r} is {len(up.data)} bytes, more than the "
                                f"{MAX_EMBLEM_BYTES >> 20} MiB allowed")
    path = emblem_spec_path(base)
    try:
        load_emblem(None, path, files={path: up.data}, lang=None)
    except ContentError as zh:
        try:
            load_emblem(None, path, files={path: up.data}, lang="en")
        except ContentError as en:
            raise EmblemUploadError(_no_field(str(zh)), _no_field(str(en))) from None
        raise EmblemUploadError(_no_field(str(zh)), _no_field(str(zh))) from None
    up.spec_path = path
    return path


def _no_field(msg: str) -> str:
    return msg[len("emblem: "):] if msg.startswith("emblem: ") else msg


def write_uploads(folder: Path, photos: list[Upload], emblem: Upload | None = None) -> Path | None:
    """The spec's folder for one request: the photos under ``photos/`` and the emblem artwork
    under ``artwork/``; None when there is nothing to write."""
    if not photos and emblem is None:
        return None
    if photos:
        write_photos(folder, photos)
    if emblem is not None:
        path = check_emblem(emblem)
        (folder / EMBLEM_FOLDER).mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(emblem.data)
    return folder


# ---------------------------------------------------------------------------- pack ZIPs

def _unsafe_member(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Why a ZIP entry may not be extracted (zip-slip), in Chinese and English."""
    name = info.filename
    if "\x00" in name:
        return "含 NUL 字节", "contains a NUL byte"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "是绝对路径", "is an absolute path"
    parts = name.replace("\\", "/").split("/")
    if any(p == ".." for p in parts):
        return "指向上一级文件夹（..）", "goes up a folder ('..')"
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "是符号链接", "is a symbolic link"
    return None


def extract_pack(up: Upload, folder: Path) -> Path:
    """Extract ``plan.json``, ``photos/*`` and the emblem artwork of a pack ZIP into ``folder``; return the path
    of the extracted ``plan.json``. UploadError says why a ZIP is refused."""
    import io

    if len(up.data) > MAX_FILE_BYTES:
        raise UploadError(f"{up.name}：{len(up.data)} 字节，超过 {MAX_FILE_BYTES >> 20} MiB 的上限",
                          f"{up.name}: {len(up.data)} bytes, more than the {MAX_FILE_BYTES >> 20} MiB allowed", status=413)
    try:
        zf = zipfile.ZipFile(io.BytesIO(up.data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError(f"{up.name}：不是可读取的 ZIP 文件（{exc}）", f"{up.name}: not a readable ZIP file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UploadError(f"{up.name}：含 {len(infos)} 个文件，最多允许 {MAX_ZIP_ENTRIES} 个",
                              f"{up.name}: {len(infos)} entries, at most {MAX_ZIP_ENTRIES} allowed", status=413)
        for info in infos:
            why = _unsafe_member(info)
            if why:
                raise UploadError(f"{up.name}：文件 {info.filename!r} {why[0]}，拒收此 ZIP",
                                  f"{up.name}: entry {info.filename!r} {why[1]}; the ZIP is refused")
        plans = [i for i in infos if not i.is_dir() and PurePosixPath(i.filename).name == "plan.json"
                 and len(PurePosixPath(i.filename).parts) <= 2]
        if not plans:
            raise UploadError(f"{up.name}：ZIP 顶层（或其唯一文件夹）中没有 plan.json",
                              f"{up.name}: no plan.json at the top of the ZIP (or in its one folder)")
        depth = min(len(PurePosixPath(i.filename).parts) for i in plans)
        plans = [i for i in plans if len(PurePosixPath(i.filename).parts) == depth]
        if len(plans) > 1:
            raise UploadError(f"{up.name}：含多个 plan.json（{'、'.join(i.filename for i in plans)}），每个 ZIP 只放一套方案",
                              f"{up.name}: more than one plan.json ({', '.join(i.filename for i in plans)}); "
                              "upload one pack per ZIP")
        root = PurePosixPath(plans[0].filename).parent
        wanted = [plans[0]] + [i for i in infos if not i.is_dir()
                               and (PurePosixPath(i.filename).parent == root / "photos"
                                    or PurePosixPath(i.filename).relative_to(root).as_posix()
                                    in ("artwork/emblem.svg", "artwork/emblem.pdf"))]
        total = 0
        base = folder.resolve()
        for info in wanted:
            rel = PurePosixPath(info.filename).relative_to(root)
            target = (base / rel.as_posix()).resolve()
            if base not in target.parents:
                raise UploadError(f"{up.name}：文件 {info.filename!r} 会写到文件夹之外，拒收此 ZIP",
                                  f"{up.name}: entry {info.filename!r} would leave its folder; the ZIP is refused")
            target.parent.mkdir(parents=True, exist_ok=True)
            n = 0
            with zf.open(info) as src, open(target, "wb") as dst:
                while True:
                    chunk = src.read(1 << 16)
                    if not chunk:
                        break
                    n += len(chunk)
                    total += len(chunk)
                    if n > MAX_ZIP_ENTRY:
                        raise UploadError(f"{up.name}：文件 {info.filename!r} 解压后超过 {MAX_ZIP_ENTRY >> 20} MiB",
                                          f"{up.name}: entry {info.filename!r} is larger than "
                                          f"{MAX_ZIP_ENTRY >> 20} MiB uncompressed", status=413)
                    if total > MAX_ZIP_TOTAL:
                        raise UploadError(f"{up.name}：解压后超过 {MAX_ZIP_TOTAL >> 20} MiB",
                                          f"{up.name}: more than {MAX_ZIP_TOTAL >> 20} MiB uncompressed", status=413)
                    dst.write(chunk)
        return base / "plan.json"


# ---------------------------------------------------------------------------- the body cap

class BodyLimit:
    """ASGI middleware: refuse a request body larger than its route's cap with 413, before
    the body is parsed (by Content-Length, and by counting for chunked bodies)."""

    def __init__(self, app, limit_for):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope)
        headers = dict(scope.get("headers") or [])
        try:
            declared = int(headers.get(b"content-length", b"-1"))
        except ValueError:
            declared = -1
        if declared > limit:
            return await _too_large(send, limit)
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return msg

        async def tracked_send(msg):
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counted, tracked_send)
        except _TooLarge:
            if not started:
                await _too_large(send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    import json
    body = json.dumps({"error": "too_large",
                       "message": f"请求过大：最多 {limit >> 20} MiB / request body larger than {limit >> 20} MiB",
                       "limit": limit}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
