// The search index's shards, searched as one index: what Pagefind UI loads as `pagefind.js` (generator/search.py
// writes this file at the top of the index; generator/search_shards.py makes the shards it reads).
//
// Pagefind's own mergeIndex is not enough, for two reasons this file exists to fix:
//
// 1. Which pages match. Pagefind matches a query term with every index word that starts with it; only when
//    an index has none does it fall back to the longest index word the term starts with. In one index the
//    term's words exist somewhere, so nothing falls back; a shard that lacks them falls back on its own and
//    answers with weak unrelated pages. So each term is first searched alone in every shard, and each
//    shard's matched words (Pagefind's playground output names them) say whether it has words that start
//    with the term, or which shorter word it fell back to. The site as a whole decides, as one index would:
//    if any shard has words that start with the term, only those shards count for it; if none does, only
//    the shards holding the longest fallback word of them all. The query's results are those of the shards
//    that count for every term: exactly the pages one index would return.
// 2. How they rank. Pagefind scores a page with BM25 from its index's page count, average page length and
//    the number of pages matching each term; a shard's figures are not the site's. The playground output
//    gives, for each result, the term frequency, length bonus and page length behind its score, so the
//    score is computed again with the site's figures (shards.json has each language's pages and words;
//    the matching pages per term are the sum over the shards that count). With Pagefind's formula and the
//    ranking weights below, given to every shard, the order is that of one index (tests/test_search_shards.py
//    compares them query by query). The diacritic bonus is off (diacriticSimilarity 0): Arabic queries are
//    searched without tashkeel (search.html), so it only ever demoted pages that write them.
//
// Pagefind's worker runs the shards: one instance per shard, each in playground mode, driven through the
// worker's messages (the instance API has no playground switch). Pagefind is pinned (pyproject.toml).
const root = new URL(".", import.meta.url);
export const RANKING = {
  termSimilarity: 1.0,
  pageLength: 0.75,
  termSaturation: 1.4,
  termFrequency: 1.0,
  diacriticSimilarity: 0.0,
  metaWeights: { title: 5.0 },
};
let settings = {};
let worker = null;
let loading = null;
let next = 0;
const pending = new Map();

const call = (instance, method, args) =>
  new Promise((resolve, reject) => {
    const id = `merge_${next++}`;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, instanceId: instance, method, args });
  });

const load = () => {
  loading ??= (async () => {
    const language = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    const manifest = await (await fetch(new URL("shards.json", root))).json();
    const site = manifest.languages[language] ?? { pages: 0, words: 0, shards: [] };
    worker = new Worker(new URL("pagefind-worker.js", root));
    worker.addEventListener("message", ({ data }) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if (data.error) waiting.reject(new Error(data.error));
      else waiting.resolve(data.result);
    });
    const start = async (name) => {
      const instance = `shard_${name}`;
      const basePath = new URL(`${name}/`, root).pathname;
      await call(instance, "init", [{ basePath, language, primary: true }]);
      await call(instance, "options", [{ ...settings, ranking: RANKING }]);
      await call(instance, "enterPlaygroundMode", []); // waits for the instance to be ready
      return { name, instance, ...manifest.shards[name] };
    };
    // Every instance is a primary, and a primary loads the WebAssembly, which the worker keeps once: the
    // first is started alone, so the others find it loaded rather than each replacing the module (and the
    // memory earlier instances point into) while it loads.
    const first = site.shards.length ? [await start(site.shards[0])] : [];
    const shards = [...first, ...(await Promise.all(site.shards.slice(1).map(start)))];
    return { shards, pages: site.pages, words: site.words };
  })();
  return loading;
};

// Pagefind's inverse document frequency and term frequency (pagefind_web/src/search.rs).
export const idf = (pages, matching) => Math.log((pages - matching + 0.5) / (matching + 0.5) + 1);
export const termFrequency = (weighted, length, average) => {
  const k1 = RANKING.termSaturation;
  const b = RANKING.pageLength;
  const bm25 = ((k1 + 1) * weighted) / (k1 * (1 - b + (b * length) / average) + weighted);
  const raw = Math.min(weighted / (average / 5), k1 + 1);
  return (1 - RANKING.termFrequency) * raw + RANKING.termFrequency * bm25;
};

// A result's score from its parts, with the figures given: `stats.pages`, `stats.average`, `stats.matching`
// (pages matching each term) and `stats.termOf(word, last)` (which term a matched word belongs to: a word
// that extends two terms counts for the first in the text's score, for the last in a title's, as in search.rs).
export const score = (result, stats) => {
  const idfs = stats.matching.map((count) => idf(stats.pages, count));
  let total = 0;
  for (const part of result.scores ?? []) {
    const weighted = part.params.weighted_term_frequency * part.params.length_bonus;
    const frequency = termFrequency(weighted, result.params.document_length, stats.average);
    total += idfs[stats.termOf(part.search_term)] * frequency;
  }
  const queryIdf = idfs.reduce((sum, value) => sum + value, 0);
  for (const field of result.verbose_meta_scores ?? []) {
    const matched = field.matched_terms.reduce((sum, word) => sum + idfs[stats.termOf(word, true)], 0);
    if (queryIdf > 0) total += field.field_weight * matched * (matched / queryIdf) ** 2;
  }
  return total;
};

