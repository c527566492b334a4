"""Locator maps drawn at build time from Natural Earth (public domain), as SVG with labels in each language.

The countries come from the npm package `world-atlas` (Natural Earth's 1:110m admin-0 countries as TopoJSON,
installed by `make site`); a map names the box it shows, the countries it highlights (ISO 3166-1 numeric
codes) and its labels. Decoding TopoJSON is a few lines (delta-encoded, quantised arcs), so no geographic
library is needed; the projection is equirectangular, scaled by the cosine of the box's middle latitude,
which is what a locator map of a region a few thousand kilometres wide needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from html import escape
from pathlib import Path

from .settings import Language

# 1:110m: at 1,200 pixels for a region a hundred degrees wide, a finer coastline would only add bytes. Where this
# checkout's npm packages are, or, installed elsewhere (pre-commit's environment), those of the folder it runs in.
_COUNTRIES = Path("node_modules", "world-atlas", "countries-110m.json")
_PLACES = (Path(__file__).resolve().parent.parent / _COUNTRIES, Path.cwd() / _COUNTRIES)
ATLAS = next((path for path in _PLACES if path.is_file()), _PLACES[0])
WIDTH = 1200
SEA, LAND, BORDER, HIGHLIGHT, INK, HALO = "#dce8f2", "#efece4", "#ffffff", "#f2c57c", "#1b1b1b", "#ffffff"
FACES = {"ARABIC": '"Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", Tahoma, sans-serif'}
LATIN_FACE = 'system-ui, "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif'

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # west, south, east, north, in degrees


def _arcs(topology: dict[str, object]) -> list[list[Point]]:
    """Every arc in longitude and latitude (TopoJSON stores them quantised, each point a delta of the last)."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:  # type: ignore[attr-defined]
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A ring from its arcs; a negative index (~i) is arc i walked backwards. Shared ends are kept once."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def countries(topology: dict[str, object]) -> Iterator[tuple[str, list[list[Point]]]]:
    """Each country's id and its rings, in longitude and latitude."""
    arcs = _arcs(topology)
    objects = topology["objects"]
    assert isinstance(objects, dict)
    for geometry in objects["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        yield str(geometry.get("id", "")), [_ring(arcs, ring) for polygon in polygons for ring in polygon]


class Projection:
    """Longitude and latitude to the map's pixels: equirectangular, true to scale at the box's middle."""

    def __init__(self, box: Box) -> None:
        west, south, east, north = box
        self.box = box
        self.squeeze = math.cos(math.radians((south + north) / 2))
        self.scale = WIDTH / ((east - west) * self.squeeze)
        self.height = round((north - south) * self.scale)

    def __call__(self, point: Point) -> Point:
        """A point's pixels; a longitude far west of the box is taken round the globe, so a country that
        crosses the 180th meridian (Russia's Chukotka) continues east instead of streaking across the map."""
        west, _, _, north = self.box
        longitude = point[0] + 360 if point[0] < west - 180 else point[0]
        return (longitude - west) * self.squeeze * self.scale, (north - point[1]) * self.scale


def _path(rings: list[list[Point]], project: Projection) -> str:
    """An SVG path of the rings, a point dropped where it is under a pixel from the last one kept."""
    parts = []
    for ring in rings:
        kept: list[Point] = []
        for x, y in map(project, ring):
            if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 1.5:
                kept.append((x, y))
        if len(kept) > 2:
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts)


def _inside(rings: list[list[Point]], box: Box) -> bool:
    """Whether any of the rings has a point within the box widened by a tenth of its size (longitudes taken
    round the globe as the projection takes them, so a box across the 180th meridian finds Alaska)."""
    west, south, east, north = box
    margin_x, margin_y = (east - west) / 10, (north - south) / 10
    return any(
        west - margin_x <= (x + 360 if x < west - 180 else x) <= east + margin_x
        and south - margin_y <= y <= north + margin_y
        for ring in rings
        for x, y in ring
    )


LINE = 22  # characters a label's line holds (28 px bold: about a quarter of the map's width)
LEADING = 32  # pixels between a label's lines


def label_lines(text: str) -> list[str]:
    """A label in lines of at most LINE characters, broken between words (a longer word stands alone), so a
    long name does not run across the map and off its edges."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


def draw_map(
    topology: dict[str, object],
    box: Box,
    highlight: set[str],
    labels: list[tuple[Point, str, bool]],
    language: Language,
) -> tuple[bytes, tuple[int, int]]:
    """The map as SVG, its labels in `language` (its direction, its script's faces), legible on any colour."""
    project = Projection(box)
    shapes = []
    for country, rings in countries(topology):
        if _inside(rings, box):
            fill = HIGHLIGHT if country in highlight else LAND
            shapes.append(f'<path d="{_path(rings, project)}" fill="{fill}"/>')
    face = FACES.get(language.script, LATIN_FACE)
    texts = []
    for point, text, dot in labels:
        x, y = project(point)
        lines = label_lines(text)
        if dot:  # a place: a dot, and its name just above it (its last line, when it has several)
            texts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="{INK}" stroke="{HALO}" stroke-width="2"/>')
            y -= 14 + (len(lines) - 1) * LEADING
        else:  # a region: its name centred where it is
            y -= (len(lines) - 1) * LEADING / 2
        if len(lines) == 1:
            texts.append(f'<text x="{x:.0f}" y="{y:.0f}">{escape(text)}</text>')
        else:
            spans = "".join(
                f'<tspan x="{x:.0f}" dy="{LEADING if number else 0}">{escape(line)}</tspan>'
                for number, line in enumerate(lines)
            )
            texts.append(f'<text x="{x:.0f}" y="{y:.0f}">{spans}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {project.height}" '
        f'width="{WIDTH}" height="{project.height}" xml:lang="{language.code}" direction="{language.direction}">'
        f'<rect width="{WIDTH}" height="{project.height}" fill="{SEA}"/>'
        f'<g stroke="{BORDER}" stroke-width="1.5" stroke-linejoin="round">{"".join(shapes)}</g>'
        f'<g font-family=\'{face}\' font-size="28" font-weight="700" '
        f'fill="{INK}" stroke="{HALO}" stroke-width="6" paint-order="stroke" text-anchor="middle">'
        f"{''.join(texts)}</g></svg>\n"
    ).encode(), (WIDTH, project.height)
