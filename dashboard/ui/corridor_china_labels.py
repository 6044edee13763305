"""Where each label of the China map goes, so that neighbours never overlap.

Places of the corridors crowd the south coast (凭祥, 钦州 and 防城港 lie within a few pixels of
each other), and plotly places no label by itself: left to one side, their names would print
over each other. This is the search that gives each place its own side, kept apart from the
figure because it is the one piece of the maps that is an algorithm rather than a drawing.
"""

from __future__ import annotations

import math
from functools import lru_cache

#: The China map's view (degrees); its labels are placed for this view.
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
CHINA_LABEL_SIZE = 10
#: Widths in pixels at which the China map's labels must not collide: the map as a laptop
#: or a projector draws it (as tall as the 480-pixel figure, so about 470 wide), and a phone's.
CHINA_LABEL_WIDTHS = (470.0, 350.0)
#: Places nearer than this (pixels) push each other's labels away.
NEAR = 40.0
#: Plotly's text positions, each as the side of its marker the label goes to (x right, y
#: down, as on the screen), in the order preferred when several are free.
LABEL_SIDES = {
    "middle right": (1, 0),
    "middle left": (-1, 0),
    "top center": (0, -1),
    "bottom center": (0, 1),
    "top right": (1, -1),
    "bottom right": (1, 1),
    "top left": (-1, -1),
    "bottom left": (-1, 1),
}


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width: CJK characters are square, Latin narrower."""
    return sum(size if ord(ch) >= 0x2E80 else 0.62 * size for ch in text)


def _label_box(x: float, y: float, gap: float, width: float, height: float, side: str):
    """The label's box on the screen, a pixel wider on each side: labels keep a gap."""
    dx, dy = LABEL_SIDES[side]
    left = x + gap if dx > 0 else x - gap - width if dx < 0 else x - width / 2
    top = y + gap if dy > 0 else y - gap - height if dy < 0 else y - height / 2
    return (left - 1, top - 1, left + width + 1, top + height + 1)


def _overlap(a: tuple, b: tuple) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


@lru_cache(maxsize=32)
def label_sides(places: tuple[tuple[str, float, float, float], ...]) -> tuple[str, ...]:
    """A text position for each ``(text, lon, lat, marker size)`` of the China map, so that
    near places (凭祥, 钦州 and 防城港 lie within a few pixels of each other) put their labels
    on different sides: no label over another label, another place's marker or the map's
    edge, at each width of :data:`CHINA_LABEL_WIDTHS`.

    A local search: every label starts to the right of its marker; then, crowded places
    first, each label takes the side where it collides least with the others (ties: the
    order of :data:`LABEL_SIDES`), until no label can do better. Each move lowers the total
    of the collisions, so the search ends.
    """
    lon_span = math.radians(CHINA_LON[1] - CHINA_LON[0])
    y_top, y_span = _mercator(CHINA_LAT[1]), _mercator(CHINA_LAT[1]) - _mercator(CHINA_LAT[0])
    height = CHINA_LABEL_SIZE * 1.25
    views = []  # per width: the map's size, each marker's box, and each label's box per side
    for map_width in CHINA_LABEL_WIDTHS:
        scale = map_width / lon_span
        frame = (0.0, 0.0, map_width, y_span * scale)
        markers, boxes, points = [], [], []
        for text, lon, lat, size in places:
            x = math.radians(lon - CHINA_LON[0]) * scale
            y = (y_top - _mercator(lat)) * scale
            points.append((x, y))
            half = size / 2
            room = half + 2  # no label touches another place's marker
            markers.append((x - room, y - room, x + room, y + room))
            width = _text_width(text, CHINA_LABEL_SIZE)
            boxes.append(
                {side: _label_box(x, y, half + 2, width, height, side) for side in LABEL_SIDES}
            )
        views.append((frame, markers, boxes, points))

    def outside(box: tuple, frame: tuple) -> float:
        area = (box[2] - box[0]) * (box[3] - box[1])
        return area - _overlap(box, frame)

    count = len(places)
    chosen = ["middle right"] * count
    preference = {side: rank for rank, side in enumerate(LABEL_SIDES)}

    def toward(i: int, j: int, side: str, points: list) -> float:
        """How much the side points at a near place (a label crossing over a neighbour reads
        as the neighbour's): the cosine, weighted by nearness, 0 for a place far off."""
        (xi, yi), (xj, yj) = points[i], points[j]
        distance = math.hypot(xj - xi, yj - yi)
        dx, dy = LABEL_SIDES[side]
        if distance >= NEAR or distance == 0:
            return 0.0
        cosine = (dx * (xj - xi) + dy * (yj - yi)) / (math.hypot(dx, dy) * distance)
        return max(cosine, 0.0) * (NEAR - distance)

    def cost(i: int, side: str) -> float:
        total = float(preference[side])
        for frame, markers, boxes, points in views:
            box = boxes[i][side]
            total += 4 * outside(box, frame)
            for j in range(count):
                if j != i:
                    total += _overlap(box, boxes[j][chosen[j]]) + 2 * _overlap(box, markers[j])
                    total += 3 * toward(i, j, side, points)
        return total

    def crowding(i: int) -> float:
        frame, markers, boxes, points = views[-1]
        mine = boxes[i]["middle right"]
        return -sum(_overlap(mine, boxes[j]["middle right"]) for j in range(count) if j != i)

    order = sorted(range(count), key=crowding)
    for _ in range(50):
        moved = False
        for i in order:
            best = min(LABEL_SIDES, key=lambda side: (cost(i, side), preference[side]))
            if cost(i, best) < cost(i, chosen[i]):
                chosen[i], moved = best, True
        if not moved:
            break
    return tuple(chosen)