// What a term matched in a shard searched for it alone: words that start with it, or the word it fell back to.
const matchedWords = (response, stem) => {
  const words = new Set(response.results.flatMap((result) => (result.scores ?? []).map((part) => part.search_term)));
  const extended = [...words].some((word) => word.startsWith(stem));
  const fallback = extended ? "" : [...words].sort((a, b) => b.length - a.length)[0] ?? "";
  return { extended, fallback, matching: response.unfilteredResultCount };
};

export const options = async (given) => {
  settings = { ...settings, ...given };
  if (loading) {
    const { shards } = await loading;
    await Promise.all(shards.map((shard) => call(shard.instance, "options", [{ ...settings, ranking: RANKING }])));
  }
};
export const init = async () => {
  await load();
};
export const destroy = async () => {
  worker?.terminate();
  worker = null;
  loading = null;
};
export const filters = async () => ({});
export const preload = async (term, given = {}) => {
  const { shards } = await load();
  await Promise.all(shards.map((shard) => call(shard.instance, "preload", [term, given])));
};
export const mergeIndex = async () => {
  throw new Error("this index merges its own shards; mergeIndex is not supported");
};

// The whole search, with each result's `explain`: its shard, Pagefind's own score and the site's.
export const explain = async (term, given = {}) => {
  const site = await load();
  const start = Date.now();
  const ask = (shard, query) => call(shard.instance, "search", [query, given]);
  const whole = await Promise.all(site.shards.map((shard) => ask(shard, term)));
  if (/^\s*".+"\s*$/.test(term)) {
    // A quoted phrase is matched word for word, with no prefixes and no BM25 (search.rs, exact_term): the
    // shards' own scores are those of one index.
    const results = site.shards.flatMap((shard, i) =>
      whole[i].results.map((result) => ({
        id: result.id,
        score: result.score,
        words: result.words,
        data: async () => call(shard.instance, "getData", [result.data]),
        explain: { shard: shard.name, pagefind: result.score, local: result.score },
      })),
    );
    results.sort((a, b) => b.score - a.score);
    return { results, unfilteredResultCount: results.length, filters: {}, totalFilters: {}, timings: {}, terms: [] };
  }
  const stems = whole.find((response) => response?.search_keywords)?.search_keywords ?? [];
  const words = term.split(/\s+/).filter(Boolean);
  const alone =
    stems.length === 1
      ? [whole]
      : await Promise.all(words.map((word) => Promise.all(site.shards.map((shard) => ask(shard, word)))));
  // Each stem, with the searches of the word it came from (a word Pagefind drops has no stem).
  const byStem = new Map();
  for (const responses of alone) {
    const stem = responses.find((response) => response?.search_keywords)?.search_keywords?.[0];
    if (stem !== undefined && !byStem.has(stem)) byStem.set(stem, responses);
  }
  const terms = stems.map((stem) => {
    const found = (byStem.get(stem) ?? []).map((response) => matchedWords(response, stem));
    const extended = found.some((shard) => shard.extended);
    const fallback = found.map((shard) => shard.fallback).sort((a, b) => b.length - a.length)[0] ?? "";
    const counts = found.map((shard) => shard.extended || (!extended && fallback && shard.fallback === fallback));
    const matching = found.reduce((sum, shard, i) => sum + (counts[i] ? shard.matching : 0), 0);
    return { stem, extended, fallback, counts, matching, found };
  });
  const termOf = (word, last = false) => {
    const matches = (t) => (t.extended ? word.startsWith(t.stem) : word === t.fallback);
    const index = last ? terms.findLastIndex(matches) : terms.findIndex(matches);
    return index < 0 ? 0 : index;
  };
  const stats = { pages: site.pages, average: site.words / Math.max(site.pages, 1), matching: terms.map((t) => t.matching), termOf };
  const results = [];
  site.shards.forEach((shard, i) => {
    if (!whole[i] || !terms.length || !terms.every((t) => t.counts[i])) return;
    for (const result of whole[i].results) {
      const dataId = result.data;
      results.push({
        id: result.id,
        score: result.scores ? score(result, stats) : result.score,
        words: result.words,
        data: async () => call(shard.instance, "getData", [dataId]),
        explain: { shard: shard.name, pagefind: result.score, local: result.params ? localScore(result, terms, i, termOf) : null },
      });
    }
  });
  results.sort((a, b) => b.score - a.score);
  const total = Date.now() - start;
  return { results, unfilteredResultCount: results.length, filters: {}, totalFilters: {}, timings: { total }, terms };
};

// The score the shard's own figures give (a check that `score` is Pagefind's formula: tests compare it).
const localScore = (result, terms, shard, termOf) => {
  const matching = terms.map((t) => t.found[shard].matching);
  return score(result, { pages: result.params.total_pages, average: result.params.average_page_length, matching, termOf });
};

export const search = async (term, given = {}) => {
  const found = await explain(term, given);
  return {
    ...found,
    results: found.results.map(({ id, score: value, words, data }) => ({ id, score: value, words, data })),
  };
};
let latest = 0;
export const debouncedSearch = async (term, given = {}, wait = 300) => {
  const mine = ++latest;
  await new Promise((resolve) => setTimeout(resolve, wait));
  return mine === latest ? search(term, given) : null;
};
