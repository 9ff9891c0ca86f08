"""Why no wall can take the flag and the oath: one :class:`InfeasibleError` with a reason,
the rules in conflict, what the user could change (in the spec's language) and, for each
option that is a setting, the JSON merge patch of the spec that applies it."""

from __future__ import annotations

from ..errors import InfeasibleError
from ..facts import FLAG_SIZES_MM
from ..i18n import Text
from ..model.spec import Spec


def explain(spec: Spec, failures, ranked, walls) -> InfeasibleError:
    lang = spec.options.lang
    if not failures:
        return InfeasibleError(Text("没有一面墙可以作主墙面", "no wall can be the main wall")(lang), ["main_wall.choice"])
    wi, reason, rules = failures[0]
    every = sorted({r for _, _, rs in failures for r in rs})
    options: list[str] = []
    patches: list[dict | None] = []

    def add(text: Text, patch: dict | None = None, **fields):
        options.append(text(lang, **fields))
        patches.append(patch)

    tried = {w for w, _, _ in failures}
    if isinstance(spec.main_wall, int):
        for i, span in ranked:
            if i not in tried and span > 0 and len(options) < 2:
                add(Text("改用第 {i} 面墙作主墙面（中部净宽 {span} mm）", "choose main_wall: {i} ({span} mm clear around its centre)"),
                    {"main_wall": i}, i=i, span=f"{span:.0f}")
    if "flag.standard_size" in every:
        add(Text("党旗只用五种标准尺寸：非标准尺寸须经县级以上党委组织部门批准，本程序不能代为批准",
                 "only the five standard flag sizes are used: a non-standard flag needs the approval of a county-level "
                 "(or higher) organisation department, which this program cannot give"))
    if spec.options.flag_size != 5 and "items.height" in every:
        w5, h5 = (v // 10 for v in FLAG_SIZES_MM[5])
        add(Text("改用 5 号党旗（{w}×{h} cm）", "use the smallest standard flag (options.flag_size: 5, {w}×{h} cm)"),
            {"options": {"flag_size": 5}}, w=w5, h=h5)
    if "items.height" in every:
        if "oath.below_flag" in every:
            add(Text("把入党誓词挂在党旗旁（options.oath_position: beside）",
                     "hang the oath beside the flag (options.oath_position: beside)"),
                {"options": {"oath_position": "beside"}})
        if float(spec.options.ceiling_margin) > 100:
            add(Text("把图板上沿距顶棚的距离减到 100 mm（层高 {H} mm）",
                     "reduce options.ceiling_margin to 100 mm (the ceiling is {H} mm)"),
                {"options": {"ceiling_margin": 100}}, H=f"{float(spec.room.height):.0f}")
    if "items.clear_of_openings" in every or "flag.centred" in every:
        add(Text("让主墙面中部避开门窗和障碍物，或另选一面墙作主墙面",
                 "keep the centre of the main wall clear of windows, doors and obstacles, or choose another main wall"))
        if float(spec.options.opening_clearance) > 100:
            add(Text("把图板与门窗的间距减到 100 mm", "reduce options.opening_clearance to 100 mm"),
                {"options": {"opening_clearance": 100}})
    details = [f"wall {w}: {r} [rules: {', '.join(sorted(set(rs)))}]" for w, r, rs in failures]
    more = Text("（另有 {n} 面候选主墙同样不行）", " (and {n} other main-wall candidate(s) failed)")
    summary = reason if len(failures) == 1 else reason + more(lang, n=len(failures) - 1)
    return InfeasibleError(summary, every if len(failures) > 1 else rules, options, details, patches=patches)
