// The search page's script, published as search-index/search.js: it searches the site's own static index
// (written by generator/search_index.py and search_shards.py) in the browser, fetching only the files a query
// needs. docs/search-index.md is the contract: the files, the terms, the ranking, the markup and behaviour.
// Loaded (defer) after search-rules.js (window.searchRules: generator/search_spelling.py RULES), search-stem.js
// (window.searchStem: the Snowball English stemmer) and search-words.js (generator/search_words.js: a text's
// words and terms and a page's text, as the index reads them), so the query's words become the index's terms.
"use strict";

(() => {
  // The words and terms of search-words.js (generator/search_words.js); without them nothing is found.
  const { searchWords, searchTerms, queryKeys, searchWordPattern: WORD, searchPageText: pageText } = window;
  const K1 = 1.4, B = 0.75; // BM25's constants
  const OTHER_KEY = 0.8; // what a match by a query word's other keys (queryKeys: without a clitic, an ending) weighs
  const STEP = 5, EXCERPT_WORDS = 30, PAUSE_MS = 150, FETCHES = 24;

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
  // A query word's key ([key, whole]: queryKeys) matches the terms that start with it, or only itself if it is
  // to match whole or is digits alone (`30` is not `300`).
  const fits = (term, [key, whole]) => (whole || /^[0-9]+$/.test(key) ? term === key : term.startsWith(key));
  const matches = (word, keys) => termsOf(word).some((term) => keys.some((key) => fits(term, key)));

  // --- The index's files: each fetched once, one that failed again later. A publish replaces them under an
  // open page (chunks are named by their content), so a search that fails forgets them all (`forget`) and
  // tries once more, its entry files (shards.json, meta.json) asked of the server, not of a cache. ---
  const files = new Map();
  let revalidate = false;
  const forget = () => { files.clear(); revalidate = true; };
  const getJSON = (path, folder, entry = false) => {
    const url = new URL(path, folder).href;
    if (!files.has(url)) {
      const asked = fetch(url, entry && revalidate ? { cache: "no-cache" } : {});
      const answer = asked.then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${url}`))));
      answer.catch(() => files.delete(url));
      files.set(url, answer);
    }
    return files.get(url);
  };

  // The index in `folder`: the language's shards with their meta.json, and the figures of the whole.
  const load = async (folder) => {
    if (!window.searchRules || !pageText) throw new Error("search-rules.js or search-words.js did not load");
    const manifest = await getJSON("shards.json", folder, true);
    const language = manifest.languages[lang] ?? manifest.languages[lang.split("-")[0]];
    if (!language) return { folder, pages: 0, avg: 1, shards: [] };
    const metas = await Promise.all(language.shards.map((name) => getJSON(`${name}/meta.json`, folder, true)));
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

  // Every term of the language that a key fits: term → [[shard number, its postings there], …].
  const lookUp = async (index, key) => {
    const found = new Map();
    await Promise.all(index.shards.map(async (shard, s) => {
      const files = chunksFor(shard.meta.chunks, key[0]);
      const chunks = await Promise.all(files.map((file) => getJSON(`${shard.name}/${file}`, index.folder)));
      for (const [term, postings] of chunks.flatMap(Object.entries)) {
        if (fits(term, key)) found.set(term, [...(found.get(term) ?? []), [s, postings]]);
      }
    }));
    return found;
  };

  // One key's BM25 score on each page that has it ("shard page" → score): the best over its terms.
  const scoreKey = (index, [key], found) => {
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

  // The query's words (each once), each as its keys, and its phrases: text in quotes, "…" (or as phones type
  // them, “…” and «…»). A key of one letter matches whole: the `U` and `S` of `U.S.` are not every u- and s-word.
  const parse = (query) => {
    const words = new Map(), phrases = [];
    query.replace(/[“”«»]/g, '"').split('"').forEach((part, i) => {
      // A key that is empty (a lone tatweel) would match every term: it is left out.
      const found = searchWords(part)
        .map((word) => queryKeys(word, lang).filter(([key]) => key)
          .map(([key, whole]) => [key, whole || Array.from(key).length === 1]))
        .filter((keys) => keys.length);
      found.forEach((keys) => words.set(JSON.stringify(keys), keys));
      if (i % 2 === 1 && found.length > 1) phrases.push(found);
    });
    return { words: [...words.values()], phrases };
  };

  // One query word's score on each page that has it: the best of its keys', any after the first weighing less.
  const scoreWord = (index, keys, found) => {
    const best = new Map();
    keys.forEach((key, k) => {
      for (const [id, score] of scoreKey(index, key, found[k])) {
        const weighed = k ? score * OTHER_KEY : score;
        if (!(best.get(id) >= weighed)) best.set(id, weighed);
      }
    });
    return best;
  };

  // --- A result's page: its title and text, read as the index read it (search-words.js, searchPageText). ---
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

  // A phrase stands in a text when its words' keys match the terms of consecutive words, in order.
  const hasPhrase = (text, phrase) => {
    const words = searchWords(text);
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (phrase.every((keys, j) => matches(words[i + j], keys))) return true;
    }
    return false;
  };

  // The pages with every query word and phrase, best first: {index, keys, results: [{shard, page, score}]}.
  // A word of one letter (the م of `٢٠٢٣م`, the `N` of `N. Korea`) adds to a page's score where it stands but
  // takes no page away; a query of such words alone finds the pages with any of them.
  const search = async (query, folder = base) => {
    const index = await load(folder);
    const { words, phrases } = parse(query);
    const found = await Promise.all(words.map((keys) => Promise.all(keys.map((key) => lookUp(index, key)))));
    const scored = words.map((keys, w) => scoreWord(index, keys, found[w]));
    const letter = words.map(([[key]]) => Array.from(key).length === 1);
    const needed = scored.filter((_, w) => !letter[w]);
    let scores = needed.length ? needed[0] : new Map();
    for (const best of needed.slice(1)) {
      scores = new Map([...scores].filter(([id]) => best.has(id)).map(([id, score]) => [id, score + best.get(id)]));
    }
    for (const best of scored.filter((_, w) => letter[w])) {
      for (const [id, score] of best) if (!needed.length || scores.has(id)) scores.set(id, (scores.get(id) ?? 0) + score);
    }
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
    return { index, keys: words.flat(), results };
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

  // About EXCERPT_WORDS words around the text's densest stretch of matching words, those words marked.
  const excerpt = ({ text, isolates }, keys) => {
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
    const marked = words.slice(first, last).filter((w) => w.hit).map((w) => [w.start, w.end]);
    return [...(first > 0 ? ["…"] : []), isolated(text, isolates.text, from, to, marked),
      ...(last < words.length ? ["…"] : [])];
  };

  const item = (result, keys) => {
    const { title, isolates } = result.read;
    const link = element("a", "search-result-link", isolated(title, isolates.title, 0, title.length));
    link.href = new URL(result.url, site).href;
    const text = element("p", "search-result-excerpt", ...excerpt(result.read, keys));
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

  // The query's answer with its first results read. One that fails (a publish replaced the index under the
  // open page: a chunk its old meta.json names is gone) reads the index again and searches once more.
  const answered = async (words, again = true) => {
    try {
      const answer = await search(words);
      answer.shown = (await settle(answer, STEP)).length;
      return answer;
    } catch (error) {
      if (!again) throw error;
      console.warn("search: reading the index again", error);
      forget();
      return answered(words, false);
    }
  };

  // The query in the page's address (`?q=`), replaced, not added to the history: Back to the results, a
  // reload and a shared link search it again. Some browsers refuse it from file://: the search still works.
  const remember = (query) => {
    const address = new URL(location.href);
    if (query.trim()) address.searchParams.set("q", query);
    else address.searchParams.delete("q");
    if (address.href === location.href) return;
    try { history.replaceState(history.state, "", address); } catch { /* the address stays as it was */ }
  };

  const run = async (query, mine) => {
    const words = query.trim();
    remember(query);
    show("searching", fill(strings.searching, 0, words), block.dataset.query);
    try {
      const answer = await answered(words);
      if (mine !== generation) return;
      const count = answer.results.length;
      show("done", fill(count ? counted(count) : strings.none, count, words), query, answer);
    } catch (error) {
      if (mine !== generation) return;
      console.error("search: the index could not be read", error);
      show("failed", fill(strings.failed, 0, words), query); // never "no results": it would mislead
    }
  };

  const start = () => {
    clearTimeout(timer);
    const mine = ++generation; // from now on, any older query's answer is dropped
    if (!input.value.trim()) return remember(""), show("idle", []);
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
})();
