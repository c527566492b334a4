"""The built site as hosts serve it: Debian's nginx at a domain root and under a sub-path, and `mkdocs gh-deploy`.

Pages link relatively, 404 pages root-relatively and head metadata absolutely (see generator/urls.py); only a real
web server shows that all three agree. A crawler follows every link, asset, alternate, canonical, feed and sitemap
entry from the entry page and asks the server for each.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
import yaml
from conftest import FIXTURES, REPO, SEED_SLUG, copy_project, example_copy
from servers import Deployment, Response, free_port, nginx, nginx_locations

from generator.load import load
from generator.project import Project

pytestmark = pytest.mark.slow

SUB_PATH = "/news/explainers/"
CACHED_A_YEAR = "public, max-age=31536000, immutable"
BASES = pytest.mark.parametrize("base", ["/", SUB_PATH], ids=["root", "sub-path"])
# Added to the seed explainer so the crawl meets a real outside link: the source article, cited in the article.
SOURCE_URL = "https://www.example.com/2023/09/12/kim-jong-un-russia-visit"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
NOT_LINKS = ("data:",)
CITABLE = ("http", "https", "mailto")


# --- serving ---------------------------------------------------------------------------------------------------


def run(cwd: Path, *command: str, env: dict[str, str] | None = None) -> str:
    """Run a command to completion; a failure shows what it printed."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout.strip()


def generator_build(root: Path, site: Path, *options: str) -> None:
    """`python -m generator build`, as a deployment script runs it."""
    run(root, sys.executable, "-m", "generator", "build", "--site-dir", str(site), *options)


def with_source_url(project: Project) -> Project:
    """The real project plus the fixture explainer, the seed citing its source article online."""
    shutil.copy(FIXTURES / "second-explainer.yml", project.content / "explainers" / "second-explainer.yml")
    seed = project.content / "explainers" / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    assert "\nsource:\n" in text
    seed.write_text(text.replace("\nsource:\n", f"\nsource:\n  url: {SOURCE_URL}\n", 1), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def deploy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Deployment]]:
    """Build the site for `http://127.0.0.1:PORT<base>` and serve it there with nginx; once per base, per module.

    The port is chosen before the build because the site's absolute URLs must name it.
    """
    deployments: dict[str, Deployment] = {}
    with contextlib.ExitStack() as servers:

        def start(base: str) -> Deployment:
            if base not in deployments:
                folder = tmp_path_factory.mktemp("hosted")
                project = with_source_url(copy_project(folder / "project"))
                port = free_port()
                generator_build(project.root, folder / "site", "--site-url", f"http://127.0.0.1:{port}{base}")
                deployments[base] = servers.enter_context(nginx(folder / "site", base, port, folder / "nginx"))
            return deployments[base]

        yield start


# --- fetching and crawling -------------------------------------------------------------------------------------


def fetch(url: str, headers: dict[str, str] | None = None) -> Response:
    """One GET, redirects not followed: a link that only works through a redirect is not counted as working."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers=headers or {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Response(response.status, response.getheader("Content-Type", ""), response.read(), headers)
    finally:
        connection.close()


@dataclass(frozen=True)
class Link:
    page: str  # the address of the page the link is on
    target: str  # absolute, fragment included
    where: str  # e.g. "<a href>", for messages
    cited: bool = False  # an outside link the article itself cites: recorded, not fetched


def html_links(url: str, document: lxml.html.HtmlElement) -> list[Link]:
    """Every address a page refers to: elements' links, srcset, URL-valued <meta>, and JSON-LD."""
    links = [
        Link(url, urljoin(url, value.strip()), f"<{element.tag} {attribute or 'style'}>")
        for element, attribute, value, _ in document.iterlinks()
    ]
    for element in document.xpath("//*[@srcset]"):
        for candidate in element.get("srcset").split(","):
            if candidate.strip():
                links.append(Link(url, urljoin(url, candidate.split()[0]), f"<{element.tag} srcset>"))
    for element in document.xpath("//meta[@content]"):
        if re.match(r"https?://", element.get("content").strip()):
            name = element.get("property") or element.get("name")
            links.append(Link(url, element.get("content").strip(), f'<meta "{name}">'))
    for script in document.xpath('//script[@type="application/ld+json"]'):
        # JSON-LD @ids may carry fragments that name graph nodes, not HTML elements.
        links += [
            Link(url, urldefrag(value).url, f"JSON-LD {key}") for key, value in json_ld_urls(json.loads(script.text))
        ]
    cited = {
        urljoin(url, anchor.get("href").strip())
        for anchor in document.xpath("//article//a[@href]")
        if urlsplit(urljoin(url, anchor.get("href").strip())).scheme in CITABLE
    }
    # Head metadata may name what the article cites (schema.org isBasedOn), nothing else outside.
    return [Link(link.page, link.target, link.where, link.target in cited) for link in links]


