"""Benchmark: writing a pack's PDFs with roomplanner's own PDF writer (``typeset.pdfcanvas``)
versus reportlab's canvas (``typeset.reportlab_setup.reference_canvas``), in one process, and
the import time each needs.

    python benchmarks/bench_pdf.py [--runs N] [--spec examples/enterprise-9x6.yaml] [--outline-text]

The room is solved and its drawings and boards composed once (not timed); what is timed is
only turning them into PDF bytes, exactly as the pack does: ``floorplan.pdf`` and
``elevations.pdf`` (``render.pdf.pdf_bytes``), one PDF per board (``board_pdf``), the proof
sheet ``boards.pdf`` and ``production.pdf``. Both writers run the same drawing calls; the
first pass of each is a warm-up (fonts, glyph caches) and is reported separately. Then the
import cost, measured inside fresh processes after ``import roomplanner``: the own writer
(with ``typeset.fonts``, which every PDF user imports anyway) versus ``typeset.fonts`` plus
reportlab's canvas, TrueType and colour modules.

Prints medians in milliseconds and the ratio reportlab / own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roomplanner.model.spec import load_spec  # noqa: E402
from roomplanner.solver import solve  # noqa: E402


def collect(plan, outline_text: bool):
    """The inputs of every PDF of the pack: [(name, function, args)]."""
    import roomplanner.render.pdf as render_pdf
    from roomplanner.printing.boards import _caption, compose_boards
    from roomplanner.printing.pdf import board_pdf, proof_pdf
    from roomplanner.printing.production import production_pdf, production_rows
    from roomplanner.printing.templates import load_palette, style
    from roomplanner.render.drawing import drawing_files

    calls = []
    real = render_pdf.pdf_bytes

    def capture(pages, outline=False, title="", date=""):
        calls.append((f"drawing {title}", real, (list(pages), outline, title, date)))
        return real(pages, outline, title, date)

    render_pdf.pdf_bytes = capture
    try:
        drawing_files(plan, lang="zh", outline_text=outline_text, date="2026-01-15")
    finally:
        render_pdf.pdf_bytes = real
    arts = compose_boards(plan)
    proof = style()["proof"]
    slug, mlen, moff = float(proof["slug_mm"]), float(proof["mark_len_mm"]), float(proof["mark_offset_mm"])
    for art in arts:
        calls.append((f"board {art.id}", board_pdf, (art, outline_text, False, slug, mlen, moff)))
    calls.append(("boards.pdf", proof_pdf, (arts, outline_text, slug, mlen, moff, [_caption(a, "zh") for a in arts])))
    rows = production_rows(plan, arts, "zh")
    calls.append(("production.pdf", production_pdf, (plan, rows, load_palette(None), "zh", outline_text)))
    return calls


def write_all(calls) -> float:
    t0 = time.perf_counter()
    for _name, fn, args in calls:
        fn(*args)
    return time.perf_counter() - t0


def with_reportlab(fn):
    import roomplanner.draw.pdf as draw_pdf
    import roomplanner.printing.pdf as printing_pdf
    from roomplanner.typeset.reportlab_setup import reference_canvas

    saved = draw_pdf.Canvas, printing_pdf.Canvas
    draw_pdf.Canvas = printing_pdf.Canvas = reference_canvas
    try:
        return fn()
    finally:
        draw_pdf.Canvas, printing_pdf.Canvas = saved


_PYCACHE = os.path.join(tempfile.gettempdir(), "roomplanner-bench-pycache")


def import_ms(modules: str, runs: int) -> float:
    """Median time to import ``modules`` in a fresh process that has already imported the
    ``roomplanner`` package (which every run of the program has)."""
    # compiled bytecode as an installed package has it (kept in a temporary folder, not the
    # checkout), warmed by one run: otherwise our modules are compiled on every import
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=_PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = ("import time, roomplanner\nt = time.perf_counter()\n"
            f"import {modules}\nprint(time.perf_counter() - t)")
    times = []
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
        times.append(float(out.stdout))
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--spec", default=str(ROOT / "examples" / "enterprise-9x6.yaml"))
    ap.add_argument("--outline-text", action="store_true")
    args = ap.parse_args()

    plan = solve(load_spec(args.spec))
    calls = collect(plan, args.outline_text)
    n_files = len(calls)
    first_own = write_all(calls)
    first_rl = with_reportlab(lambda: write_all(calls))
    own, rl = [], []
    for _ in range(args.runs):        # interleaved, so both see the same load
        own.append(write_all(calls))
        rl.append(with_reportlab(lambda: write_all(calls)))
    m_own, m_rl = statistics.median(own) * 1000, statistics.median(rl) * 1000
    print(f"{Path(args.spec).name}: {n_files} PDFs{' (outlined text)' if args.outline_text else ''}, "
          f"median of {args.runs} runs")
    print(f"  own writer    {m_own:8.1f} ms   (first run {first_own * 1000:.1f} ms)")
    print(f"  reportlab     {m_rl:8.1f} ms   (first run {first_rl * 1000:.1f} ms)")
    print(f"  ratio reportlab / own: {m_rl / m_own:.2f}")

    fonts_imp = import_ms("roomplanner.typeset.fonts", args.runs)
    own_imp = import_ms("roomplanner.typeset.pdfcanvas", args.runs)
    rl_imp = import_ms("roomplanner.typeset.fonts, reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts, "
                       "reportlab.lib.colors", args.runs)
    print(f"import after 'import roomplanner' (median of {args.runs} fresh processes):")
    print(f"  roomplanner.typeset.fonts alone                             {fonts_imp:7.1f} ms")
    print(f"  roomplanner.typeset.pdfcanvas (with typeset.fonts)          {own_imp:7.1f} ms")
    print(f"  typeset.fonts + reportlab canvas, ttfonts, colors           {rl_imp:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
