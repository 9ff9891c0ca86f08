"""Line breaking of drawing *labels*: the names of boards, signs, furniture and branches.

A label is a name, not running text. Running text (notes, a board's body) may break between
any two hanzi (:mod:`roomplanner.typeset.text`); a name broken inside a word reads wrongly
("党建工 / 作制度", "Admissi / on oath"). So a label is kept on one line whenever one size
of its scale lets it fit, and is otherwise broken only where a reader would pause:

* at a space (Latin words are never split);
* after a pause or separating mark (、，；：/ …) and after a closing bracket or quote;
* after the function words 的 与 和 及 (党员的 / 权利);
* before a word that ends a title — 制度, 职责, 工作, 党支部, 流程图 … (:data:`HEAD_WORDS`):
  党建 / 工作 / 制度, 县交通运输局机关 / 党支部.

The kinsoku rules of :mod:`roomplanner.typeset.text` still hold (no line starts with a
closing mark or ends with an opening one). A label with no such break point that does not
fit its box on one line does not fit it at all: the caller sets it outside, with a leader
(or, for a name of hanzi only in a tall narrow item such as a vertical branch plaque, sets
it vertically — 竖排 — one character under the other: :func:`vertical_label`).
Lines are balanced: of the layouts with the fewest lines, the one whose widest line is the
narrowest. The strong break points (spaces, marks, function words) are preferred to the
breaks before a head word: 发展党员制度、/ 民主评议党员制度 at a smaller size rather than
发展党员 / 制度、/ 民主评议党员 / 制度 at a larger one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

from ..typeset import fonts
from ..typeset.text import NO_LINE_END, NO_LINE_START

#: Marks after which a label may break (pauses, separators, closing brackets and quotes).
BREAK_AFTER = frozenset("、，；：。！？,;:/／）】》」』”’)]")

#: Function words after which a label may break.
FUNCTION_WORDS = frozenset("的与和及")

#: Words that end a title (the head of a noun phrase): a label may break before them. Only
#: words of two or more characters, so that no line is left with one lone character.
HEAD_WORDS = ("制度", "职责", "工作", "管理", "情况", "公示", "标准", "誓词", "架构", "结构", "设置",
              "党支部", "委员会", "活动室", "流程图", "公开栏", "宣传栏", "宣传窗", "展示栏")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=4096)
def segments(paragraph: str, head_words: bool = True) -> tuple[tuple[str, str], ...]:
    """The unbreakable pieces of one label paragraph: ``((glue, text), ...)`` where ``glue``
    is the space before the piece (dropped where a line starts). Without ``head_words`` only
    the strong break points (spaces, marks, function words) count."""
    cuts: set[int] = set()
    for i in range(1, len(paragraph)):
        prev, ch = paragraph[i - 1], paragraph[i]
        if ch in NO_LINE_START or prev in NO_LINE_END or ch == " " or prev == " ":
            continue
        if prev in BREAK_AFTER or (prev in FUNCTION_WORDS and _is_han(ch)):
            cuts.add(i)
        elif head_words and _is_han(prev) and any(paragraph.startswith(w, i) for w in HEAD_WORDS):
            cuts.add(i)
    out: list[tuple[str, str]] = []
    glue, piece = "", ""
    for i, ch in enumerate(paragraph):
        if ch == " ":
            if piece:
                out.append((glue, piece))
                glue, piece = "", ""
            glue += ch
            continue
        if i in cuts and piece:
            out.append((glue, piece))
            glue, piece = "", ""
        piece += ch
    if piece:
        out.append((glue, piece))
    return tuple(out)


def _line(segs: Sequence[tuple[str, str]]) -> str:
    return "".join(g + t for g, t in segs).lstrip(" ") if segs else ""


def _balanced_paragraph(paragraph: str, font: str, size: float, width: float,
                        max_lines: int, head_words: bool) -> Optional[list[str]]:
    """The fewest lines no wider than ``width`` (balanced), or None if more than ``max_lines``
    are needed or a piece alone is wider than ``width``."""
    segs = segments(paragraph, head_words)
    n = len(segs)
    if n == 0:
        return [""]
    w = {}

    def width_of(a: int, b: int) -> float:
        if (a, b) not in w:
            w[a, b] = fonts.text_width(_line(segs[a:b]), font, size, "drawing label")
        return w[a, b]

    inf = float("inf")
    # best[k][i]: the narrowest widest line setting segs[:i] in k lines; cut[k][i]: its last cut
    best = [[inf] * (n + 1) for _ in range(max_lines + 1)]
    cut = [[0] * (n + 1) for _ in range(max_lines + 1)]
    best[0][0] = 0.0
    for k in range(1, max_lines + 1):
        for i in range(1, n + 1):
            for p in range(i - 1, -1, -1):
                if best[k - 1][p] == inf:
                    continue
                lw = width_of(p, i)
                if lw > width + 1e-6:
                    break           # a longer line from an earlier start is wider still
                cand = max(best[k - 1][p], lw)
                if cand < best[k][i] - 1e-9:
                    best[k][i], cut[k][i] = cand, p
        if best[k][n] < inf:
            lines, i = [], n
            for kk in range(k, 0, -1):
                p = cut[kk][i]
                lines.append(_line(segs[p:i]))
                i = p
            return lines[::-1]
    return None


def break_label(text: str, font: str, size: float, width: float, max_lines: int,
                head_words: bool = True) -> Optional[list[str]]:
    """``text`` in at most ``max_lines`` lines no wider than ``width`` (mm, at em ``size``),
    broken only at a label's break points (before :data:`HEAD_WORDS` too if ``head_words``)
    and balanced; None if it cannot be."""
    lines: list[str] = []
    for para in text.replace("\r\n", "\n").split("\n"):
        got = _balanced_paragraph(para.strip(" "), font, size, width, max_lines - len(lines),
                                  head_words)
        if got is None:
            return None
        lines += got
    return lines


def vertical_label(text: str) -> bool:
    """True for a name that can be set vertically one character under the other (竖排): hanzi
    only (a Latin word, a digit or a bracket would need turning, which this does not do)."""
    return 2 <= len(text) and all(_is_han(ch) for ch in text)
