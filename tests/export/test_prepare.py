"""prepare_model_lane: the 3D model's first-use costs paid without a plan, nothing kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from roomplanner.export import prepare_model_lane, render_model_files

from .conftest import solved

ROOT = Path(__file__).resolve().parents[2]


def test_model_files_the_same_after_prepare():
    plan = solved("university-bay")
    before = render_model_files(plan, {}, lang="en")
    prepare_model_lane()
    assert render_model_files(plan, {}, lang="en") == before


def test_prepare_in_a_fresh_process_loads_what_the_model_needs():
    """In a process that has not drawn a model yet, prepare_model_lane loads the model's
    modules, PDFium and Pillow's JPEG and PNG encoders (what the first model paid before)."""
    code = ("import sys\n"
            "from roomplanner.export import prepare_model_lane\n"
            "prepare_model_lane()\n"
            "need = ['pypdfium2', 'PIL.JpegImagePlugin', 'PIL.PngImagePlugin', 'roomplanner.export.gltf',\n"
            "        'roomplanner.export.perspective', 'roomplanner.export.scene', 'roomplanner.export.textures']\n"
            "print(','.join(m for m in need if m not in sys.modules))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ""
