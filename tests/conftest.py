import copy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

BASE = {
    "branch": {"name": "星火科技有限公司党支部", "type": "enterprise", "members": 25},
    "room": {
        "outline": [[0, 0], [9000, 0], [9000, 6000], [0, 6000]],
        "height": 3000,
        "openings": [
            {"kind": "door", "wall": 0, "offset": 7600, "width": 1000, "height": 2100},
            {"kind": "window", "wall": 1, "offset": 1500, "width": 3000, "sill": 900, "height": 1500},
        ],
        "obstacles": [{"wall": 3, "offset": 200, "width": 600, "bottom": 2200, "top": 2800, "label": "空调"}],
    },
    "main_wall": "auto",
    "options": {"flag_size": "auto", "oath_position": "profile"},
    "content": {},
}


@pytest.fixture
def base_spec():
    return copy.deepcopy(BASE)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
