"""Photo conversion: CMYK with grey-component replacement, size at the target resolution."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from roomplanner.printing.images import prepare_photo, rgb_to_cmyk

from .fixtures import make_photo


def test_rgb_to_cmyk_keeps_neutrals_in_black_ink():
    px = np.array([[[255, 0, 0], [128, 128, 128], [0, 0, 0], [255, 255, 255], [255, 255, 0]]], dtype=np.uint8)
    out = np.asarray(rgb_to_cmyk(Image.fromarray(px))).tolist()[0]
    assert out[0] == [0, 255, 255, 0]        # red: M + Y
    assert out[1] == [0, 0, 0, 127]          # grey: K only
    assert out[2] == [0, 0, 0, 255]          # black: K only
    assert out[3] == [0, 0, 0, 0]            # white: no ink
    assert out[4] == [0, 0, 255, 0]          # yellow


def test_prepared_photo_is_cropped_and_sampled_to_the_frame(tmp_path):
    make_photo(tmp_path / "wide.jpg", 2, size=(2000, 1000))
    ph = prepare_photo(tmp_path, "wide.jpg", "test", 60.0, 80.0, dpi=150)
    w, h = ph.pixels
    assert abs(w / h - 60 / 80) < 0.01
    assert w / (60 / 25.4) >= 150 and h / (80 / 25.4) >= 150
    with Image.open(io.BytesIO(ph.cmyk_jpeg)) as im:
        assert im.mode == "CMYK" and im.size == (w, h)
    with Image.open(io.BytesIO(ph.rgb_jpeg)) as im:
        assert im.mode == "RGB"
    assert not ph.upsampled
