"""prepare_model_lane: the 3D model's first-use costs paid without a plan, nothing kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from roomplanner.export import prepare_model_lane, render_model_files

from .conftest import solved

ROOT = Path(__file__).resolve().parents[2]


def _model_digests(prepare_first: bool) -> str:
    """The 3D model files of a room with its board textures, made in a fresh process (so its
    first model is the one compared), with or without prepare_model_lane() before."""
    code = ("import hashlib\n"
            "from roomplanner.export import prepare_model_lane, render_model_files\n"
            "from roomplanner.model.spec import load_spec\n"
            "from roomplanner.printing.boards import board_files\n"
            "from roomplanner.solver import solve\n"
            f"{'prepare_model_lane()' if prepare_first else 'pass'}\n"
            "plan = solve(load_spec('examples/demo-complete.yaml'))\n"
            "files = {'boards/' + k: v for k, v in board_files(plan, spec_dir='examples').items()}\n"
            "for name, data in sorted(render_model_files(plan, files, lang='zh').items()):\n"
            "    print(name, hashlib.sha256(data).hexdigest())\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env,
                          check=True).stdout


def test_a_processs_first_model_is_the_same_after_prepare():
    """prepare_model_lane keeps nothing a later model uses: a process's first room.glb and
    main-wall-3d.png (textured with the boards) are the same bytes with and without it."""
    without, with_prepare = _model_digests(False), _model_digests(True)
    assert "room.glb" in without and "main-wall-3d.png" in without
    assert with_prepare == without


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