def json_ld_urls(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for name, item in value.items():
            if name != "@context":
                yield from json_ld_urls(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from json_ld_urls(item, key)
    elif isinstance(value, str) and re.match(r"https?://", value):
        yield key, value


def xml_links(url: str, body: bytes) -> list[Link]:
    """Sitemap <loc> and <xhtml:link href>, Atom <link href>, <icon> and <logo>."""
    links = []
    for element in lxml.etree.fromstring(body).iter():
        if not isinstance(element.tag, str):
            continue
        name = lxml.etree.QName(element).localname
        if name == "link" and element.get("href"):
            links.append(Link(url, urljoin(url, element.get("href").strip()), "<link href>"))
        elif name in ("loc", "icon", "logo") and element.text:
            links.append(Link(url, urljoin(url, element.text.strip()), f"<{name}>"))
    return links


def css_links(url: str, body: bytes) -> list[Link]:
    text = body.decode("utf-8")
    found = re.findall(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", text)
    return [Link(url, urljoin(url, first or second), "CSS url()") for first, second in found if first or second]


def robots_links(url: str, body: bytes) -> list[Link]:
    found = re.findall(r"(?im)^\s*sitemap:\s*(\S+)", body.decode("utf-8"))
    return [Link(url, urljoin(url, target), "Sitemap:") for target in found]


def links_in(url: str, response: Response) -> tuple[list[Link], lxml.html.HtmlElement | None]:
    """The links in a response, by its type; and the parsed page if it is HTML."""
    kind = response.content_type.split(";")[0].strip()
    if kind == "text/html":
        document = lxml.html.document_fromstring(response.body)
        return html_links(url, document), document
    if kind.endswith("xml"):
        return xml_links(url, response.body), None
    if kind == "text/css":
        return css_links(url, response.body), None
    if urlsplit(url).path.endswith("/robots.txt"):
        return robots_links(url, response.body), None
    return [], None


@dataclass
class Crawl:
    """What a crawl fetched, the HTML pages it parsed, the outside links it met, and everything wrong."""

    deployment: Deployment
    responses: dict[str, Response] = field(default_factory=dict)
    pages: dict[str, lxml.html.HtmlElement] = field(default_factory=dict)
    outside: set[tuple[str, str]] = field(default_factory=set)  # (page, target)
    problems: list[str] = field(default_factory=list)

    def flag(self, link: Link, trouble: str) -> None:
        problem = f"{link.page}: {link.where} {link.target} {trouble}"
        if problem not in self.problems:
            self.problems.append(problem)

    def follow(self, link: Link) -> bool:
        """Whether to fetch the link; an outside link the article cites is recorded, anything else is a problem."""
        parts, server = urlsplit(link.target), urlsplit(self.deployment.origin)
        if (parts.scheme, parts.netloc) == (server.scheme, server.netloc):
            if parts.path.startswith(self.deployment.base):
                return True
            self.flag(link, f"leaves the site's folder {self.deployment.base}")
        elif parts.scheme not in CITABLE:
            self.flag(link, "is not a web address")
        elif parts.hostname in LOOPBACK or (parts.hostname or "").endswith(".localhost"):
            self.flag(link, "points at another local server")
        elif link.cited:
            self.outside.add((link.page, link.target))
        else:
            self.flag(link, "leaves the site outside the article text")
        return False

    def reached(self) -> set[str]:
        """The site files the crawl fetched successfully."""
        return {
            path
            for url, response in self.responses.items()
            if response.status == 200 and (path := self.deployment.file_for(url)) is not None
        }


def crawl(deployment: Deployment, seeds: dict[str, int]) -> Crawl:
    """Fetch the seeds (expecting the given statuses) and everything they link to on this server (expecting 200)."""
    result = Crawl(deployment)
    queue: deque[tuple[str, Link | None]] = deque((seed, None) for seed in seeds)
    fragments: list[tuple[Link, str, str]] = []
    while queue:
        url, referrer = queue.popleft()
        if url in result.responses:
            continue
        response = result.responses[url] = fetch(url)
        expected = seeds.get(url, 200)
        if response.status != expected:
            result.flag(referrer or Link("(start)", url, "seed"), f"answered {response.status}, not {expected}")
            continue
        links, document = links_in(url, response)
        if document is not None:
            result.pages[url] = document
        for link in links:
            if not link.target.startswith(NOT_LINKS) and result.follow(link):
                document_url, fragment = urldefrag(link.target)
                queue.append((document_url, link))
                if fragment:
                    fragments.append((link, document_url, unquote(fragment)))
    for link, document_url, fragment in fragments:
        target = result.pages.get(document_url)
        if target is not None and fragment not in set(target.xpath("//@id | //a/@name")):
            result.flag(link, f"has no element with id {fragment!r} to go to")
        elif target is None and result.responses[document_url].status == 200:
            result.flag(link, "has a fragment but does not lead to an HTML page")
    return result


def entry_points(deployment: Deployment) -> dict[str, int]:
    """Where crawlers start: the home page, and robots.txt and the sitemap if the site has them."""
    extra = [name for name in ("robots.txt", "sitemap.xml") if (deployment.site / name).is_file()]
    return dict.fromkeys([deployment.url, *(deployment.url + name for name in extra)], 200)


SHARE_HOSTS = {"wa.me", "t.me", "x.com", "www.facebook.com"}  # news_parts.SHARE_LINKS

# --- the tests -------------------------------------------------------------------------------------------------


@BASES
def test_every_link_asset_and_alternate_resolves_on_nginx(deploy: Callable[[str], Deployment], base: str) -> None:
    """Crawling the served site from its entry page reaches every page, and nothing it points to is missing."""
    deployment = deploy(base)
    result = crawl(deployment, entry_points(deployment))
    assert result.problems == []
    pages = {path.relative_to(deployment.site).as_posix() for path in deployment.site.rglob("*.html")}
    # every page but the 404s and the editor (admin/, which no reader's page links to)
    readers = {page for page in pages if not page.endswith("404.html") and not page.startswith("admin/")}
    assert readers - result.reached() == set()
    wrong_canonicals = {
        url: canonical
        for url, document in result.pages.items()
        for canonical in document.xpath('//link[@rel="canonical"]/@href')
        if canonical != url
    }
    assert wrong_canonicals == {}
    article_pages = {f"{deployment.url}{code}/{SEED_SLUG}/" for code in ("ar", "en")}
    # Beside what the article cites, an explainer page links out only to the services its share links open.
    shared = {
        (page, target)
        for page, target in result.outside
        if urlsplit(target).hostname in SHARE_HOSTS or target.startswith("mailto:?")
    }
    assert result.outside - shared == {(page, SOURCE_URL) for page in article_pages}
    assert shared and all(quote(page, safe="") in target for page, target in shared)  # each shares its own page


@BASES
@pytest.mark.parametrize(
    ("missing", "served", "lang", "direction", "homes"),
    [
        ("ar/no-such-page/", "ar/404.html", "ar", "rtl", ["ar/"]),
        ("en/no-such-page/", "en/404.html", "en", "ltr", ["en/"]),
        ("nothing", "404.html", None, None, ["ar/", "en/"]),
    ],
    ids=["ar", "en", "elsewhere"],
)
def test_missing_pages_get_their_languages_404_page_with_working_links(
    deploy: Callable[[str], Deployment],
    base: str,
    missing: str,
    served: str,
    lang: str | None,
    direction: str | None,
    homes: list[str],
) -> None:
    """A 404 page is served at the missing address, so only root-relative links work; they must, sub-path or not."""
    deployment = deploy(base)
    url = deployment.url + missing
    response = fetch(url)
    assert response.status == 404
    assert response.body == (deployment.site / served).read_bytes()
    document = lxml.html.document_fromstring(response.body)
    if lang is not None:
        assert (document.get("lang"), document.get("dir")) == (lang, direction)
    # Each language says the page was not found (the root 404 showed the root page's language choice).
    said = [
        yaml.safe_load((REPO / "content" / "strings" / f"{code}.yml").read_text(encoding="utf-8"))["not_found_title"]
        for code in ([lang] if lang else ["ar", "en"])
    ]
    assert all(text in document.xpath("//title")[0].text_content() for text in said)
    assert [heading.text_content() for heading in document.xpath("//main//h1 | //main//h2")][: len(said)] == said
    stylesheets = [urljoin(url, href) for href in document.xpath('//link[@rel="stylesheet"]/@href')]
    links = {urljoin(url, href) for href in document.xpath("//a/@href") if not href.startswith("#")}
    assert stylesheets
    assert {deployment.url + home for home in homes} <= links
    statuses = {target: fetch(target).status for target in [*stylesheets, *links]}
    assert set(statuses.values()) == {200}, statuses
    assert crawl(deployment, {url: 404}).problems == []


@BASES
def test_the_hosts_cache_rules_keep_news_and_the_search_index_fresh(
    deploy: Callable[[str], Deployment], base: str
) -> None:
    """As the README's nginx example serves it: content-named assets kept a year, everything else revalidated on
    each visit. Without a rule, a browser kept the search index's `shards.json` and `meta.json` (named the same
    from build to build) by its own guess, and searched an index of explainers since removed (an outside
    tester's finding). Under a sub-path, its address without the final slash redirects to it."""
    deployment = deploy(base)
    stylesheet = next(path for path in (deployment.site / "assets").iterdir() if path.suffix == ".css")
    assert "immutable" in fetch(f"{deployment.url}assets/{stylesheet.name}").headers["cache-control"]
    index = sorted((deployment.site / "search-index").rglob("*.json"))
    assert index, "the build made no search index"
    for path in [*index[:3], deployment.site / "en" / "index.html"]:
        response = fetch(deployment.url + path.relative_to(deployment.site).as_posix())
        assert (response.status, response.headers.get("cache-control")) == (200, "no-cache"), path
    if base != "/":
        response = fetch(deployment.url.rstrip("/"))
        assert (response.status, urlsplit(response.headers["location"]).path) == (301, base)
    # Pictures and maps are named by their content too (an outside tester's were revalidated on every visit).
    pictures = sorted((deployment.site / "media").iterdir())
    assert pictures
    for path in pictures:
        assert re.search(r"\.[0-9a-f]{10}\.", path.name), f"{path.name} is not named by its content"
        response = fetch(f"{deployment.url}media/{path.name}")
        assert (response.status, response.headers.get("cache-control")) == (200, CACHED_A_YEAR), path.name
    assert (deployment.site / "_headers").read_text().split("/media/*\n", 1)[
        1
    ].strip() == f"Cache-Control: {CACHED_A_YEAR}"


@BASES
def test_the_host_compresses_text_and_leaves_the_rest_of_the_domain_alone(
    deploy: Callable[[str], Deployment], base: str
) -> None:
    """The README's rules, pasted into a newsroom's server, made the explainers' 404 page and `no-cache` the
    whole domain's, and compressed HTML alone (an outside tester's): they are the sub-path's own now."""
    deployment = deploy(base)
    # Every kind of text file, the feeds and sitemap too (nginx calls .xml text/xml: they went uncompressed,
    # an outside tester's); the pictures and fonts are compressed already.
    texts = {"search-index/search-engine.js", "en/feed.xml", "sitemap.xml", "en/index.html", "robots.txt"}
    texts |= {path.relative_to(deployment.site).as_posix() for path in (deployment.site / "assets").glob("*.css")}
    for name in sorted(texts):
        text = fetch(f"{deployment.url}{name}", {"Accept-Encoding": "gzip"})
        assert (text.status, text.headers.get("content-encoding"), name) == (200, "gzip", name)
        assert gzip.decompress(text.body) == (deployment.site / name).read_bytes()
        assert text.headers.get("vary") == "Accept-Encoding", name  # a CDN keeps a copy for each (an outside tester's)
    # UTF-8 said: a feed is text/xml to nginx, which without a charset is US-ASCII (an outside tester's feed reader
    # flagged the Arabic feed as mis-encoded).
    for name in ("ar/feed.xml", "en/feed.xml", "sitemap.xml", "ar/index.html", "robots.txt"):
        assert "charset=utf-8" in fetch(f"{deployment.url}{name}").content_type.replace(" ", "").lower(), name
    # nginx's own redirect to a folder's final slash names no host and port (behind a proxy: the port it listens on).
    explainer = next(path.parent for path in (deployment.site / "en").glob("*/index.html"))
    moved = fetch(f"{deployment.url}{explainer.relative_to(deployment.site).as_posix()}", {"Host": "news.example"})
    assert moved.status == 301 and moved.headers["location"].startswith("/"), moved.headers
    folder = fetch(f"{deployment.url}media/")  # no page there: nginx's own 403 before
    assert folder.status == 404 and folder.body == (deployment.site / "404.html").read_bytes()
    assert folder.headers.get("cache-control") == "no-cache"  # (an error's answer had none: a CDN's rule kept it)
    for name in ("_headers", "_redirects"):  # other hosts' rules, not the public's (an outside tester's)
        assert (deployment.site / name).is_file() and fetch(f"{deployment.url}{name}").status == 404, name
    if base != "/":
        elsewhere = fetch(f"{deployment.origin}/sport/some-page")
        assert elsewhere.status == 404 and "cache-control" not in elsewhere.headers
        assert b"404.html" not in elsewhere.body and (deployment.site / "404.html").read_bytes() != elsewhere.body


def test_the_readmes_nginx_rules_are_the_ones_the_tests_serve_with() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```nginx\n{nginx_locations('/srv/site', '/explainers/', ['ar', 'en'])}```" in readme


# --- GitHub Pages ------------------------------------------------------------------------------------------------


def tree(folder: Path, ignore: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under `folder` by relative path, leaving out the top-level names in `ignore`."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] not in ignore
    }


def git_env() -> dict[str, str]:
    """Git without the machine's or user's configuration (signing, hooks, default branch)."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *arguments: str) -> str:
    return run(cwd, "git", *arguments, env=git_env())


def published_repository(project: Project, tmp_path: Path) -> Path:
    """The project as a git repository with a bare `origin`, published there once with `mkdocs gh-deploy`."""
    git(project.root, "init", "--initial-branch", "main")
    git(project.root, "config", "user.name", "Test Editor")
    git(project.root, "config", "user.email", "editor@example.org")
    git(project.root, "add", "--all")
    git(project.root, "commit", "--message", "Explainers")
    remote = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", str(remote))
    git(project.root, "remote", "add", "origin", str(remote))
    run(project.root, sys.executable, "-m", "mkdocs", "gh-deploy", "--force", env=git_env())
    return remote


def test_gh_deploy_publishes_exactly_the_built_site(project: Project, tmp_path: Path) -> None:
    """`mkdocs gh-deploy` pushes to gh-pages the very bytes `python -m generator build` makes, plus .nojekyll."""
    remote = published_repository(project, tmp_path)

    published = tmp_path / "published"
    git(tmp_path, "clone", "--branch", "gh-pages", str(remote), str(published))
    pages = tree(published, ignore=(".git",))
    assert f"ar/{SEED_SLUG}/index.html" in pages
    assert pages.pop(".nojekyll", None) is not None, "GitHub Pages needs .nojekyll to serve every file as is"
    source_commit = git(project.root, "rev-parse", "--short", "HEAD")
    assert git(published, "log", "-1", "--format=%s").startswith(f"Deployed {source_commit} ")
    assert pages == tree(project.site)
    generator_build(project.root, tmp_path / "direct")
    assert pages == tree(tmp_path / "direct")


def test_gh_deploy_from_a_fresh_clone_knows_what_the_branch_publishes(project: Project, tmp_path: Path) -> None:
    """A fresh clone has no site folder and no build cache, which tell a build what it published: an outside
    tester's `gh-deploy` from one, its explainers gone, pushed a site without them. The gh-pages branch, as the
    clone knows it, tells: the deploy stops, and warns of an address a changed slug would break."""
    remote = published_repository(project, tmp_path)
    git(project.root, "push", "origin", "main")
    fresh = tmp_path / "fresh"
    git(tmp_path, "clone", "--branch", "main", str(remote), str(fresh))
    published = git(fresh, "rev-parse", "origin/gh-pages")
    seed = fresh / "content" / "explainers" / f"{SEED_SLUG}.yml"
    text = seed.read_text(encoding="utf-8")
    seed.unlink()
    deploy = [sys.executable, "-m", "mkdocs", "gh-deploy", "--force"]
    refused = subprocess.run(deploy, cwd=fresh, env=git_env(), capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "has no explainers, and building would remove the 2 pages the gh-pages branch publishes" in refused.stderr
    assert git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages") == published
    # The explainer back under a new slug, its old one not listed: published, with a warning that says so.
    seed.write_text(text.replace(f"slug: {SEED_SLUG}", "slug: kim-putin-summit-2023", 1), encoding="utf-8")
    moved = subprocess.run(deploy, cwd=fresh, env=git_env(), capture_output=True, text=True)
    assert moved.returncode == 0, moved.stderr
    assert f"no explainer file makes the page published at /ar/{SEED_SLUG}/ and /en/{SEED_SLUG}/ now" in moved.stderr
    assert "former_slugs" in moved.stderr


def test_gh_deploy_from_a_clone_that_has_not_fetched_builds_on_what_another_published(
    project: Project, tmp_path: Path
) -> None:
    """Two clones publish in turn, neither fetching by hand: the second's gh-deploy fetches the branch first and
    commits on top of the first's publication (git refused its push, and MkDocs ended in a traceback); a push the
    remote refuses all the same (its hook) ends in git's reasons and one line, exit 1, no traceback."""
    remote = published_repository(project, tmp_path)
    git(project.root, "push", "origin", "main")
    other = tmp_path / "other"
    git(tmp_path, "clone", "--branch", "main", str(remote), str(other))
    for clone in (project.root, other):
        git(clone, "config", "user.name", "Test Editor")
        git(clone, "config", "user.email", "editor@example.org")
    deploy = [sys.executable, "-m", "mkdocs", "gh-deploy"]
    run(project.root, *deploy, env=git_env())  # published again since `other` was cloned
    first = git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages")
    assert git(other, "rev-parse", "origin/gh-pages") != first

    published = subprocess.run(deploy, cwd=other, env=git_env(), capture_output=True, text=True)
    assert published.returncode == 0, published.stderr
    assert git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages^") == first

    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'publishing is closed' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    refused = subprocess.run(deploy, cwd=other, env=git_env(), capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert "publishing is closed" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1] == (
        "Error: `git push origin gh-pages` was refused (git says why above): the site was built and committed to "
        "the local branch but not published."
    )


def test_gh_deploy_from_a_checkout_behind_what_is_published_is_refused(project: Project, tmp_path: Path) -> None:
    """A producer's clean clone two commits behind put a picture taken down for its rights back on the site,
    and an edit back as it was, without a word (an outside tester's): the branch's last publication names the
    commit it was built from, and a checkout whose history lacks it is refused and told to pull (a warning
    published all the same: a second tester's), unless the project says to publish it (`publish_behind`)."""
    remote = published_repository(project, tmp_path)
    git(project.root, "push", "origin", "main")
    behind = tmp_path / "behind"
    git(tmp_path, "clone", "--branch", "main", str(remote), str(behind))
    for clone in (project.root, behind):
        as_editor(clone)
    seed = project.explainers / f"{SEED_SLUG}.yml"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Kim Jong Un's visit", "Kim's visit", 1), "utf-8")
    git(project.root, "commit", "--all", "--message", "A corrected headline")
    git(project.root, "push", "origin", "main")
    run(project.root, sys.executable, "-m", "mkdocs", "gh-deploy", env=git_env())
    published = git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages")
    built_from = git(project.root, "rev-parse", "--short", "HEAD")

    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy"], cwd=behind, env=git_env(), capture_output=True, text=True
    )
    assert plain.returncode == 1 and "Traceback" not in plain.stderr, plain.stderr
    assert f"The gh-pages branch was published from commit {built_from}, which this checkout's history" in plain.stderr
    assert "`publish_behind: true`" in plain.stderr
    assert git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages") == published
    settings = behind / "mkdocs.yml"
    kept = settings.read_text(encoding="utf-8")
    assert "  - bilingual-explainers\n" in kept
    behind_allowed = kept.replace(
        "  - bilingual-explainers\n", "  - bilingual-explainers:\n      publish_behind: true\n"
    )
    settings.write_text(behind_allowed, encoding="utf-8")
    deploy = [sys.executable, "-m", "mkdocs", "gh-deploy"]
    meant = subprocess.run(deploy, cwd=behind, env=git_env(), capture_output=True, text=True)  # an older site, meant
    assert meant.returncode == 0 and "this checkout's history does not hold" in meant.stderr, meant.stderr
    assert git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages") != published
    settings.write_text(kept, encoding="utf-8")
    run(project.root, sys.executable, "-m", "mkdocs", "gh-deploy", env=git_env())  # the newer site, again
    git(behind, "pull", "--quiet", "origin", "main")  # pulled: published as it should be, without a word of it
    pulled = strict_deploy(behind)
    assert pulled.returncode == 0 and "this checkout's history" not in pulled.stderr, pulled.stderr
    # a CI clone of one commit cannot tell, and says so without stopping (an independent reviewer's)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", "--branch", "main", f"file://{remote}", str(shallow))
    as_editor(shallow)
    git(project.root, "commit", "--allow-empty", "--message", "Published from a commit the shallow clone lacks")
    git(project.root, "push", "origin", "main")
    run(project.root, sys.executable, "-m", "mkdocs", "gh-deploy", env=git_env())
    told = strict_deploy(shallow)
    assert told.returncode == 0 and "the clone is shallow" in told.stderr, told.stderr


def as_editor(clone: Path) -> None:
    git(clone, "config", "user.name", "Test Editor")
    git(clone, "config", "user.email", "editor@example.org")


def strict_deploy(clone: Path) -> subprocess.CompletedProcess[str]:
    deploy = [sys.executable, "-m", "mkdocs", "gh-deploy", "--strict"]
    return subprocess.run(deploy, cwd=clone, env=git_env(), capture_output=True, text=True)


def without_french(project: Path) -> None:
    """A newsroom drops French: out of site.yml (its language and topic names), its strings and every explainer."""
    settings = project / "content" / "site.yml"
    text = re.sub(r"  fr:\n(?:    .*\n)+", "", settings.read_text(encoding="utf-8"))
    settings.write_text(re.sub(r", fr: [^}]*\}", "}", text), encoding="utf-8")
    (project / "content" / "strings" / "fr.yml").unlink()

    def stripped(value: object) -> object:
        if isinstance(value, dict):
            return {key: stripped(item) for key, item in value.items() if key != "fr"}
        return [stripped(item) for item in value] if isinstance(value, list) else value

    for explainer in (project / "content" / "explainers").glob("*.yml"):
        data = stripped(load(explainer).data)
        explainer.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_gh_deploy_warns_before_a_language_taken_out_takes_its_pages_down(tmp_path: Path) -> None:
    """French taken out of site.yml: `check` said all clear, and `gh-deploy` from a fresh clone took every French
    page down without a word, as it compared only the languages site.yml still has (an outside tester's). It
    warns, once for the language and at site.yml's `languages:` (`--strict`: it stops), and so does `check`."""
    project = example_copy(tmp_path / "work")
    remote = published_repository(Project(project), tmp_path)
    git(project, "push", "origin", "main")
    fresh = tmp_path / "clone" / "examples" / "trilingual"  # its mkdocs.yml names ../../templates
    git(tmp_path, "clone", "--branch", "main", str(remote), str(fresh))
    (tmp_path / "clone" / "templates").symlink_to(REPO / "templates")
    as_editor(fresh)
    without_french(fresh)
    published = git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages")
    said = "`fr` is no longer a language of the site: after the next build, the 1 explainer page published under /fr/"
    strict = strict_deploy(fresh)
    assert strict.returncode == 1 and f"WARNING -  {said}" in strict.stderr, strict.stderr
    assert git(tmp_path, "--git-dir", str(remote), "rev-parse", "gh-pages") == published
    checked = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout  # (the published folder: `check` in the checkout that built it)
    without_french(project)
    checked = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True)
    assert f"site.yml:18:1: languages: {said}" in checked.stdout and "/fr/kim" not in checked.stdout, checked.stdout
