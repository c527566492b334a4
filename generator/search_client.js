// The search page's script, published as search-index/search.js: it asks the search engine (search-engine.js,
// generator/search_engine.js) as the reader types and shows its answers. docs/search-index.md is the contract:
// the markup and behaviour. Loaded (defer) after search-rules.js (window.searchRules: generator/search_spelling.py
// RULES), search-stem.js (window.searchStem: the Snowball English stemmer), search-words.js (generator/
// search_words.js: a text's words and a page's text, as the index reads them) and search-engine.js.
"use strict";

(() => {
  const { searchWordPattern: WORD, searchPageText: pageText, searchIndex } = window;
  const STEP = 5, EXCERPT_WORDS = 30, PAUSE_MS = 150, FROM_FILE = location.protocol === "file:";

  // --- The page. ---
  const block = document.getElementById("search");
  const [input, status, list, more] = [".search-query", ".search-status", ".search-results", ".search-more"]
    .map((selector) => block?.querySelector(selector));
  if (!input || !status || !list || !more) return; // not the search page's markup: nothing to do
  const lang = document.documentElement.lang || "en";
  const base = new URL(block.dataset.index ?? "", location.href); // the index folder
  const site = new URL(block.dataset.site ?? "", location.href); // the site's root: works under a sub-path
  let strings = {};
  try { strings = JSON.parse(block.dataset.strings); } catch { /* no strings: a blank status line */ }
  const { fill, counted, languageOf } = window.searchStatus(strings);
  window.searchSpellings = strings.spellings ?? []; // site.yml's search_spellings (search-words.js, asWord)
  [block.hidden, block.dataset.state] = [false, "idle"];
  // Without the engine (search-engine.js did not load) every search fails, and says so.
  const missing = async () => { throw new Error("search-engine.js or search-words.js did not load"); };
  const { search, settle, forget, matches, joinedHits, phraseAt } = searchIndex && pageText
    ? searchIndex(base, site, lang) : { search: missing, settle: missing, forget: () => {}, matches: () => false,
      joinedHits: () => new Set(), phraseAt: () => false };
  // The words of a text that a query's `keys` match, alone or in a run the index joins, or that stand in one of
  // its `phrases` (each a list of keys: “Good Friday Agreement” marked every `goods`), each {start, end, hit}.
  const matched = (text, { keys, phrases }) => {
    const joined = joinedHits(text, keys);
    const found = [...text.matchAll(WORD)];
    const words = found.map((m) => ({ start: m.index, end: m.index + m[0].length,
      hit: joined.has(m.index) || matches(m[0], keys) }));
    const texts = found.map(([word]) => word);
    for (const phrase of phrases) {
      texts.forEach((_, i) => {
        if (phraseAt(texts, i, phrase)) words.slice(i, i + phrase.length).forEach((word) => { word.hit = true; });
      });
    }
    return words;
  };

  // For tests and tools: a query's every result, in order, over this page's index or `folder`'s; a page's text.
  window.searchEngine = {
    search: async (query, folder = base) => {
      const results = await settle(await search(query, new URL(folder, location.href)), Infinity);
      return results.map(({ url, read: { title }, score }) => ({ url, title, score }));
    },
    pageText,
  };

  // --- Rendering: DOM nodes and textContent, never markup made of the page's text or the reader's. ---
  const element = (tag, className, ...children) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children); // a string becomes a text node, never markup
    return node;
  };
  // text[from, to) as nodes, each character inside its page's isolates, rebuilt as <bdi dir lang> elements
  // (pageText), the `marked` [start, end) ranges in <mark> (split where an isolate begins or ends).
  const isolated = (text, isolates, from, to, marked = []) => {
    const open = [{ owner: null, node: document.createDocumentFragment() }];
    for (let at = from, m = 0, end; at < to; at = end) {
      while (m < marked.length && marked[m][1] <= at) m++;
      const inMark = m < marked.length && marked[m][0] <= at, owner = isolates[at];
      const limit = Math.min(to, inMark ? marked[m][1] : marked[m]?.[0] ?? to);
      for (end = at + 1; end < limit && isolates[end] === owner;) end++;
      const chain = [];
      for (let outer = owner; outer; outer = outer.outer) chain.unshift(outer);
      let depth = 0; // the isolates open now that this run stands in too
      while (depth < chain.length && open[depth + 1]?.owner === chain[depth]) depth++;
      open.length = depth + 1;
      for (const inner of chain.slice(depth)) {
        const bdi = element("bdi", "");
        bdi.dir = inner.dir;
        if (inner.lang) bdi.lang = inner.lang;
        open.at(-1).node.append(bdi);
        open.push({ owner: inner, node: bdi });
      }
      const piece = text.slice(at, end);
      open.at(-1).node.append(inMark ? element("mark", "", piece) : piece);
    }
    return open[0].node;
  };

  // About EXCERPT_WORDS words around the text's densest stretch of matching words, those words marked; past the
  // headline the text opens with (`after`), which the result's link shows.
  const excerpt = ({ text, isolates, after, separator }, sought) => {
    const words = matched(text, sought).filter((w) => w.start >= after);
    let first = 0;
    for (let i = 0, count = 0, most = -1; i < words.length; i++) {
      count += words[i].hit - (i >= EXCERPT_WORDS ? words[i - EXCERPT_WORDS].hit : 0);
      if (count > most) [most, first] = [count, Math.max(0, i - EXCERPT_WORDS + 1)];
    }
    // The stretch so found ends at a match: move it to centre its matches, keeping them all.
    const hits = words.slice(first, first + EXCERPT_WORDS).flatMap((w, i) => (w.hit ? [first + i] : []));
    if (hits.length) {
      const centred = Math.round((hits[0] + hits.at(-1)) / 2) - EXCERPT_WORDS / 2;
      const latest = Math.min(hits[0], Math.max(0, words.length - EXCERPT_WORDS));
      first = Math.min(latest, Math.max(0, hits.at(-1) - EXCERPT_WORDS + 1, centred));
    }
    let last = Math.min(words.length, first + EXCERPT_WORDS); // one past
    // Whole tokens: a number or an address its words split (`050-123-4567`, `$11.7bn`) is never cut, which
    // began an excerpt `-4567`, a negative number (an outside tester's).
    const apart = (i) => /\s/.test(text.slice(words[i - 1].end, words[i].start));
    while (first > 0 && !apart(first)) first--;
    while (last < words.length && !apart(last)) last++;
    // Cut at spaces, so punctuation stays with its word, but never into a word left out.
    const opening = after && words.length ? Math.max(after, text.lastIndexOf(" ", words[0].start) + 1) : after;
    const from = first === 0 ? opening : Math.max(words[first - 1].end, text.lastIndexOf(" ", words[first].start) + 1);
    const space = last < words.length ? text.indexOf(" ", words[last - 1].end) : -1;
    const to = last === words.length ? text.length : Math.min(words[last].start, space < 0 ? text.length : space);
    const marked = words.slice(first, last).filter((w) => w.hit).map((w) => [w.start, w.end]);
    const cut = last < words.length && !/[.!?؟۔…]$/u.test(text.slice(from, to).trimEnd()); // ("Pyongyang.…": a tester's)
    return [...(first > 0 ? [`…${context(text, isolates.text, from, separator)}`] : []),
      isolated(text, isolates.text, from, to, marked), ...(cut ? ["…"] : [])];
  };

  // A mark of the direction of a cut paragraph's last letter before the cut (outside its isolates): a number the
  // cut left first reads as on the page (after an Arabic word `(2-1)` is two then one from the right, and was the
  // other way round: an outside tester's). None where the page's own direction reads the same.
  const RIGHT_TO_LEFT = document.documentElement.dir === "rtl";
  const context = (text, isolates, from, separator) => {
    const start = separator ? text.lastIndexOf(separator, from) + 1 : 0;
    for (let at = from - 1; at >= start; at--) {
      if (isolates[at] !== null || !/\p{L}/u.test(text[at])) continue;
      if (/[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(text[at])) return "\u061c";
      const hebrew = /\p{Script=Hebrew}/u.test(text[at]);
      return hebrew === RIGHT_TO_LEFT ? "" : hebrew ? "\u200f" : "\u200e";
    }
    return "";
  };

  // The words of a text that match, as [start, end) ranges, marked in titles as in excerpts (a tester's wish).
  const marks = (text, sought) => matched(text, sought).filter((w) => w.hit).map((w) => [w.start, w.end]);

  const item = (result, sought) => {
    const { title, isolates, date } = result.read;
    const shown = isolated(title, isolates.title, 0, title.length, marks(title, sought));
    const link = element("a", "search-result-link", shown);
    link.href = new URL(result.url, site).href;
    const text = element("p", "search-result-excerpt", ...excerpt(result.read, sought));
    const time = date && Object.assign(element("time", "search-result-date", date.text), date.datetime && { dateTime: date.datetime });
    return element("li", "search-result", link, ...(time ? [time] : []), text); // dated: ranked by words, not days
  };

  // --- Behaviour: a pause in typing starts a search; a newer query makes an older one's answer moot. ---
  let generation = 0, timer; // the newest query's number, and the pause it waits for
  let current = null; // the answer on show, with how many of its results are shown: {index, keys, results, shown}

  // The block's state and status line, and its results (an answer, or none); `query` is the query answered.
  const show = (state, message, query, answer = null) => {
    block.dataset.state = state;
    if (query === undefined) delete block.dataset.query; else block.dataset.query = query;
    status.replaceChildren(...message);
    if (state === "searching") return; // the last answer stays until the next one comes
    current = answer;
    list.replaceChildren(...(answer ? answer.results.slice(0, answer.shown).map((r) => item(r, answer)) : []));
    more.hidden = !answer || answer.shown >= answer.results.length;
  };

  // The query's answer with its first results read. One that fails (a publish replaced the index under the
  // open page: a chunk its old meta.json names is gone) reads the index again and searches once more.
  const answered = async (words, again = true, count = STEP) => {
    try {
      const answer = await search(words);
      answer.shown = (await settle(answer, count)).length;
      return answer;
    } catch (error) {
      if (!again) throw error;
      console.warn("search: reading the index again", error);
      forget();
      return answered(words, false, count);
    }
  };

  // The query in the page's address (`?q=`), replaced, not added to the history: Back to the results, a
  // reload and a shared link search it again. Some browsers refuse it from file://: the search still works.
  // The language switch carries it too: "Read in English" from a search opened the other search empty.
  const switches = [...document.querySelectorAll("a.language-switch")];
  const asking = (href, query) => {
    const address = new URL(href, location.href);
    if (query.trim()) address.searchParams.set("q", query); else address.searchParams.delete("q");
    return address;
  };
  // ... unless the reader wrote it in this page's language and the other page's is written in another script:
  // "Read in English" after `بوتين` opened an English search that found nothing (an outside tester's).
  const script = (code) => { try { return new Intl.Locale(code).maximize().script; } catch { return code; } };
  const carried = (link, query) => languageOf(query) !== lang || script(link.hreflang) === script(lang);
  const remember = (query) => {
    switches.forEach((link) => { link.href = asking(link.href, carried(link, query) ? query : "").href; });
    const address = asking(location.href, query);
    if (address.href === location.href) return;
    try { history.replaceState({ ...history.state, shown: STEP }, "", address); } catch { /* the address stays */ }
  };

  // The query as it was searched, for the status line: a word no page has as the index spells it (as the first
  // result writes it, the shortest way, the most often of equals: `Shoigu` for `Shoygu`, not `Shoigu's`), or left out
  // (`Kim كيم` on the English pages is `Kim`).
  const asSearched = (query, { asked, results: [first] }) => {
    if (!asked.length || !first) return query;
    const written = (keys) => {
      const counts = new Map();
      for (const [word] of `${first.read.title} ${first.read.text}`.matchAll(WORD)) {
        if (matches(word, keys)) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
      return [...counts].sort(([a, m], [b, n]) => a.length - b.length || n - m)[0]?.[0];
    };
    const spelt = new Map(asked.map(({ said, spelt, keys }) => [said, spelt === null ? "" : written(keys) ?? spelt]));
    return query.replace(WORD, (word) => spelt.get(word) ?? word).replace(/\s+/g, " ").trim();
  };
  // ... in the status line of results, whose string puts it in quotes: a query that is one phrase in quotes
  // without its own (`“"Red Sea"”` showed both). Where nothing is found it keeps them: a phrase is the reason
  // more often than its words, and without them `"Sea Red"` read as `Sea Red`, which finds (an outside tester's).
  const unquoted = (query) => query.match(/^["“«]([^"“”«»]*)["”»]$/)?.[1] ?? query;

  const run = async (query, mine) => {
    const words = query.trim();
    remember(query);
    show("searching", fill(strings.searching, 0, words), block.dataset.query);
    try {
      const answer = await answered(words, true, Math.max(STEP, history.state?.shown ?? 0)); // (showMore's)
      if (mine !== generation) return;
      answer.asked = answer.results.length ? unquoted(asSearched(words, answer)) : words;
      show("done", said(answer), query, answer);
    } catch (error) {
      if (mine !== generation) return;
      console.error("search: the index could not be read", error);
      // Never "no results": it would mislead. Opened as a file, no reload helps: the browser keeps the index out.
      const failed = FROM_FILE ? strings.fromFile : strings.failed;
      show("failed", fill(failed, 0, words), query);
    }
  };

  // The status line of an answer: how many results, for the query as searched. Said again when "More results"
  // leaves out a page that is gone (its count had included it: an independent reviewer's).
  // A query in another site language that finds nothing here links to that language's search (it said "try fewer
  // or shorter words" of `بوتين` on the English pages).
  const said = (answer) => {
    const count = answer.results.length, other = languageOf(answer.asked);
    const there = !count && other && other !== lang && strings.elsewhere
      && switches.find((link) => link.hreflang === other);
    if (!there) return fill(count ? counted(count, answer.partial) : strings.none, count, answer.asked);
    const link = element("a", "", strings.languages_named?.[other] ?? other);
    link.href = asking(there.href, answer.asked).href;
    link.hreflang = other;
    return fill(strings.elsewhere, 0, unquoted(answer.asked), link);
  };
  // An empty box's status: opened as a file, that search needs a web server (it waited for a query; Escape hid it).
  const resting = () => show(FROM_FILE ? "failed" : "idle", FROM_FILE ? fill(strings.fromFile, 0, "") : []);

  // An empty box, or one of figures alone, reads the page's way: `dir=auto` set it left to right on an Arabic page,
  // its caret far from its label (an outside tester's); a letter turns it that letter's way.
  const aligned = () => { input.dir = /\p{L}/u.test(input.value) ? "auto" : document.documentElement.dir || "ltr"; };
  const start = () => {
    aligned();
    clearTimeout(timer);
    const mine = ++generation; // from now on, any older query's answer is dropped
    if (!input.value.trim()) return remember(""), resting();
    timer = setTimeout(() => run(input.value, mine), PAUSE_MS);
  };

  const showMore = async () => {
    const answer = current;
    if (!answer || answer.adding) return; // one press at a time: two would add the same results twice
    answer.adding = true;
    try {
      const before = answer.results.length;
      const shown = await settle(answer, answer.shown + STEP);
      if (answer !== current) return;
      if (answer.results.length !== before) status.replaceChildren(...said(answer));
      const items = shown.slice(answer.shown).map((result) => item(result, answer));
      list.append(...items);
      answer.shown = shown.length;
      // Back from a result showed the first STEP alone, at the top: as many are shown again (an outside reader's).
      try { history.replaceState({ ...history.state, shown: answer.shown }, ""); } catch { /* the first STEP */ }
      const focused = document.activeElement === more;
      more.hidden = answer.shown >= answer.results.length;
      // The focus goes to the first new result, which a screen reader then reads: left on the button, the next Tab
      // skipped the results added above it, unsaid (an outside reader's); a hidden button took it to the top.
      if (focused && items.length) items[0].querySelector("a").focus();
    } catch (error) {
      console.warn("search: reading the index again", error);
      if (answer === current) forget(), run(block.dataset.query, ++generation); // the first results, afresh
    } finally {
      answer.adding = false;
    }
  };

  input.addEventListener("input", start);
  more.addEventListener("click", showMore);
  // A query in the address (Back from a result, a reload, a shared link), else one the browser kept.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked !== null) input.value = asked;
  if (input.value.trim()) start();
  else aligned(), resting(), input.focus({ preventScroll: true }); // a reader opens the search page to type
})();
