"""The world map of the home page, drawn on the server from a vendor SVG.

The shapes come from the npm package svgmap (``static/vendor/svgmap``, MIT licence):
one ``<path id="KZ">`` per country, named by its ISO 3166-1 alpha-2 code, the code a
``State`` keeps. Drawn as shipped the map weighs 112 KB, more than a whole page may;
read once per process, its outlines are simplified (Douglas–Peucker), rounded to whole
units of a viewBox half the size and written as relative moves, which brings it to a
fraction of that. The home page then draws every country and links those that are
CICA member or observer states to their pages (``templates/cica/includes/world_map.html``).
"""

import math
import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from django.conf import settings

SOURCE = settings.BASE_DIR / "static" / "vendor" / "svgmap" / "world.svg"

# The shipped viewBox is 2000 × 1001; the map is drawn at half that. Its top rows are
# Arctic sea; the map starts below them.
SCALE = 0.5
TOP = 30
WIDTH = 1000
HEIGHT = 440
# Points closer than this to the simplified outline are dropped (viewBox units).
TOLERANCE = 0.9
# Islands smaller than this are left out (square units), but never a country's largest part.
MIN_AREA = 4.0
# A linked country whose outline fits in a box this small (units) also gets a round
# marker, so that Bahrain or Singapore can be seen and pointed at.
MARKER_BELOW = 6.0

# Shapes that svgmap ships for the choice of its users; it leaves this one out by default.
OMITTED = frozenset({"MA-EH"})
# Shapes drawn as part of a state: Hong Kong is a region of China (ISO gives it a code of
# its own, and svgmap a shape, which would show as a hole in China's shading).
PART_OF = {"HK": "CN"}

PATH = re.compile(r'<path\s+id="([A-Z]{2}(?:-[A-Z]{2})?)"\s+d="([^"]+)"')
TOKEN = re.compile(r"[MmLlHhVvCcSsZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One country on the map: its code, its outline, and a marker when it is tiny."""

    code: str
    path: str
    marker: tuple[int, int] | None  # centre of a marker for small countries, else None


def parse(d: str) -> list[list[Point]]:
    """The rings of an SVG path (absolute points), for paths of lines and curves (a
    curve keeps only its end point: the outline is simplified anyway)."""
    tokens = TOKEN.findall(d)
    rings: list[list[Point]] = []
    ring: list[Point] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command = ""
    index = 0

    def number() -> float:
        nonlocal index
        value = float(tokens[index])
        index += 1
        return value

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
        relative = command.islower()
        kind = command.upper()
        if kind == "Z":
            if ring:
                rings.append(ring)
            ring = []
            x, y = start
            continue
        if kind == "M":
            if ring:
                rings.append(ring)
            dx, dy = number(), number()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            start = (x, y)
            ring = [(x, y)]
            command = "l" if relative else "L"  # further pairs are lines
            continue
        if kind == "L":
            dx, dy = number(), number()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        elif kind == "H":
            value = number()
            x = x + value if relative else value
        elif kind == "V":
            value = number()
            y = y + value if relative else value
        elif kind in "CS":
            pairs = [(number(), number()) for _ in range(3 if kind == "C" else 2)]
            dx, dy = pairs[-1]
            x, y = (x + dx, y + dy) if relative else (dx, dy)
        ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the points that keep the outline within ``tolerance``."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = 0, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                gap = abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / length
            else:
                gap = math.hypot(px - x1, py - y1)
            if gap > distance:
                farthest, distance = index, gap
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(points: list[Point]) -> float:
    """The area a ring encloses (the shoelace formula)."""
    closed = points + points[:1]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(closed)) / 2)


def encode(rings: list[list[tuple[int, int]]]) -> str:
    """Rings of whole-unit points as a compact path: ``M12 34l1-2 3 4z``."""

    def pair(x: int, y: int) -> str:
        return f"{x}{'' if y < 0 else ' '}{y}"

    parts = []
    for ring in rings:
        x, y = ring[0]
        moves = [pair(bx - ax, by - ay) for (ax, ay), (bx, by) in pairwise(ring)]
        joined = "".join(move if move.startswith("-") else " " + move for move in moves)
        parts.append(f"M{pair(x, y)}l{joined.lstrip()}z")
    return "".join(parts)


def country(code: str, d: str) -> Shape | None:
    """One country's outline at the map's scale, simplified and rounded."""
    rings = []  # (area, points at the map's scale, simplified whole-unit points)
    for ring in parse(d):
        placed = [(x * SCALE, y * SCALE - TOP) for x, y in ring]
        rounded: list[tuple[int, int]] = []
        for x, y in simplify(placed + placed[:1], TOLERANCE)[:-1]:
            point = (round(x), round(y))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        while len(rounded) > 1 and rounded[-1] == rounded[0]:
            rounded.pop()
        rings.append((area(placed), placed, rounded))
    if not rings:
        return None
    _size, main, main_rounded = max(rings, key=lambda ring: ring[0])
    centre = (
        round(sum(x for x, _y in main) / len(main)),
        round(sum(y for _x, y in main) / len(main)),
    )
    kept = [
        rounded
        for size, _placed, rounded in rings
        if len(rounded) >= 3 and (size >= MIN_AREA or rounded is main_rounded)
    ]
    if len(main_rounded) < 3:
        # Too small for an outline at this scale: a speck at its centre.
        cx, cy = centre
        kept.append([(cx, cy - 1), (cx + 1, cy + 1), (cx - 1, cy + 1)])
    xs = [x for _size, placed, _rounded in rings for x, _y in placed]
    ys = [y for _size, placed, _rounded in rings for _x, y in placed]
    small = max(max(xs) - min(xs), max(ys) - min(ys)) < MARKER_BELOW
    return Shape(code, encode(kept), centre if small else None)


@cache
def shapes() -> dict[str, Shape]:
    """Every country of the vendor map by ISO code, simplified; read once per process."""
    found = {}
    for code, d in PATH.findall(SOURCE.read_text(encoding="utf-8")):
        if code in OMITTED:
            continue
        shape = country(code, d)
        if shape is not None:
            found[code] = shape
    return found


@dataclass(frozen=True)
class LinkedShape:
    """A member or observer state on the map, linked to its page."""

    state: object  # members.models.State
    status: str  # "member" or "observer"
    shapes: list[Shape]


@dataclass(frozen=True)
class DrawnMap:
    others: str  # one path for every country that is neither member nor observer
    linked: list[LinkedShape]  # in the order given: members, then observers
    # Written out here: a number in a template would be localised ("1 000", "0,5").
    view_box: str = f"0 0 {WIDTH} {HEIGHT}"


def drawn(members, observers) -> DrawnMap:
    """The map with ``members`` and ``observers`` (``State`` rows) marked and linked.

    States whose ISO code the vendor map does not draw are left off the map; the list
    beside the map names them all the same.
    """
    by_code = {code: [shape] for code, shape in shapes().items() if code not in PART_OF}
    for code, owner in PART_OF.items():
        if code in shapes() and owner in by_code:
            # Drawn with its state, without a marker of its own.
            by_code[owner].append(replace(shapes()[code], marker=None))
    linked = []
    for status, states in (("member", members), ("observer", observers)):
        for state in states:
            found = by_code.pop(state.code, None)
            if found:
                linked.append(LinkedShape(state, status, found))
    # One path for all the others: they are not linked, and it draws in a fraction of
    # the time and bytes of a path each.
    others = "".join(shape.path for group in by_code.values() for shape in group)
    return DrawnMap(others, linked)
