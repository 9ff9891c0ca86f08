"""Line breaking of drawing *labels*: the names of boards, signs, furniture and branches.

A label is a name, not running text. Running text (notes, a board's body) may break between
any two hanzi (:mod:`roomplanner.typeset.text`); a name broken inside a word reads wrongly
("党建工 / 作制度", "Admissi / on oath"). So a label is kept on one line whenever one size
of its scale lets it fit, and is otherwise broken only where a reader would pause. The strong
break points:

* at a space (Latin words are never split), except between a number and its unit
  (1200×800 mm: :data:`roomplanner.typeset.text.UNITS`), after “no.” before a digit, and where
  the kinsoku rules forbid it (a space before ）or ，, after （);
* after a pause or separating mark (、，；：/ …) and after a closing bracket or quote — but not
  after ',' or ':' between digits (1,200, 10:30);
* after the function words 的 与 和 及 (党员的 / 权利) — not when the character begins a word
  (和谐, 与会: :data:`FUNCTION_WORD_STARTS`) nor when it stands alone at the start (和 / 平…).

The weak ones, used only when the strong ones do not fit:

* before a word that ends a title — 制度, 职责, 工作, 党支部, 流程图 … (:data:`HEAD_WORDS`):
  党建 / 工作 / 制度, 县交通运输局机关 / 党支部 — only where the head word is followed by the
  end, a non-hanzi or another head word (not 企业员 / 工作息制度), and not inside 《…》;
* after 中国共产党 (:data:`TAIL_WORDS`), and before an opening bracket (1200×800 mm / （外购）).

This is a small heuristic, not a dictionary: when in doubt, no break. The kinsoku rules of
:mod:`roomplanner.typeset.text` hold (no line starts with a closing mark or ends with an
opening one). A label with no such break point that does not
fit its box on one line does not fit it at all: the caller sets it outside, with a leader
(or, for a name of hanzi only in a tall narrow item such as a vertical branch plaque, sets
it vertically — 竖排 — one character under the other: :func:`vertical_label`).
Lines are balanced: of the layouts with the fewest lines, the one whose widest line is the
narrowest. The strong break points are preferred to the weak ones: 发展党员制度、/
民主评议党员制度 at a smaller size rather than 发展党员 / 制度、/ 民主评议党员 / 制度 at a larger one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

from ..typeset import fonts
from ..typeset.text import NO_LINE_END, NO_LINE_START, UNITS

#: Marks after which a label may break (pauses, separators, closing brackets and quotes).
BREAK_AFTER = frozenset("、，；：。！？,;:/／）】》」』”’)]")

#: Opening brackets and quotes before which a label may break, as before a head word (weak
#: break points): 1200×800 mm / （外购）.
BREAK_BEFORE = frozenset("（《「『【〔〖〈“‘([［")

#: Function words after which a label may break.
FUNCTION_WORDS = frozenset("的与和及")

#: Words that end a title (the head of a noun phrase): a label may break before them. Only
#: words of two or more characters, so that no line is left with one lone character.
HEAD_WORDS = ("制度", "职责", "工作", "管理", "情况", "公示", "标准", "誓词", "架构", "结构", "设置",
              "党支部", "委员会", "活动室", "流程图", "公开栏", "宣传栏", "宣传窗", "展示栏",
              "挂图", "示意图", "一览表")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


#: Two-character words that begin with a function word: no break after that character
#: (构建和谐 is not 构建和 / 谐; 党员与会 is not 党员与 / 会). When in doubt, no break.
FUNCTION_WORD_STARTS = frozenset((
    "和谐", "和平", "和睦", "和美", "和蔼", "和善", "和气", "和解", "和顺", "和煦", "和弦", "和声",
    "及时", "及格", "及早", "及至", "及第",
    "与会", "与其", "与否", "与日", "与时",
    "的确", "的士", "的话"))

#: Words after which a label may break as before a head word (weak break points): 中国共产党 /
#: 发展党员 / 工作 / 流程图.
TAIL_WORDS = ("中国共产党",)


def _head_word_at(paragraph: str, i: int) -> bool:
    """A head word starts at ``i`` and ends where another word surely starts: at the end of
    the paragraph, before a character that is not a hanzi, or before another head word
    (党建 / 工作 / 制度, but not 企业员 / 工作息制度 nor 施 / 工作业)."""
    for w in HEAD_WORDS:
        if paragraph.startswith(w, i):
            j = i + len(w)
            if j == len(paragraph) or not _is_han(paragraph[j]) or _head_word_at(paragraph, j):
                return True
    return False


def _in_book_title(paragraph: str, i: int) -> bool:
    """``i`` is inside 《…》: a title is not cut before its head words (《中国共产党章程》)."""
    return paragraph.count("《", 0, i) > paragraph.count("》", 0, i)


def _no_break_space(paragraph: str, i: int, j: int) -> bool:
    """The spaces ``paragraph[i:j]`` do not break: the kinsoku rules (no line starts with a
    closing mark or ends with an opening one), a number and its unit (1200×800 mm, 1 200 mm:
    :data:`roomplanner.typeset.text.UNITS`), and “no. 3”."""
    before, after = paragraph[:i], paragraph[j:]
    if not before or not after:
        return False
    if after[0] in NO_LINE_START or before[-1] in NO_LINE_END:
        return True
    if before[-1].isdigit() and UNITS.match(after) is not None:
        return True
    return before[-3:].lower() == "no." and (len(before) == 3 or not before[-4].isalpha()) and after[0].isdigit()


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
        if prev in BREAK_AFTER:
            if not (prev in ",:" and ch.isdigit() and paragraph[i - 2:i - 1].isdigit()):   # 1,200 10:30
                cuts.add(i)
        elif prev in FUNCTION_WORDS and _is_han(ch):
            # not after a function word alone at the start (和 / 平发展), nor inside a word (和谐)
            if i >= 2 and _is_han(paragraph[i - 2]) and paragraph[i - 1:i + 1] not in FUNCTION_WORD_STARTS:
                cuts.add(i)
        elif head_words and ch in BREAK_BEFORE:
            cuts.add(i)
        elif head_words and _is_han(prev) and _is_han(ch) and not _in_book_title(paragraph, i):
            if _head_word_at(paragraph, i) or any(paragraph.endswith(w, 0, i) for w in TAIL_WORDS):
                cuts.add(i)
    out: list[tuple[str, str]] = []
    glue, piece = "", ""
    i, n = 0, len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch == " ":
            j = i
            while j < n and paragraph[j] == " ":
                j += 1
            if piece and _no_break_space(paragraph, i, j):
                piece += paragraph[i:j]
            elif j < n:                 # spaces at the end of the paragraph are dropped
                if piece:
                    out.append((glue, piece))
                    glue, piece = "", ""
                glue += paragraph[i:j]
            i = j
            continue
        if i in cuts and piece:
            out.append((glue, piece))
            glue, piece = "", ""
        piece += ch
        i += 1
    if piece:
        out.append((glue, piece.rstrip(" ")))
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
        return [""] if max_lines >= 1 else None
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
    for para in text.replace("\r\n", "\n").rstrip("\n ").split("\n"):
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
