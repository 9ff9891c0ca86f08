"""Make a process ready for its first 3D model before it has a plan.

The first :func:`~roomplanner.export.render_model_files` of a process pays, beside its own
work, what every later one finds done: its modules, Pillow's JPEG and PNG encoders and the
caption's font, PDFium's renderer, and numpy's first calls of each of the rasteriser's
operations. :func:`prepare_model_lane` pays that in advance, with a small room of its own (a
box, a textured panel, a pane of glass, a one-page PDF) whose files it throws away — a
worker process that waits for the plan calls it in the meantime. Nothing it makes is kept
for a later model: the model of a plan is made from the plan alone, as before.
"""

from __future__ import annotations

import io


def prepare_model_lane() -> None:
    """Pay the 3D model's first-use costs that do not depend on a plan (see the module)."""
    import pypdfium2 as pdfium
    from PIL import Image

    from .geometry3d import Part, box
    from .gltf import scene_to_glb
    from .perspective import HEIGHT, WIDTH, Camera, _caption_font, _rasterise, encode_png
    from .scene import Material, Node, Scene
    from .textures import _pdf_image

    # PDFium: open, crop and render a page, as a board's texture is made
    doc = pdfium.PdfDocument.new()
    doc.new_page(100, 100)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    art = _pdf_image(buf.getvalue(), (40, 40))

    # a room of one box, one textured panel and one pane of glass, seen from 12 m
    materials = {"box": Material("box", (200, 200, 200)), "art": Material("art", (255, 255, 255), image=art),
                 "glass": Material("glass", (150, 196, 226), alpha=0.35)}
    parts = [Part("box"), Part("art"), Part("glass")]
    box(parts[0], (-1.0, 0.0, -1.0), (1.0, 2.0, -0.5))
    box(parts[1], (-0.5, 0.5, -0.5), (0.5, 1.5, -0.45), front_uv=True)
    box(parts[2], (0.2, 0.2, 0.0), (0.8, 1.8, 0.01))
    scene = Scene([Node("warm-up", parts=parts, extras={"width_mm": 1000.0})], materials)
    scene_to_glb(scene, {})
    cam = Camera((0.0, -12000.0), (0.0, 1.0), 60.0, WIDTH, HEIGHT)
    rgbx = _rasterise(scene, cam)
    img = Image.frombytes("RGB", (cam.w, cam.h), rgbx, "raw", "RGBX", 0, 1)
    _caption_font()
    encode_png(img.crop((0, 0, 64, 64)))
