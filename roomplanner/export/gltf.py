"""Write a :class:`~.scene.Scene` as binary glTF 2.0 (``room.glb``) with pygltflib.

pygltflib is a thin, typed mirror of the glTF JSON schema: we lay out the binary buffer
ourselves (float32 positions/normals/UVs, uint16/uint32 indices, JPEG textures embedded
through buffer views), so node names, ``extras`` and the byte layout are exactly what we
write, and the same plan gives the same bytes.
"""

from __future__ import annotations

from array import array

import pygltflib as g

from .scene import Scene
from .textures import encode_jpeg

ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963
FLOAT = 5126
UNSIGNED_SHORT = 5123
UNSIGNED_INT = 5125


def _linear(c: int) -> float:
    s = c / 255.0
    v = s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    return round(v, 6)


class _Blob:
    def __init__(self) -> None:
        self.data = bytearray()
        self.views: list[g.BufferView] = []

    def add(self, raw: bytes, target: int | None) -> int:
        while len(self.data) % 4:
            self.data.append(0)
        self.views.append(g.BufferView(buffer=0, byteOffset=len(self.data), byteLength=len(raw), target=target))
        self.data += raw
        return len(self.views) - 1


def _round(v: float) -> float:
    r = round(v, 6)
    return 0.0 if r == 0 else r


def scene_to_glb(scene: Scene, extras: dict | None = None) -> bytes:
    blob = _Blob()
    accessors: list[g.Accessor] = []
    materials: list[g.Material] = []
    textures: list[g.Texture] = []
    images: list[g.Image] = []
    mat_index: dict[str, int] = {}
    for name in sorted(scene.materials):
        m = scene.materials[name]
        pbr = g.PbrMetallicRoughness(baseColorFactor=[_linear(c) for c in m.colour] + [m.alpha],
                                     metallicFactor=0.0, roughnessFactor=0.85)
        if m.image is not None:
            view = blob.add(encode_jpeg(m.image), None)
            images.append(g.Image(bufferView=view, mimeType="image/jpeg", name=name))
            textures.append(g.Texture(sampler=0, source=len(images) - 1))
            pbr.baseColorTexture = g.TextureInfo(index=len(textures) - 1)
        mat = g.Material(name=name, pbrMetallicRoughness=pbr, doubleSided=m.alpha < 1.0)
        if m.alpha < 1.0:
            mat.alphaMode = g.BLEND
        materials.append(mat)
        mat_index[name] = len(materials) - 1

    def accessor(values, kind: str, ncomp: int, with_bounds: bool) -> int:
        flat = array("f", [x for v in values for x in v])
        view = blob.add(flat.tobytes(), ARRAY_BUFFER)
        acc = g.Accessor(bufferView=view, componentType=FLOAT, count=len(values), type=kind)
        if with_bounds:
            acc.min = [min(v[k] for v in values) for k in range(ncomp)]
            acc.max = [max(v[k] for v in values) for k in range(ncomp)]
            # bounds as float32 values, the way the validator reads them back
            acc.min = list(array("f", acc.min))
            acc.max = list(array("f", acc.max))
        accessors.append(acc)
        return len(accessors) - 1

    meshes: list[g.Mesh] = []
    nodes: list[g.Node] = []
    children: list[int] = []
    for node in scene.nodes:
        prims = []
        for part in node.parts:
            if not part.indices:
                continue
            attrs = g.Attributes(POSITION=accessor(part.positions, "VEC3", 3, True),
                                 NORMAL=accessor(part.normals, "VEC3", 3, False))
            if scene.materials[part.material].image is not None:
                attrs.TEXCOORD_0 = accessor(part.uvs, "VEC2", 2, False)
            big = len(part.positions) > 65535
            idx = array("I" if big else "H", part.indices)
            view = blob.add(idx.tobytes(), ELEMENT_ARRAY_BUFFER)
            accessors.append(g.Accessor(bufferView=view, componentType=UNSIGNED_INT if big else UNSIGNED_SHORT,
                                        count=len(part.indices), type="SCALAR"))
            prims.append(g.Primitive(attributes=attrs, indices=len(accessors) - 1,
                                     material=mat_index[part.material]))
        gnode = g.Node(name=node.name, extras=node.extras or {})
        if prims:
            meshes.append(g.Mesh(name=node.name, primitives=prims))
            gnode.mesh = len(meshes) - 1
        t = [_round(v) for v in node.translation]
        if any(t):
            gnode.translation = t
        r = [_round(v) for v in node.rotation]
        if r != [0.0, 0.0, 0.0, 1.0]:
            gnode.rotation = r
        nodes.append(gnode)
        children.append(len(nodes) - 1)
    nodes.append(g.Node(name="room", children=children, extras=extras or {}))
    gltf = g.GLTF2(
        asset=g.Asset(version="2.0", generator="roomplanner"),
        scene=0, scenes=[g.Scene(name="scene", nodes=[len(nodes) - 1])],
        nodes=nodes, meshes=meshes, accessors=accessors, bufferViews=blob.views,
        buffers=[g.Buffer(byteLength=len(blob.data))], materials=materials,
        textures=textures, images=images,
        samplers=[g.Sampler(magFilter=9729, minFilter=9987, wrapS=33071, wrapT=33071)] if textures else [],
    )
    while len(blob.data) % 4:
        blob.data.append(0)
    gltf.buffers[0].byteLength = len(blob.data)
    gltf.set_binary_blob(bytes(blob.data))
    return b"".join(gltf.save_to_bytes())
