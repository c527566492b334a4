"""The same explainers as a Hugo site and as a plain MkDocs site, for side-by-side build times.

Both get exactly the texts of the synthetic explainers (title, dek, source, takeaways, sections with
headings, paragraphs and points, voices with what each said, timeline, further sources), one page per
explainer per language (2N pages), plus the listing pages we make: per language a home page listing
every explainer newest first and a page per topic, both cut into pages of `page_size` (content/site.yml).

Hugo: multilingual mode (ar first, right to left, the default language; en second), one content
folder per language, YAML front matter holding the structured parts and the sections as the Markdown
body; minimal layouts (`_default/baseof.html`, `single.html`, `list.html`, `404.html`) that print the
same elements our templates print, rendering every text field through `markdownify` as we render
every text field as Markdown. Topics are Hugo's taxonomy, listings use Hugo's paginator. No theme, no
modules, nothing fetched over the network; RSS per language, the multilingual sitemap and robots.txt
stay on because we write feeds, a sitemap and robots.txt too.

MkDocs: the out-of-the-box setup (theme `mkdocs`, default plugins, i.e. `search`, automatic nav), docs/
with the 2N pages and the same listing pages as Markdown. That is the configuration the issue's
reference figure (about 31 s at N = 1,000) was measured with.
"""

# ruff: noqa: E501  (the Hugo layouts below are HTML, kept one element a line)
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "en")


def _table(code: str) -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "content" / "strings" / f"{code}.yml").read_text(encoding="utf-8")))


def _strings(code: str) -> dict[str, str]:
    """The language's interface strings that are plain text (what Hugo's language params can hold)."""
    return {key: value for key, value in _table(code).items() if isinstance(value, str)}


def _settings() -> tuple[dict[str, dict[str, str]], int]:
    """Topic names by id, and how many explainers a listing page holds (all of them if site.yml sets no page_size)."""
    settings = yaml.safe_load((REPO / "content" / "site.yml").read_text(encoding="utf-8"))
    topics = {topic["id"]: topic["name"] for topic in settings.get("topics", [])}
    return topics, int(settings.get("page_size", 10**6))


