"""Photos on boards (照片): safe loading, cropping, resampling and CMYK conversion.

Photo paths in ``content.honors[].photo`` and ``content.members[].photo`` are relative to the
folder of the spec file (``spec_dir``). A path that is absolute, goes up (``..``) or resolves
outside that folder (a symbolic link) is refused before any file is opened; so are files that
are not JPEG or PNG, larger than :data:`MAX_PHOTO_BYTES` or with more than
:data:`MAX_PHOTO_PIXELS` pixels (checked from the header, before decoding). Every refusal is a
:class:`~roomplanner.errors.ContentError` naming the field.

A photo is cropped to its frame's aspect (centred, biased to the top for portraits), resampled
so that it has at least ``dpi`` pixels per inch at its final printed size, converted to CMYK
(grey-component replacement: neutral tones print with black ink only) and encoded as a CMYK
JPEG for the PDF; an RGB JPEG of the same pixels is kept for the SVG.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..errors import ContentError
from ..facts import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, PHOTO_FORMATS, limit_pillow
from ..model.paths import contained_path, unsafe_path_reason

__all__ = ["PreparedPhoto", "resolve_photo", "prepare_photo", "MAX_PHOTO_BYTES", "MAX_PHOTO_PIXELS"]

MAX_UPSAMPLE_NOTE = 0.99        # note a photo whose native resolution is below the target dpi


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready for one frame: CMYK JPEG bytes (PDF) and RGB JPEG bytes (SVG)."""

    cmyk_jpeg: bytes = field(repr=False)
    rgb_jpeg: bytes = field(repr=False)
    pixels: tuple[int, int]
    dpi: float  #: pixels per inch at the final size (≥ the target)
    native_dpi: float  #: what the source offered at that size
    source: str  #: the path as written in the spec

    @property
    def upsampled(self) -> bool:
        return self.native_dpi < self.dpi * MAX_UPSAMPLE_NOTE


def resolve_photo(spec_dir: Path | None, p: str, where: str) -> Path:
    """The real path of photo ``p`` inside ``spec_dir``; ContentError if it would leave it."""
    if spec_dir is None:
        why = unsafe_path_reason(p)
        if why:
            raise ContentError(f"{where}: {p!r} {why}")
        raise ContentError(f"{where}: {p!r} is relative to the spec file, but no spec folder was given "
                           "(render_boards(spec_dir=...))")
    try:
        real = contained_path(spec_dir, p)
    except ValueError as exc:
        raise ContentError(f"{where}: {exc}") from None
    if not real.is_file():
        raise ContentError(f"{where}: {p!r} does not exist in the spec's folder")
    size = real.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise ContentError(f"{where}: {p!r} is {size} bytes, more than the {MAX_PHOTO_BYTES >> 20} MiB "
                           "allowed for a photo")
    return real


def _open(real, p: str, where: str):
    from PIL import Image, UnidentifiedImageError

    limit_pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(real, formats=list(PHOTO_FORMATS))
            w, h = im.size
            if w * h > MAX_PHOTO_PIXELS:
                raise ContentError(f"{where}: {p!r} is {w}×{h} pixels, more than the {MAX_PHOTO_PIXELS} "
                                   "allowed (an image bomb?)")
            im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ContentError(f"{where}: {p!r} has more than {MAX_PHOTO_PIXELS} pixels (an image bomb?)") from None
    except UnidentifiedImageError:
        raise ContentError(f"{where}: {p!r} is not a JPEG or PNG image") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ContentError(f"{where}: {p!r} cannot be read as an image ({exc})") from None
    return im


def _to_srgb(im):
    """RGB pixels, colour-managed to sRGB when the file has an ICC profile; alpha on white."""
    from PIL import Image, ImageOps

    im = ImageOps.exif_transpose(im)
    icc = im.info.get("icc_profile")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        ground = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(ground, rgba).convert("RGB")
    elif im.mode == "CMYK":
        im = im.convert("RGB") if not icc else im
    if icc:
        try:
            from PIL import ImageCms

            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            dst = ImageCms.createProfile("sRGB")
            im = ImageCms.profileToProfile(im, src, dst, outputMode="RGB")
        except Exception:  # a broken or unsupported profile: fall back to the raw numbers
            im = im.convert("RGB")
    if im.mode != "RGB":
        im = im.convert("RGB")
    return im


