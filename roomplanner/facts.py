"""Facts every stage shares, defined once: the solver places by them, the checker measures
against them (recomputing the geometry itself), the drawings and print lists print them.

Defaults a user may change live in the spec's options (``roomplanner.model.spec``); what is
here is not an option but a fact of the documents or of building practice. Each constant
names where it comes from.
"""

from __future__ import annotations

#: The five standard flag sizes (号): length × width in mm. 1996 党旗党徽制作和使用的若干规定
#: Art. 3; 2021 中国共产党党徽党旗条例 (other sizes need approval).
FLAG_SIZES_MM: dict[int, tuple[int, int]] = {
    1: (2880, 1920), 2: (2400, 1600), 3: (1920, 1280), 4: (1440, 960), 5: (960, 640)}

#: A wall obstacle whose lower edge is below this height (mm) blocks the floor beneath it
#: for walking (headroom of a passage; as in JGJ/T 67-2019 and GB 50016 practice).
HEADROOM_MM = 2000.0

#: passage.width: the walk from the entrance starts at the door's centre, ``passage_width / 2``
#: plus this (mm) inside the room.
DOOR_START_DEPTH_EXTRA_MM = 10.0


#: Photos on boards (honours, member portraits): the largest file and the most pixels read,
#: and the formats accepted. Beyond these a photo is refused, not decoded (image bombs).
MAX_PHOTO_BYTES = 20 << 20         # 20 MiB per photo file
MAX_PHOTO_PIXELS = 40_000_000      # 40 megapixels (e.g. 8000 × 5000)
PHOTO_FORMATS = ("JPEG", "PNG")

_pillow_limited = False


def limit_pillow() -> None:
    """Give Pillow the pixel limit (it raises DecompressionBombError beyond twice it and warns
    beyond it; callers check the header themselves first, this is the second line of
    defence). Set once per process, always to the same value."""
    global _pillow_limited
    if not _pillow_limited:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS
        _pillow_limited = True


def flag_size_cm(n: int) -> tuple[int, int]:
    """Standard flag size ``n`` as length × width in whole centimetres (print lists)."""
    w, h = FLAG_SIZES_MM[n]
    return w // 10, h // 10


__all__ = ["FLAG_SIZES_MM", "HEADROOM_MM", "DOOR_START_DEPTH_EXTRA_MM", "MAX_PHOTO_BYTES", "MAX_PHOTO_PIXELS",
           "PHOTO_FORMATS", "flag_size_cm", "limit_pillow"]