def _newest_first(explainers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(explainers, key=lambda item: (item["published"], item["slug"]), reverse=True)


def _voice_statements(explainer: dict[str, Any], code: str) -> dict[str, list[dict[str, str]]]:
    """What each voice said, in page order, with the anchor it came from."""
    said: dict[str, list[dict[str, str]]] = {voice["id"]: [] for voice in explainer["voices"]}
    for section in explainer["sections"]:
        for point in section.get("points", []):
            if "said_by" in point:
                said[point["said_by"]].append({"text": point["text"][code], "href": f"#{section['id']}"})
    for event in explainer["timeline"]:
        if "said_by" in event:
            said[event["said_by"]].append({"text": event["text"][code], "href": "#timeline"})
    return said


def _source(source: dict[str, Any], code: str) -> dict[str, Any]:
    data: dict[str, Any] = {"title": source["title"][code], "date": source["date"], "language": source["language"]}
    if "publisher" in source:
        data["publisher"] = source["publisher"][code]
    if "url" in source:
        data["url"] = source["url"]
    return data


def _body(explainer: dict[str, Any], code: str, heading_ids: bool) -> str:
    """The sections as Markdown: a heading, paragraphs, then the points as a list with attributions."""
    names = {voice["id"]: voice["name"][code] for voice in explainer["voices"]}
    lines: list[str] = []
    for section in explainer["sections"]:
        anchor = f" {{#{section['id']}}}" if heading_ids else ""
        lines += [f"## {section['heading'][code]}{anchor}", ""]
        for paragraph in section.get("paragraphs", []):
            lines += [paragraph[code], ""]
        for point in section.get("points", []):
            who = point.get("said_by")
            attribution = f" — *{names[who]}*" if who else ""
            lines.append(f"- {point['text'][code]}{attribution}")
        lines.append("")
    return "\n".join(lines)


# -- Hugo ------------------------------------------------------------------------------------------

HUGO_BASEOF = """<!doctype html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Params.site_title }}{{ else }}{{ .Title }} · {{ site.Params.site_title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . | markdownify | plainify }}{{ else }}{{ site.Params.site_description }}{{ end }}">
<meta name="color-scheme" content="light dark">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:locale" content="{{ .Language.Lang }}">
{{ if .IsPage }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02" }}">
<meta property="article:modified_time" content="{{ .Lastmod.Format "2006-01-02" }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#main">{{ site.Params.skip_to_content }}</a>
<header class="site-header">
  <a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Params.site_title }}</a>
  {{ range .Translations }}<a class="language-switch" href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}" rel="alternate">{{ .Site.Params.read_in_language }}</a>{{ end }}
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p><a href="{{ site.Home.RelPermalink }}">{{ site.Params.all_explainers }}</a></p></footer>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<article class="explainer">
  <header class="explainer-header">
    <h1>{{ .Title | markdownify }}</h1>
    <div class="dek">{{ .Description | markdownify }}</div>
    <p class="meta">{{ site.Params.published }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
    {{ with .Params.updated }} · {{ site.Params.updated }} <time>{{ . | time.Format ":date_long" }}</time>{{ end }}
    · {{ .ReadingTime }}</p>
    {{ with .GetTerms "topics" }}<ul class="topic-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
  </header>
  <nav class="toc"><h2 id="toc-heading">{{ site.Params.on_this_page }}</h2><ol>
    <li><a href="#takeaways">{{ site.Params.key_takeaways }}</a></li>
    {{ range .Params.toc }}<li><a href="#{{ .id }}">{{ .heading | markdownify }}</a></li>{{ end }}
    {{ with .Params.voices }}<li><a href="#voices">{{ site.Params.voices }}</a></li>{{ end }}
    {{ with .Params.timeline }}<li><a href="#timeline">{{ site.Params.timeline }}</a></li>{{ end }}
    <li><a href="#sources">{{ site.Params.sources }}</a></li>
  </ol></nav>
  <section id="takeaways"><h2 id="takeaways-heading">{{ site.Params.key_takeaways }}</h2><ul>
    {{ range .Params.takeaways }}<li>{{ .text | markdownify }}{{ with .section }} <a class="more" href="#{{ .id }}">{{ .heading | markdownify }}</a>{{ end }}</li>{{ end }}
  </ul></section>
  {{ .Content }}
  {{ with .Params.voices }}<section id="voices"><h2 id="voices-heading">{{ site.Params.voices }}</h2>
    {{ range . }}<div class="voice" id="voice-{{ .id }}"><h3>{{ .name | markdownify }}</h3>
      {{ with .description }}<p class="voice-role">{{ . | markdownify }}</p>{{ end }}
      {{ with .statements }}<ul>{{ range . }}<li><a href="{{ .href }}">{{ .text | markdownify }}</a></li>{{ end }}</ul>{{ end }}
    </div>{{ end }}
  </section>{{ end }}
  {{ with .Params.timeline }}<section id="timeline"><h2 id="timeline-heading">{{ site.Params.timeline }}</h2><ol class="timeline">
    {{ range . }}<li><time datetime="{{ .date }}">{{ .date }}</time> <span>{{ .text | markdownify }}{{ with .said_by }} <span class="attribution">— <a href="#voice-{{ .id }}">{{ .name }}</a></span>{{ end }}</span></li>{{ end }}
  </ol></section>{{ end }}
  <section id="sources"><h2 id="sources-heading">{{ site.Params.sources }}</h2><ul class="sources">
    {{ range .Params.sources }}<li>{{ if .url }}<a href="{{ .url }}" rel="noopener noreferrer">{{ .title | markdownify }}</a>{{ else }}<cite>{{ .title | markdownify }}</cite>{{ end }}
      <span class="source-details">{{ with .publisher }}{{ . | markdownify }} · {{ end }}{{ .date | time.Format ":date_long" }}</span></li>{{ end }}
  </ul></section>
</article>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
{{ if eq .Kind "taxonomy" }}
<h1>{{ site.Params.topics }}</h1>
<ul class="topics">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ else }}
{{ $pages := site.RegularPages.ByDate.Reverse }}
{{ if eq .Kind "term" }}{{ $pages = .Pages.ByDate.Reverse }}{{ end }}
{{ $pager := .Paginate $pages }}
<h1>{{ if eq .Kind "term" }}{{ .Title }}{{ else }}{{ site.Params.site_title }}{{ end }}</h1>
<p class="dek">{{ site.Params.site_description }}</p>
<p class="meta">{{ len $pages }}</p>
<ol class="explainer-list">
  {{ range $pager.Pages }}<li>
    <h2><a href="{{ .RelPermalink }}">{{ .Title | markdownify }}</a></h2>
    <p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
    <div class="dek">{{ .Description | markdownify }}</div>
  </li>{{ end }}
</ol>
<nav class="pagination">{{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">←</a>{{ end }} {{ $pager.PageNumber }} / {{ $pager.TotalPages }} {{ with $pager.Next }}<a rel="next" href="{{ .URL }}">→</a>{{ end }}</nav>
{{ end }}
{{ end }}
"""

HUGO_404 = """{{ define "main" }}
<h1>{{ site.Params.not_found_title }}</h1>
<p>{{ site.Params.not_found_body }}</p>
<p><a href="{{ site.Home.RelPermalink }}">{{ site.Params.all_explainers }}</a></p>
{{ end }}
"""


def _hugo_page(explainer: dict[str, Any], code: str) -> str:
    names = {voice["id"]: voice["name"][code] for voice in explainer["voices"]}
    headings = {section["id"]: section["heading"][code] for section in explainer["sections"]}
    said = _voice_statements(explainer, code)
    front: dict[str, Any] = {
        "title": explainer["title"][code],
        "date": explainer["published"],
        "description": explainer["dek"][code],
        "topics": explainer["topics"],
    }
    if "updated" in explainer:
        front["updated"] = explainer["updated"]
        front["lastmod"] = explainer["updated"]
    front["takeaways"] = [
        {
            "text": t["text"][code],
            **({"section": {"id": t["section"], "heading": headings[t["section"]]}} if "section" in t else {}),
        }
        for t in explainer["takeaways"]
    ]
    front["toc"] = [{"id": s["id"], "heading": s["heading"][code]} for s in explainer["sections"]]
    front["voices"] = [
        {
            "id": voice["id"],
            "name": voice["name"][code],
            **(
                {"description": " · ".join(voice[key][code] for key in ("role", "affiliation") if key in voice)}
                if "role" in voice or "affiliation" in voice
                else {}
            ),
            "statements": said[voice["id"]],
        }
        for voice in explainer["voices"]
    ]
    front["timeline"] = [
        {
            "date": event["date"],
            "text": event["text"][code],
            **({"said_by": {"id": event["said_by"], "name": names[event["said_by"]]}} if "said_by" in event else {}),
        }
        for event in explainer["timeline"]
    ]
    front["sources"] = [_source(source, code) for source in [explainer["source"], *explainer.get("sources", [])]]
    matter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10**9)
    return f"---\n{matter}---\n\n{_body(explainer, code, heading_ids=True)}"