@lru_cache(maxsize=1)
def _gcr_lut():
    """``lut[k, v]`` = round((v − k) · 255 / (255 − k)) for v ≥ k (0 where k = 255)."""
    import numpy as np

    k = np.arange(256, dtype=np.int32)[:, None]
    v = np.arange(256, dtype=np.int32)[None, :]
    denom = np.maximum(255 - k, 1)
    lut = np.where((k < 255) & (v >= k), ((v - k) * 255 + denom // 2) // denom, 0)
    return lut.astype(np.uint8).ravel()


def cmyk_of_rgb(r: int, g: int, b: int) -> tuple[int, int, int, int]:
    """One sRGB colour (0–255) as CMYK (0–255) by the formula of :func:`rgb_to_cmyk`."""
    cmy = (255 - r, 255 - g, 255 - b)
    k = min(cmy)
    lut = _gcr_lut()
    return (int(lut[(k << 8) | cmy[0]]), int(lut[(k << 8) | cmy[1]]), int(lut[(k << 8) | cmy[2]]), k)


def rgb_to_cmyk(im):
    """sRGB → CMYK with full grey-component replacement (K = min(C, M, Y)).

    No press ICC profile ships with the program, so this is the device-independent textbook
    conversion ``C' = (C − K) / (1 − K)``; it keeps neutrals in black ink (no muddy four-colour
    greys). Integer arithmetic through a lookup table, rounded."""
    import numpy as np
    from PIL import Image

    cmy = 255 - np.asarray(im.convert("RGB"), dtype=np.uint8)
    k = np.minimum(np.minimum(cmy[..., 0], cmy[..., 1]), cmy[..., 2])
    base = k.astype(np.uint16) << 8  # (k, v) → one index below 65536
    lut = _gcr_lut()
    out = np.empty(cmy.shape[:2] + (4,), dtype=np.uint8)
    for ch in range(3):
        np.take(lut, base | cmy[..., ch], out=out[..., ch])
    out[..., 3] = k
    return Image.fromarray(out, mode="CMYK")


def prepare_photo(spec_dir: Path | None, p: str, where: str, frame_w_mm: float, frame_h_mm: float,
                  dpi: float = 150.0, quality: int = 90, top_bias: float = 0.3,
                  files: Mapping[str, bytes] | None = None) -> PreparedPhoto:
    """Load photo ``p`` and make it fit a frame of ``frame_w_mm × frame_h_mm`` (cover: cropped,
    never distorted) at ≥ ``dpi``. ``top_bias`` keeps more of the top of a tall photo (faces).

    ``files`` holds photos already in memory by their path (the pack's ``photos/``); any
    other path is read from ``spec_dir``."""
    from PIL import Image

    if files is not None and p in files:
        data = files[p]
        if len(data) > MAX_PHOTO_BYTES:
            raise ContentError(f"{where}: {p!r} is {len(data)} bytes, more than the {MAX_PHOTO_BYTES >> 20} MiB "
                               "allowed for a photo")
        source = io.BytesIO(data)
    else:
        source = resolve_photo(spec_dir, p, where)
    im = _to_srgb(_open(source, p, where))
    w, h = im.size
    aspect = frame_w_mm / frame_h_mm
    if w / h > aspect:  # too wide: crop the sides, centred
        cw, ch = max(1, round(h * aspect)), h
        x0, y0 = (w - cw) // 2, 0
    else:  # too tall: crop top and bottom, keeping more of the top
        cw, ch = w, max(1, round(w / aspect))
        x0, y0 = 0, round((h - ch) * top_bias)
    im = im.crop((x0, y0, x0 + cw, y0 + ch))
    native_dpi = cw / (frame_w_mm / 25.4)
    tw = max(1, math.ceil(frame_w_mm / 25.4 * dpi))
    th = max(1, math.ceil(frame_h_mm / 25.4 * dpi))
    if (tw, th) != im.size:
        # Lanczos when reducing (sharpest); bicubic is as good and twice as fast when enlarging
        up = tw > im.size[0]
        im = im.resize((tw, th), Image.BICUBIC if up else Image.LANCZOS)
    rgb_buf = io.BytesIO()
    im.save(rgb_buf, "JPEG", quality=quality)
    cmyk_buf = io.BytesIO()
    rgb_to_cmyk(im).save(cmyk_buf, "JPEG", quality=quality)
    return PreparedPhoto(cmyk_buf.getvalue(), rgb_buf.getvalue(), (tw, th),
                         min(tw / (frame_w_mm / 25.4), th / (frame_h_mm / 25.4)), native_dpi, p)
