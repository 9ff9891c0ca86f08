"""Drawing style: colours, line weights, text sizes, and the names and labels (Chinese and English) written on the sheets."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Sequence

from shapely.geometry import Polygon as SPolygon

from ..model.plan import FloorItem, WallItem
from .installation import round_mm
from .primitives import Style

# ====================================================================== style

RED = "#C8102E"          # party red for markers, titles
FLAG_RED = "#DE2910"     # the flag (GB 12982 红)
GOLD = "#FFDE00"
INK = "#000000"
GREY = "#555555"
LIGHT = "#8A8A8A"
WALL_FILL = "#6E6E6E"
FURN_FILL = "#F3EFE6"
CHAIR_FILL = "#FFFFFF"
BOARD_FILL = "#FBF5EA"
GLASS = "#DCEEF8"
OBST_FILL = "#E9E9E9"
SLAB_FILL = "#A8A8A8"

# Text heights on the printed sheet. The measure is the font size (em) in millimetres on the
# paper (a PDF font size in points × 25.4/72): GB/T 14691 and GB/T 50001 give the character
# height h as the font's nominal size and ask for h ≥ 3.5 mm for 汉字 and h ≥ 2.5 mm for
# digits and Latin letters (dimension figures). Every text on a drawing is at least
# :func:`min_text` of what it says; nothing shrinks below it (a label that does not fit goes
# outside with a leader, or becomes a number keyed to a list).
TEXT_HAN = 3.5      # minimum for any text containing 汉字 (or other CJK characters)
TEXT_LATIN = 2.5    # minimum for digits and Latin letters only
TEXT = 3.5          # label size (mm, em)
TEXT_SMALL = 3.5
TEXT_DIM = 2.5      # dimension figures
TEXT_MIN = TEXT_LATIN
W_THIN = 0.13
W_FINE = 0.18
W_MED = 0.25
W_BOLD = 0.35
W_HEAVY = 0.5

DIM_CHAIN_1 = 5.0     # openings chain (细部尺寸), mm on paper beyond the outer wall face
DIM_CHAIN_W = 10.0    # walls chain, where a side has several walls
DIM_CHAIN_2 = 15.0    # overall chain (总尺寸)
WALL_TAG = 22.5       # wall number circle centre beyond the outer face
TAG_R = 3.0
PLAN_PAD = 27.0       # paper needed around the building on each side (dims + tags)

EL_PAD_LEFT = 16.0    # elevation: height ordinates on the left (2.5 mm figures)
EL_PAD_RIGHT = 12.0   # ceiling height dimension on the right (3.5 mm text)
EL_PAD_TOP = 12.0     # heading
EL_PAD_BOTTOM = 30.0  # left-offset ordinates and the wall length
TABLE_ROW = 7.0       # schedule row height (mm)
TABLE_HEAD = 14.0     # schedule heading band
SLAB = 120.0         # floor and ceiling slab drawn in elevations (mm, real)



@lru_cache(maxsize=1024, typed=True)     # a few dozen styles, used thousands of times (frozen: shared)
def S(stroke: Optional[str] = INK, width: float = W_MED, fill: Optional[str] = None,
      dash: Optional[tuple[float, ...]] = None, cap: str = "butt", join: str = "miter") -> Style:
    return Style(stroke, width, fill, dash, cap, join)


# ====================================================================== words

_T: dict[str, tuple[str, str]] = {
    "floor_plan": ("平面布置图", "Floor plan"),
    "elevation": ("立面图", "Elevation"),
    "schedule": ("墙面物件安装尺寸表", "Installation schedule"),
    "branch": ("支部", "Branch"),
    "type": ("类型", "Type"),
    "members": ("党员人数", "Members"),
    "area": ("面积", "Area"),
    "scale": ("比例", "Scale"),
    "sheet": ("图幅", "Sheet"),
    "date": ("日期", "Date"),
    "sheet_no": ("图号", "Sheet no."),
    "legend": ("图例", "Legend"),
    "wall": ("墙", "Wall "),
    "main_wall": ("主墙面", "main wall"),
    "wall_leg": ("墙体（厚 {t} mm）", "Wall ({t} mm thick)"),
    "main_wall_leg": ("主墙面（党旗所在墙）", "Main wall (flag wall)"),
    "door_leg": ("门及开启方向", "Door and swing"),
    "window_leg": ("窗", "Window"),
    "obstacle_leg": ("墙面障碍物", "Wall obstacle"),
    "furniture_leg": ("家具、设备", "Furniture, equipment"),
    "ceiling_leg": ("吊装设备（在上方）", "Ceiling-mounted (above)"),
    "flag_leg": ("党旗（墙面）", "Party flag (on wall)"),
    "board_leg": ("展板、标牌（墙面）", "Boards, signs (on wall)"),
    "dim_leg": ("尺寸单位：毫米", "Dimensions in millimetres"),
    "print_note": ("按 100% 实际尺寸打印，勿缩放", "Print at 100 % (actual size), no scaling"),
    "inside_view": ("室内看", "seen from inside"),
    "outside_view": ("室外看", "seen from outside"),
    "ceiling": ("净高", "Clear height"),
    "aff": ("离地", "AFF"),
    "left": ("左距", "From left"),
    "seats": ("座位", "Seats"),
    "emblem": ("党徽位置", "Emblem"),
    "flag_bought": ("{n}号标准党旗 {w}×{h} cm（外购）", "Standard flag no. {n}, {w}×{h} cm (purchased)"),
    "flag_leg_el": ("党旗（红）及党徽位置（金）", "Flag (red), emblem position (gold)"),
    "board_leg_el": ("展板（红条为标题栏）", "Board (red band = title)"),
    "sign_leg_el": ("门牌、支部牌子", "Door sign, branch plaque"),
    "furn_leg_el": ("靠墙家具（虚线）", "Furniture in front (dashed)"),
    "left_note": ("水平尺寸自墙面左端（{view}）量起", "Horizontal positions from the wall's left end ({view})"),
    "height_note": ("高度自完成地面量起", "Heights above the finished floor"),
    "key_plan": ("索引平面", "Key plan"),
    "col_id": ("编号", "Id"),
    "col_title": ("名称", "Title"),
    "col_wall": ("墙", "Wall"),
    "col_face": ("朝向", "Face"),
    "col_left": ("左距", "Left"),
    "col_bottom": ("底高", "Bottom"),
    "col_top": ("顶高", "Top"),
    "col_width": ("宽", "Width"),
    "col_height": ("高", "Height"),
    "face_inside": ("室内", "inside"),
    "face_outside": ("室外", "outside"),
    "schedule_note": ("尺寸单位 mm，四舍五入到整毫米；左距：从观看面（室内/室外）看墙面左端到物件左边缘；底高、顶高：物件下沿、上沿离地高度。",
                      "Millimetres, rounded to the whole mm (halves up). Left: from the wall's left end as seen "
                      "from the face the item is on (inside/outside) to the item's left edge. Bottom, top: "
                      "heights of the item's lower and upper edges above the floor."),
    "obstacle": ("障碍物", "Obstacle"),
    "generator": ("roomplanner 生成", "made with roomplanner"),
    "label_keys": ("编号说明", "Key"),
}

KIND_NAMES: dict[str, tuple[str, str]] = {
    "table": ("会议桌", "Table"), "chair": ("椅", "Chair"), "bookcase": ("书柜", "Bookcase"),
    "archive_cabinet": ("档案柜", "Archive cabinet"), "newspaper_rack": ("报刊架", "Newspaper rack"),
    "tv": ("电视机", "TV"), "dvd": ("DVD机", "DVD"), "disc_cabinet": ("电教片柜", "Disc cabinet"),
    "computer": ("电脑", "Computer"), "projector": ("投影仪", "Projector"), "screen": ("幕布", "Screen"),
    "equipment_cabinet": ("设备柜", "Equipment cabinet"), "podium": ("讲台", "Podium"),
}

ROLE_NAMES_EN = {
    "flag": "Party flag", "oath": "Oath", "nature": "Nature, ideology, basic line",
    "rights_duties": "Rights and duties", "publicity": "Publicity column", "rules": "Rules",
    "honor": "Honor board", "member_style": "Members' profiles", "supervision": "Supervision post",
    "work_chart": "Branch work chart", "development_flow": "Membership development flow",
    "door_sign": "Door sign", "branch_plaque": "Branch plaque", "org_chart": "Organisation chart",
    "activity_calendar": "Activity calendar", "standards": "Standards", "basic_tasks": "Basic tasks",
    "cadre_conditions": "Cadre conditions", "points_table": "Study points table", "party_fee": "Party fees",
}


def has_han(text: str) -> bool:
    """True if ``text`` contains a CJK character or CJK punctuation (set at ≥ 3.5 mm)."""
    return bool(text) and max(text) >= "\u2e80"


def min_text(text: str) -> float:
    """The smallest font size (mm on the sheet) allowed for ``text``."""
    return TEXT_HAN if has_han(text) else TEXT_LATIN


def tr(key: str, lang: str, **kw) -> str:
    zh, en = _T[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def kind_name(kind: str, lang: str) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if lang == "en" else zh


def floor_label(item: FloorItem, lang: str) -> str:
    if lang == "en":
        return kind_name(item.kind, lang)
    return item.label.strip() or kind_name(item.kind, lang)


def item_title(item: WallItem, lang: str) -> str:
    """The name a board is labelled with: its own title; in English the name of that title
    (:mod:`.names`), else the role's name with the title the branch gave it. The branch
    plaque carries the branch's own name, which is not translated: in English it is named
    by its role."""
    if lang != "en":
        return item.title
    from .names import name_en
    role = ROLE_NAMES_EN.get(item.role, item.role)
    if item.role == "branch_plaque":
        return role
    en = name_en(item.title)
    if en:
        return en
    return f"{role} ({item.title})" if item.title.strip() else role


def wall_name(i: int, lang: str) -> str:
    return f"{tr('wall', lang)}{i}"


def obstacle_label(label: str, lang: str) -> str:
    if lang == "en" and label.strip() in ("障碍物", ""):
        return tr("obstacle", lang)
    return label


# ====================================================================== numbers

def fmt_mm(x: float) -> str:
    return str(round_mm(x))


def room_area_m2(outline: Sequence[tuple[float, float]]) -> float:
    return abs(SPolygon(outline).area) / 1e6


def fmt_area(outline) -> str:
    return f"{room_area_m2(outline):.2f} m²"