def make_hugo(explainers: list[dict[str, Any]], folder: Path) -> None:
    """A multilingual Hugo project in `folder`: hugo.yaml, content/{ar,en}/, layouts/, static/."""
    topics, page_size = _settings()
    config = {
        "baseURL": "https://explainers.example.org/",
        "title": "Explainers",
        "defaultContentLanguage": "ar",
        "defaultContentLanguageInSubdir": True,
        # Our topic pages are Hugo's taxonomy: /ar/topics/ and /ar/topics/<id>/, paginated like the home page.
        **({"taxonomies": {"topic": "topics"}} if topics else {"disableKinds": ["taxonomy", "term"]}),
        "paginate": page_size,
        "enableRobotsTXT": True,
        "enableGitInfo": False,
        "enableEmoji": False,
        "languages": {
            code: {
                "languageName": _table(code)["language_names"][code],
                "weight": weight,
                "contentDir": f"content/{code}",
                **({"languageDirection": "rtl"} if code == "ar" else {}),
                "params": _strings(code),
            }
            for weight, code in enumerate(LANGUAGES, start=1)
        },
        "outputs": {"home": ["HTML", "RSS"], "page": ["HTML"], "taxonomy": ["HTML"], "term": ["HTML"]},
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hugo.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (folder / "layouts" / "404.html").write_text(HUGO_404, encoding="utf-8")
    (folder / "static" / "assets").mkdir(parents=True)
    shutil.copy2(REPO / "templates" / "assets" / "style.css", folder / "static" / "assets" / "style.css")
    for code in LANGUAGES:
        pages = folder / "content" / code
        pages.mkdir(parents=True)
        for explainer in explainers:
            (pages / f"{explainer['slug']}.md").write_text(_hugo_page(explainer, code), encoding="utf-8")
        for topic_id, name in topics.items():  # the term pages' titles, as site.yml names the topics
            (pages / "topics" / topic_id).mkdir(parents=True)
            (pages / "topics" / topic_id / "_index.md").write_text(
                yaml.safe_dump({"title": name[code]}, allow_unicode=True).join(["---\n", "---\n"]), encoding="utf-8"
            )


# -- MkDocs ----------------------------------------------------------------------------------------


def _mkdocs_page(explainer: dict[str, Any], code: str, strings: dict[str, str]) -> str:
    names = {voice["id"]: voice["name"][code] for voice in explainer["voices"]}
    lines = [f"# {explainer['title'][code]}", "", explainer["dek"][code], ""]
    meta = f"{strings['published']} {explainer['published'].isoformat()}"
    if "updated" in explainer:
        meta += f" · {strings['updated']} {explainer['updated'].isoformat()}"
    lines += [f"*{meta}*", "", f"## {strings['key_takeaways']}", ""]
    headings = {section["id"]: section["heading"][code] for section in explainer["sections"]}
    for takeaway in explainer["takeaways"]:
        more = f" ({headings[takeaway['section']]})" if "section" in takeaway else ""
        lines.append(f"- {takeaway['text'][code]}{more}")
    lines += ["", _body(explainer, code, heading_ids=False)]
    said = _voice_statements(explainer, code)
    if explainer["voices"]:
        lines += [f"## {strings['voices']}", ""]
        for voice in explainer["voices"]:
            lines += [f"### {voice['name'][code]}", ""]
            details = " · ".join(voice[key][code] for key in ("role", "affiliation") if key in voice)
            if details:
                lines += [details, ""]
            lines += [f"- {statement['text']}" for statement in said[voice["id"]]]
            lines.append("")
    if explainer["timeline"]:
        lines += [f"## {strings['timeline']}", ""]
        for event in explainer["timeline"]:
            who = f" — *{names[event['said_by']]}*" if "said_by" in event else ""
            lines.append(f"1. **{event['date']}** {event['text'][code]}{who}")
        lines.append("")
    lines += [f"## {strings['sources']}", ""]
    for source in [explainer["source"], *explainer.get("sources", [])]:
        data = _source(source, code)
        title = f"[{data['title']}]({data['url']})" if "url" in data else f"*{data['title']}*"
        publisher = f"{data['publisher']} · " if "publisher" in data else ""
        lines.append(f"- {title} {publisher}{data['date'].isoformat()}")
    return "\n".join(lines) + "\n"


def _mkdocs_listing(
    folder: Path, to_language: str, title: str, items: list[dict[str, Any]], code: str, page_size: int
) -> None:
    """index.md, page/2.md, …: `page_size` explainers each, newest first, linked to each other like ours.

    `to_language` is the relative path from `folder` up to docs/<code>/, where the explainers are."""
    strings = _strings(code)
    chunks = [items[i : i + page_size] for i in range(0, len(items), page_size)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        up = "" if number == 1 else "../"  # page/N.md sits one folder further down
        lines = [f"# {title}", "", strings["site_description"], "", f"*{len(items)}*", ""]
        for explainer in chunk:
            lines += [
                f"## [{explainer['title'][code]}]({up}{to_language}{explainer['slug']}.md)",
                "",
                f"*{explainer['published'].isoformat()}*",
                "",
                explainer["dek"][code],
                "",
            ]
        if number > 1:
            lines.append(f"[←]({up}{'index.md' if number == 2 else f'page/{number - 1}.md'})")
        if number < len(chunks):
            lines.append(f"[→]({up}page/{number + 1}.md)")
        path = folder / ("index.md" if number == 1 else f"page/{number}.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_mkdocs(explainers: list[dict[str, Any]], folder: Path) -> None:
    """A plain MkDocs project in `folder`: mkdocs.yml (default theme and plugins) and docs/."""
    config = {
        "site_name": "Explainers",
        "site_url": "https://explainers.example.org/",
        "docs_dir": "docs",
        "theme": {"name": "mkdocs"},
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    docs = folder / "docs"
    topics, page_size = _settings()
    newest_first = _newest_first(explainers)
    root = ["# Explainers", ""]
    for code in LANGUAGES:
        strings = _strings(code)
        (docs / code).mkdir(parents=True)
        root.append(f"- [{strings['site_title']}]({code}/index.md)")
        _mkdocs_listing(docs / code, "", strings["site_title"], newest_first, code, page_size)
        if topics:
            index = [f"# {strings.get('topics', 'Topics')}", ""]
            for topic_id, name in topics.items():
                index.append(f"- [{name[code]}]({topic_id}/index.md)")
                chosen = [item for item in newest_first if topic_id in item["topics"]]
                _mkdocs_listing(docs / code / "topics" / topic_id, "../../", name[code], chosen, code, page_size)
            (docs / code / "topics" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
        for explainer in explainers:
            (docs / code / f"{explainer['slug']}.md").write_text(
                _mkdocs_page(explainer, code, strings), encoding="utf-8"
            )
    (docs / "index.md").write_text("\n".join(root) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit("equivalents.py is a library of bench/run.py, which builds these sites: run that (--help)")
