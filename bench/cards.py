"""What share cards and pictures add to a build, measured side by side in one run.

    .venv/bin/python bench/cards.py [N]          # default N = 1,000

Makes N synthetic explainers (bench/synthetic.py) and times, each build as its own process, both cold builds a
newsroom runs: the default `generator build` (search index included) and the pages alone (`--no-search`):

1. the project as it is (no pictures): cold (no `.cache/`, no `site/`: every share card drawn), cold with
   the cards drawn before kept (`.cache/cards/`), and warm (nothing changed); then every share card of every
   explainer and language drawn again on its own, on the build's worker processes: the cards' share;
2. a copy in which every explainer leads with a photo of its own (a 1200×800 JPEG, different for each):
   the first build, which encodes every picture (AVIF, WebP and JPEG at three widths) and keeps the variants
   in `.cache/media/` by digest; a cold build (`site/` and the page cache removed, the pictures' variants
   and the cards kept, as CI keeps `.cache/` between runs); and a warm one.

The builds are interleaved, three rounds of each, and the medians compared (the machine is shared and
noisy). It prints the cards' and the pictures' shares of each kind of cold build against issue 11's target:
images and cards add at most 30 % to a cold build and nothing to a warm one. The pages-only build is the
stricter measure (the search index, which cards do not touch, is half of the default build). Encoding is
once per picture, ever: it is printed on its own.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

from generator.build import Build
from generator.load import load
from generator.model import Explainer
from generator.parallel import parallel_map
from generator.project import Project


def timed_build(folder: Path, search: bool = False) -> float:
    started = time.perf_counter()
    options = [] if search else ["--no-search"]
    command = [sys.executable, "-m", "generator", "--project", str(folder), "build", *options]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - started


def cards_alone(folder: Path) -> tuple[int, float]:
    """Every share card of the project rendered on the build's workers: how many, and the wall time."""
    pipeline = Build(Project(folder), write=False, use_cache=False)
    pipeline.run()
    assert pipeline.renderer is not None and pipeline.site is not None
    renderer, codes = pipeline.renderer, [language.code for language in pipeline.site.languages]
    explainers = [Explainer.model_validate(load(path).data) for path in Project(folder).explainer_listing()[0]]
    started = time.perf_counter()
    cards = parallel_map(lambda item: [renderer.explainers[code].card(item) for code in codes], explainers)
    return sum(len(made) for made in cards), time.perf_counter() - started


def photo(number: int) -> bytes:
    """A 1200×800 JPEG unlike any other: smooth colour fields (as a photo's sky and ground) and a number."""
    from PIL import Image, ImageDraw

    image = Image.radial_gradient("L").resize((1200, 800)).convert("RGB")
    tint = Image.new("RGB", image.size, ((number * 37) % 256, (number * 91) % 256, (number * 53) % 256))
    image = Image.blend(image, tint, 0.5)
    ImageDraw.Draw(image).text((40 + number % 800, 40 + number % 600), f"photo {number}", fill=(255, 255, 255))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()


FIELDS = ("alt", "caption", "credit")


def with_photos(folder: Path) -> None:
    """Give every explainer of the project a lead photo of its own, credited in both languages."""
    media = folder / "content" / "media"
    media.mkdir(exist_ok=True)
    for number, path in enumerate(sorted((folder / "content" / "explainers").glob("*.yml"))):
        (media / f"photo-{number}.jpg").write_bytes(photo(number))
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        texts = {field: {"ar": f"صورة الاختبار {number}", "en": f"Benchmark photo {number}"} for field in FIELDS}
        data["image"] = {"file": f"media/photo-{number}.jpg", **texts}  # each its own mapping: no YAML aliases
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
        path.write_text(text.split("\n", 1)[0] + "\n" + body, encoding="utf-8")  # the schema line kept


def cold(folder: Path, kept: tuple[str, ...], search: bool = False) -> float:
    """A build with no `site/` and no page cache; of the build cache only the folders `kept` are left (`media`:
    the pictures' encoded variants, `cards`: the share cards drawn before)."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    for entry in (folder / ".cache").iterdir() if (folder / ".cache").is_dir() else ():
        if entry.name not in kept:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return timed_build(folder, search)


ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description="What share cards and pictures add to a build, side by side.")
    parser.add_argument("count", type=int, nargs="?", default=1000, help="how many explainers (default 1,000)")
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as temporary:
        plain, pictured = Path(temporary) / "plain", Path(temporary) / "pictured"
        synthetic.make_project(count, plain, check=False)
        shutil.copytree(plain, pictured)
        with_photos(pictured)
        encoding = timed_build(pictured)
        times: dict[str, list[float]] = defaultdict(list)
        for _ in range(ROUNDS):
            for kind, search in (("pages", False), ("default", True)):
                times[f"{kind}: cold"].append(cold(plain, (), search))  # every card drawn
                times[f"{kind}: cold, cards kept"].append(cold(plain, ("cards",), search))
                times[f"{kind}: pictures cold"].append(cold(pictured, ("media", "cards"), search))
            times["warm"].append(timed_build(plain))
            times["pictures warm"].append(timed_build(pictured))
            made, alone = cards_alone(plain)
            times["cards drawn"].append(alone)
        published = sum(1 for _ in (pictured / "site" / "media").iterdir())
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"N = {count:,}, each build its own process, medians of {ROUNDS} rounds:")
    for name, value in median.items():
        print(f"  {name}: {value:.2f} s")
    print(f"  ({published:,} picture files; the first build of the pictured project, encoding {count:,} pictures,")
    print(f"  took {encoding:.1f} s: a picture is encoded once, ever, and kept in .cache/media/)")
    drawn = median["cards drawn"]
    each = drawn / made * 1000
    print(f"share cards alone: {made:,} drawn in {drawn:.1f} s ({each:.2f} ms of wall time each, on the workers)")
    for kind, name in (("default", "the default build (search index included)"), ("pages", "the pages alone")):
        shares(median, kind, name)
    warm = median["pictures warm"] / median["warm"] - 1
    print(f"pictures add {warm:.0%} to the warm build (target nothing)")


def shares(median: dict[str, float], kind: str, name: str) -> None:
    """What cards and pictures add to one kind of cold build. The base is the build with the cards kept: it
    still names and links its 2,000 cards (a key and a link each, about 60 µs), so it is the build without
    them but for a few hundredths of a second. (The drawing alone, on the workers, can cost less than it adds
    to a build, 1.6 s against 2.1 s at 1,000 once in the eighth session: the PNGs written, caches shared with
    the pages; the first sessions' figures took the drawing alone off the cold build as the base.)"""
    base = median[f"{kind}: cold, cards kept"]
    drawn = (median[f"{kind}: cold"] - base) / base
    pictures = (median[f"{kind}: pictures cold"] - base) / base
    print(f"{name}, cold: every card drawn adds {drawn:.0%}; pictures add {pictures:.0%} (their encodings kept);")
    print(
        f"  cards and pictures together {drawn + pictures:.0%} with every card drawn, {pictures:.0%} with the", end=" "
    )
    print("build cache's cards/ and media/ kept, as CI keeps them (target at most 30 %)")


if __name__ == "__main__":
    main()
