"""The drawing model lives in :mod:`roomplanner.draw.primitives` (one model for drawings and
boards); this name stays for the drawing code and its tests."""

from ..draw.primitives import *  # noqa: F401,F403
from ..draw.primitives import (LAYER_ORDER, P, Primitive, _unit, explode, readable_angle,  # noqa: F401
                               record)
