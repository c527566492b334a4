// The search page's script, published as search-index/search.js: it searches the site's own static index
// (written by generator/search_index.py and search_shards.py) in the browser, fetching only the files a query
// needs. docs/search-index.md is the contract: the files, the terms, the ranking, the markup and behaviour.
// Loaded (defer) after search-rules.js (window.searchRules: generator/search_spelling.py RULES) and search-stem.js
// (window.searchStem: the Snowball English stemmer), so the query's words become the index's terms.
"use strict";

(() => {
  // Without the rules (search-rules.js did not load) no word is Arabic, and searching says it found nothing.
  const rules = window.searchRules ??
    { word: "", ignore: "", letters: {}, articles: [], conjunctions: [], prepositions: [], shortest: 3 };
  // A run of letters, digits and marks, an English possessive kept with its word (search_index.words).
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][sS](?![\p{L}\p{N}\p{M}]))?/gu;
  // Digits as ASCII ones, a typographic apostrophe as the plain one: the rules' table (search_index.terms).
  const FOLDED = new Map(Object.entries(rules.folded ?? {}));
  const fold = (word) => Array.from(word, (c) => FOLDED.get(c) ?? c).join("");
  const ARABIC = new RegExp(`^[${rules.word}${rules.ignore}]+$`, "u");
  const IGNORED = new RegExp(`[${rules.ignore}]`, "gu");
  const LETTERS = new Map(Object.entries(rules.letters));
  const K1 = 1.4, B = 0.75; // BM25's constants
  const STEP = 5, EXCERPT_WORDS = 30, PAUSE_MS = 150, FETCHES = 24;

  // --- Words and terms: search_spelling.py's normalise, key and forms, to the letter. ---
  // Python's len counts code points, not UTF-16 units: "letters remain" must count the same way.
  const size = (text) => Array.from(text).length;
  const normalise = (word) => Array.from(word.replace(IGNORED, ""), (c) => LETTERS.get(c) ?? c).join("");
  const stripArticle = (word) => {
    const article = rules.articles.find((a) => word.startsWith(a) && size(word) - size(a) >= rules.shortest);
    return article ? word.slice(article.length) : word;
  };
  const searchKey = (word) => {
    let key = normalise(word);
    for (let shorter = stripArticle(key); shorter !== key; shorter = stripArticle(key)) key = shorter;
    return key;
  };
  // The clitics a page's word is also indexed without: a conjunction, a preposition, or one and then the other.
  const CLITICS = ["", ...rules.conjunctions]
    .flatMap((conjunction) => ["", ...rules.prepositions].map((preposition) => conjunction + preposition))
    .filter(Boolean);
  const searchForms = (text) => {
    const word = normalise(text);
    const clitics = CLITICS.filter((c) => word.startsWith(c) && size(word) - size(c) >= rules.shortest);
    return [...new Set([searchKey(word), ...clitics.map((c) => searchKey(word.slice(c.length)))])];
  };
  const searchWords = (text) => text.match(WORD) ?? []; // as search_index.words splits a page
  const english = (lang) => lang.toLowerCase().split("-")[0] === "en";
  // Without search-stem.js English words go unstemmed: fewer matches, but a working page.
  const stem = (word) => (window.searchStem ? window.searchStem(word) : word);
  const searchTerms = (word, lang) => {
    if (ARABIC.test(word)) return searchForms(word).sort(); // in order, as search_index.terms gives them
    // Latin, Greek and Cyrillic accents dropped once decomposed, as search_index.terms does (naïve → naive).
    const lower = fold(word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase());
    return [english(lang) ? stem(lower) : lower];
  };
  const queryKey = (word, lang) => (ARABIC.test(word) ? searchKey(word) : searchTerms(word, lang)[0]);
  Object.assign(window, { searchWords, searchKey, searchForms, searchTerms, queryKey });

  // --- The page. ---
  const block = document.getElementById("search");
  const [input, status, list, more] = [".search-query", ".search-status", ".search-results", ".search-more"]
    .map((selector) => block?.querySelector(selector));
  if (!input || !status || !list || !more) return; // not the search page's markup: nothing to do
  const lang = document.documentElement.lang || "en";
  const base = new URL(block.dataset.index ?? "", location.href); // the index folder
  const site = new URL(block.dataset.site ?? "", location.href); // the site's root: works under a sub-path
  let strings = {}, plurals = null;
  try { strings = JSON.parse(block.dataset.strings); } catch { /* no strings: a blank status line */ }
  try { plurals = new Intl.PluralRules(lang); } catch { /* a language Intl does not know: "other" */ }
  block.hidden = false;
  block.dataset.state = "idle";

  // Excerpts and phrases need the terms of every word of a page; words recur, so each is worked out once.
  const remembered = new Map();
  const termsOf = (word) => remembered.get(word) ?? remembered.set(word, searchTerms(word, lang)).get(word);
  const matches = (word, keys) => termsOf(word).some((term) => keys.some((key) => term.startsWith(key)));

  // --- The index's files: each fetched once (they never change under a page), one that failed again later. ---
  const files = new Map();
  const getJSON = (path, folder) => {
    const url = new URL(path, folder).href;
    if (!files.has(url)) {
      const answer = fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${url}`))));
      answer.catch(() => files.delete(url));
      files.set(url, answer);
    }
    return files.get(url);
  };

  // The index in `folder`: the language's shards with their meta.json, and the figures of the whole.
  const load = async (folder) => {
    if (!window.searchRules) throw new Error("search-rules.js did not load");
    const manifest = await getJSON("shards.json", folder);
    const language = manifest.languages[lang] ?? manifest.languages[lang.split("-")[0]];
    if (!language) return { folder, pages: 0, avg: 1, shards: [] };
    const metas = await Promise.all(language.shards.map((name) => getJSON(`${name}/meta.json`, folder)));
    const shards = language.shards.map((name, s) => ({ name, meta: metas[s] }));
    return { folder, pages: language.pages, avg: language.words / language.pages, shards };
  };

  // The chunks of a shard that can hold terms starting with `key` (docs: meta.json's chunks).
  const chunksFor = (chunks, key) => {
    let first = 0, last = -1;
    chunks.forEach(([term], i) => {
      if (term <= key) first = i;
      if (term < key || term.startsWith(key)) last = i;
    });
    return chunks.slice(first, last + 1).map(([, file]) => file);
  };

  // Every term of the language that starts with `key`: term → [[shard number, its postings there], …].
  const lookUp = async (index, key) => {
    const found = new Map();
    await Promise.all(index.shards.map(async (shard, s) => {
      const files = chunksFor(shard.meta.chunks, key);
      const chunks = await Promise.all(files.map((file) => getJSON(`${shard.name}/${file}`, index.folder)));
      for (const [term, postings] of chunks.flatMap(Object.entries)) {
        if (term.startsWith(key)) found.set(term, [...(found.get(term) ?? []), [s, postings]]);
      }
    }));
    return found;
  };

  // One query word's BM25 score on each page that has it ("shard page" → score): the best over its terms.
  const scoreWord = (index, key, found) => {
    const best = new Map();
    for (const [term, lists] of found) {
      const n = lists.reduce((sum, [, postings]) => sum + postings.length / 2, 0); // over all the shards
      const idf = Math.log((index.pages - n + 0.5) / (n + 0.5) + 1);
      const similarity = term === key ? 1 : key.length / term.length;
      for (const [s, postings] of lists) {
        for (let i = 0; i < postings.length; i += 2) {
          const tf = postings[i + 1], length = index.shards[s].meta.pages[postings[i]][1];
          const score = idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / index.avg))) * similarity;
          const id = `${s} ${postings[i]}`;
          if (!(best.get(id) >= score)) best.set(id, score);
        }
      }
    }
    return best;
  };

  // The query's keys (each once) and its phrases: text in quotes, "…" (or as phones type them, “…” and «…»).
  const parse = (query) => {
    const keys = [], phrases = [];
    query.replace(/[“”«»]/g, '"').split('"').forEach((part, i) => {
      // A word whose key is empty (a lone tatweel) would match every term: it is left out.
      const words = searchWords(part).map((word) => queryKey(word, lang)).filter(Boolean);
      keys.push(...words);
      if (i % 2 === 1 && words.length > 1) phrases.push(words);
    });
    return { keys: [...new Set(keys)], phrases };
  };

  // --- A result's page: its title and text, read as the index read it (search_index.read_page). ---
  // The parts marked data-search-body, each once, less what is marked data-search-ignore and what is not prose;
  // each block set apart by a space, inline markup joining what it holds to the words around it.
  const BODY = "data-search-body", IGNORE = "data-search-ignore";
  const UNREAD = new Set(["script", "style", "template", "noscript", "textarea", "svg", "math"]);
  const INLINE = new Set(("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong " +
    "sub sup time u var wbr").split(" "));
  // Python's str.split(): its whitespace, which is not JavaScript's \s (U+001C–U+001F and U+0085 are in it).
  const SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
  const plainText = (text) => text.split(SPACES).filter(Boolean).join(" ");
  const gather = (element, parts) => {
    if (UNREAD.has(element.localName) || element.hasAttribute(IGNORE)) return;
    const apart = INLINE.has(element.localName) ? "" : " ";
    parts.push(apart);
    for (const child of element.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) parts.push(child.data);
      else if (child.nodeType === Node.ELEMENT_NODE) gather(child, parts);
    }
    parts.push(apart);
    return parts;
  };
  const pageText = (html, url) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const bodies = [...page.querySelectorAll(`[${BODY}]`)]
      .filter((body) => !body.parentElement?.closest(`[${BODY}]`) && !body.closest(`[${IGNORE}]`));
    // The title: the first <h1> of the parts read, as they are read; else the page's <title>; else its address.
    const headline = bodies.map((body) => body.querySelector("h1")).find(Boolean);
    const heading = headline ? plainText((gather(headline, []) ?? []).join("")) : "";
    const title = heading || plainText(page.querySelector("title")?.textContent ?? "") || url;
    const parts = [];
    bodies.forEach((body) => gather(body, parts));
    return { url, title, text: plainText(parts.join("")) };
  };
  const read = (index, { shard, page }) => {
    const url = index.shards[shard].meta.pages[page][0];
    const address = new URL(url, site).href;
    if (!files.has(address)) {
      const answer = fetch(address)
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${address}`))))
        .then((html) => pageText(html, url));
      answer.catch(() => files.delete(address));
      files.set(address, answer);
    }
    return files.get(address);
  };
  // The pages of many results, a few requests at a time: thousands at once (a phrase of common words at
  // N = 10,000) ran the browser out of connections and the search failed.
  const pages = async (index, results) => {
    const texts = [];
    for (let i = 0; i < results.length; i += FETCHES) {
      texts.push(...await Promise.all(results.slice(i, i + FETCHES).map((result) => read(index, result))));
    }
    return texts;
  };

  // A phrase stands in a text when its keys match the terms of consecutive words, in order.
  const hasPhrase = (text, phrase) => {
    const words = searchWords(text);
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (phrase.every((key, j) => matches(words[i + j], [key]))) return true;
    }
    return false;
  };

  // The pages with every query word and phrase, best first: {index, keys, results: [{shard, page, score}]}.
  const search = async (query, folder = base) => {
    const index = await load(folder);
    const { keys, phrases } = parse(query);
    const found = await Promise.all(keys.map((key) => lookUp(index, key)));
    let scores = new Map();
    keys.forEach((key, k) => {
      const best = scoreWord(index, key, found[k]);
      const both = [...scores].filter(([id]) => best.has(id)).map(([id, score]) => [id, score + best.get(id)]);
      scores = k === 0 ? best : new Map(both);
    });
    let results = [...scores].map(([id, score]) => {
      const [shard, page] = id.split(" ").map(Number);
      return { shard, page, score, url: index.shards[shard].meta.pages[page][0] };
    });
    if (phrases.length) {
      const texts = await pages(index, results);
      results = results.filter((_, i) => phrases.every((phrase) => hasPhrase(texts[i].text, phrase)));
    }
    // Best first; equal scores by address.
    results.sort((a, b) => b.score - a.score || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    return { index, keys, results };
  };

  // The first `end` results, each with its page read.
  const settle = async ({ index, results }, end) => {
    const shown = results.slice(0, end);
    const texts = await pages(index, shown);
    shown.forEach((result, i) => { result.read = texts[i]; });
    return shown;
  };

  // For tests and tools: every result of a query, in order, over this page's index or the one in `folder`;
  // and a page's title and text as a result shows them.
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
  // A status line as nodes: the reader's words in a <bdi>, so a Latin query in an Arabic sentence (or the
  // reverse) keeps its own direction and leaves the sentence's order alone. The count's replacement is a
  // function, so a "$&" in the template stays as written.
  const fill = (template, count, query) =>
    String(template ?? "").replaceAll("{count}", () => String(count)).split("{query}")
      .flatMap((part, i) => (i ? [element("bdi", "", query), part] : [part]));
  const counted = (count) => {
    const forms = strings.results ?? {};
    return forms[plurals?.select(count) ?? "other"] ?? forms.other;
  };

  // About EXCERPT_WORDS words around the text's densest stretch of matching words, those words marked.
  const excerpt = (text, keys) => {
    const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length,
      hit: matches(m[0], keys) }));
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
    const last = Math.min(words.length, first + EXCERPT_WORDS); // one past
    // Cut at spaces, so punctuation stays with its word, but never into a word left out.
    const from = first === 0 ? 0 : Math.max(words[first - 1].end, text.lastIndexOf(" ", words[first].start) + 1);
    const space = last < words.length ? text.indexOf(" ", words[last - 1].end) : -1;
    const to = last === words.length ? text.length : Math.min(words[last].start, space < 0 ? text.length : space);
    const nodes = first > 0 ? ["…"] : [];
    let at = from;
    for (const word of words.slice(first, last).filter((w) => w.hit)) {
      nodes.push(text.slice(at, word.start), element("mark", "", text.slice(word.start, word.end)));
      at = word.end;
    }
    nodes.push(text.slice(at, to), ...(last < words.length ? ["…"] : []));
    return nodes;
  };

  const item = (result, keys) => {
    const link = element("a", "search-result-link", result.read.title);
    link.href = new URL(result.url, site).href;
    const text = element("p", "search-result-excerpt", ...excerpt(result.read.text, keys));
    return element("li", "search-result", link, text);
  };

  // --- Behaviour: a pause in typing starts a search; a newer query makes an older one's answer moot. ---
  let generation = 0, timer; // the newest query's number, and the pause it waits for
  let current = null; // the answer on show, with how many of its results are shown: {index, keys, results, shown}

  // The block's state and status line, and its results (an answer, or none); `query` is the query answered.
  const show = (state, message, query, answer = null) => {
    block.dataset.state = state;
    if (query === undefined) delete block.dataset.query;
    else block.dataset.query = query;
    status.replaceChildren(...message);
    if (state === "searching") return; // the last answer stays until the next one comes
    current = answer;
    list.replaceChildren(...(answer ? answer.results.slice(0, answer.shown).map((r) => item(r, answer.keys)) : []));
    more.hidden = !answer || answer.shown >= answer.results.length;
  };

  const run = async (query, mine) => {
    const words = query.trim();
    show("searching", fill(strings.searching, 0, words), block.dataset.query);
    try {
      const answer = await search(words);
      const count = answer.results.length;
      answer.shown = (await settle(answer, STEP)).length;
      if (mine !== generation) return;
      show("done", fill(count ? counted(count) : strings.none, count, words), query, answer);
    } catch (error) {
      if (mine !== generation) return;
      console.error("search: the index could not be read", error);
      show("done", fill(strings.none, 0, words), query); // plainly: nothing found
    }
  };

  const start = () => {
    clearTimeout(timer);
    const mine = ++generation; // from now on, any older query's answer is dropped
    if (!input.value.trim()) return show("idle", []);
    timer = setTimeout(() => run(input.value, mine), PAUSE_MS);
  };

  const showMore = async () => {
    const answer = current;
    if (!answer || answer.adding) return; // one press at a time: two would add the same results twice
    answer.adding = true;
    try {
      const shown = await settle(answer, answer.shown + STEP);
      if (answer !== current) return;
      const items = shown.slice(answer.shown).map((result) => item(result, answer.keys));
      list.append(...items);
      answer.shown = shown.length;
      const focused = document.activeElement === more;
      more.hidden = answer.shown >= answer.results.length;
      // A button that hides takes the focus with it, back to the page's top: it goes to the first new result.
      if (focused && more.hidden && items.length) items[0].querySelector("a").focus();
    } catch (error) {
      console.error("search: the index could not be read", error);
    } finally {
      answer.adding = false;
    }
  };

  input.addEventListener("input", start);
  more.addEventListener("click", showMore);
  if (input.value.trim()) start(); // a query the browser kept, as when the reader comes back to the page
})();
