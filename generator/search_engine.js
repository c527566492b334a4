// The search page's engine, published as search-index/search-engine.js: a query's results, ranked, from the
// site's own static index (written by generator/search_index.py and search_shards.py), fetching only the files
// the query needs, and the pages of the results shown. docs/search-index.md is the contract: the files, the
// terms and the ranking. search.js (generator/search_client.js) is the page that asks it and shows the answers.
// Loaded (defer) after search-rules.js, search-stem.js, search-words.js (generator/search_words.js: a text's
// words and terms, as the index reads them, and a page's text: search_page_text.js), so the query's words
// become the index's terms.
"use strict";

(() => {
  // The words, terms and query of search-words.js; without them nothing is found.
  const { searchWords, searchTerms, searchQuery, searchRunsApart, searchArticleless, searchDistance } = window;
  const { searchPageText: pageText, searchScore, searchEndings: ENDINGS, searchVariant } = window; // (search_ranking.js,
  // search_variants.js)
  const OTHER_KEY = 0.8; // what a match by a query word's other keys (queryKeys: without a clitic, an ending) weighs
  const ONE_LETTER = /^\p{L}$/u; // a query word of one letter (a digit alone is a number: `5` must be there)
  const FETCHES = 24; // pages fetched at a time
  // A query word no page has is read as the nearest the index has: one typo forgiven from TYPO_FROM letters,
  // two from TWO_TYPOS_FROM (`Shoygu`; `Vladivastock`), reading the chunks of its first letter, or of its first
  // two where the first's are more than MOST_CHUNKS files (a large archive's common letter).
  const TYPO_FROM = 5, TWO_TYPOS_FROM = 8, MOST_CHUNKS = 64, ALIKE = 3;

  // The engine of the index in the folder `base` (a URL) for the pages in `lang`, whose addresses are relative
  // to the site's root `site`: `search(query, folder)`, `settle(answer, end)`, `forget()`, `matches(word, keys)`,
  // `joinedHits(text, keys)` and `phraseAt(words, i, phrase)`.
  window.searchIndex = (base, site, lang) => {
    // Excerpts and phrases need the terms of every word of a page; words recur, so each is worked out once.
    const remembered = new Map();
    const termsOf = (word) => remembered.get(word) ?? remembered.set(word, searchTerms(word, lang)).get(word);
    // A query word's key ([key, whole]: queryKeys) matches the terms that start with it, or only itself if it is
    // to match whole or is a number (`30` is not `300`, `6.8` not `6.85`).
    const NUMBER = /^[0-9]+(?:\.[0-9]+)?$/;
    const fits = (term, [key, whole, only]) =>
      (only ? only.has(term) : whole || NUMBER.test(key) ? term === key : term.startsWith(key));
    const matches = (word, keys) => termsOf(word).some((term) => keys.some((key) => fits(term, key)));

    // --- The index's files: each fetched once, one that failed again later. A publish replaces them under an
    // open page (chunks are named by their content), so a search that fails forgets them all (`forget`) and
    // tries once more, its entry files (shards.json, meta.json) fetched whole from the server: not revalidated
    // (`no-cache`), since a publish in the same second as the last keeps their date, and a server's answer
    // "not modified" (Python's http.server, nginx's ETag of time and size) kept the old list of chunks. ---
    // And an index read more than STALE_MS ago is read afresh before a search: a small site's index is one
    // chunk, which an open page, having it all, held for good, and went on answering from after a publish (an
    // outside tester's: a new explainer not found, one taken down still listed). Its chunks, named by their
    // content, come from the browser's cache.
    const STALE_MS = 60_000, files = new Map();
    let revalidate = false, readAt = 0;
    const forget = () => { files.clear(); revalidate = true; };
    const fresh = () => {
      if (Date.now() - readAt <= STALE_MS) return;
      if (readAt) forget();
      readAt = Date.now();
    };
    const getJSON = (path, folder, entry = false) => {
      const url = new URL(path, folder).href;
      if (!files.has(url)) {
        const asked = fetch(url, entry && revalidate ? { cache: "reload" } : {});
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
      // A start of two letters that pages have as a word is that word, or it with an ending Arabic joins to a noun
      // (`دمه`, `دماء`, `أمها`): `دم` found every دمار and دمشق (an outside tester's). `only`: what it fits and marks.
      if (key[1] || key[0].length > 2 || !found.has(key[0])) return found;
      key[2] = new Set([...found.keys()].filter((term) => ENDINGS.test(term.slice(key[0].length))));
      return new Map([...found].filter(([term]) => key[2].has(term)));
    };

    // --- Spelling: a word no page has (searchDistance: how far a term is from it). ---
    // The keys the index has nearest to `key`, a key no page has: terms (for a key that matches whole) or starts
    // of terms, with the key's first letter, each as near as the nearest, up to ALIKE of them, those on the most
    // pages first, then in order: `Zelenskiy` is `Zelensky` and `Zelenskyy`, where two pages spell it each way
    // (one alone found only one: an outside tester's); an Arabic name's other spelling first (search_variants.js),
    // with another letter for a foreign g at its start too. None for a number or a word with digits (`COP29` is
    // not `COP28`), nor one shorter than TYPO_FROM but an Arabic name's other spelling from four letters.
    const nearest = async (index, [key, whole]) => {
      const short = key.length < TYPO_FROM; // (an Arabic name of four letters: its other spellings alone)
      if ((short && (key.length < 4 || !ARABIC_LETTER.test(key))) || /\p{N}/u.test(key)) return [];
      const most = key.length >= TWO_TYPOS_FROM ? 2 : 1;
      const files = (start) => index.shards.map((shard) => chunksFor(shard.meta.chunks, start));
      const wide = files(key[0]).flat().length > MOST_CHUNKS ? 2 : 1;
      const near = new Map(); // a candidate → [its distance, pages]
      const look = (start, typos) => Promise.all(files(start).map(async (names, s) => { // (typos: of `key` too)
        const shard = index.shards[s];
        const chunks = await Promise.all(names.map((file) => getJSON(`${shard.name}/${file}`, index.folder)));
        for (const [term, postings] of chunks.flatMap(Object.entries)) {
          if (!term.startsWith(start)) continue;
          const found = searchVariant(key, term) ? [[term, 0.5]] : []; // a whole word: `سلام` is no start of `سلمان`
          const starts = () => new Set([-1, 0, 1].map((more) => term.slice(0, key.length + more)));
          const candidates = !typos || short ? [] : whole ? [term] : starts();
          for (const candidate of candidates) found.push([candidate, searchDistance(key, candidate, most)]);
          for (const [candidate, apart] of found.filter(([, apart]) => apart <= most)) {
            const [known, pages] = near.get(candidate) ?? [apart, 0];
            near.set(candidate, [Math.min(known, apart), pages + postings.length / 2]);
          }
        }
      }));
      const others = searchVariant.firsts(key).map((other) => look(other.slice(0, wide), false));
      await Promise.all([look(key.slice(0, wide), true), ...others]);
      const order = ([a, [d, n]], [b, [e, m]]) => d - e || m - n || (a < b ? -1 : 1);
      const ranked = [...near].sort(order), nearest = ranked[0]?.[1][0];
      return ranked.filter(([, [apart]]) => apart === nearest).slice(0, ALIKE).map(([term]) => [term, whole]);
    };

    // The starts of the words of each run of `text` the index joins (searchRunsApart) whose joined word a key matches
    // and no word alone does: a result marks the `cease-fire` or `عبد الله` that `ceasefire` or `عبدالله` found.
    const joinedHits = (text, keys) => {
      const starts = new Set();
      for (const { joined, words } of searchRunsApart(text)) {
        if (!matches(joined, keys) || words.some(([, word]) => matches(word, keys))) continue;
        words.forEach(([start]) => starts.add(start));
      }
      return starts;
    };

    // Whether a word is in another script than the language's (Arabic letters on English pages, or none on
    // Arabic ones): of a query mixing the scripts, which no page of this language may have as typed.
    const ARABIC_LETTER = new RegExp(`[${window.searchRules?.script ?? ""}]`, "u");
    let arabicPages = false;
    try { arabicPages = new Intl.Locale(lang).maximize().script === "Arab"; } catch { /* not a language tag */ }
    const foreign = (word) => ARABIC_LETTER.test(word) !== arabicPages;

    // A word no page has (`found`: its keys' terms): a joined one searched as its words apart, one in capitals as
    // its plain term, any other read as the nearest key the index has (`nearest`), or else, if in the other
    // script (`foreign`), left out; added to `asked` with its `spelt`, that key or null. A word of the page's
    // script with nothing near stays: the query finds nothing (`كرة القدم` is not `القدم`, an outside tester's).
    // Before all that, an Arabic word typed halfway after its article is a start without it (`الزل`: `زل`).
    // The words searched, each with its keys' terms: [[word, found], …].
    const respell = async (index, word, found, asked) => {
      if (ONE_LETTER.test(word.keys[0][0]) || found.some((terms) => terms.size)) return [[word, found]];
      if (word.parts) {
        const each = await Promise.all(word.parts.map((part) => Promise.all(part.keys.map((k) => lookUp(index, k)))));
        return (await Promise.all(word.parts.map((part, p) => respell(index, part, each[p], asked)))).flat();
      }
      const bare = searchArticleless(word.said); // an Arabic word typed halfway after its article: the words it
      if (bare) { // starts, not those letters alone (`الان` found every `أن` and `إن`, a retester's)
        const key = [bare, false], terms = await lookUp(index, key);
        const longer = new Map([...terms].filter(([term]) => term.length > bare.length));
        if (longer.size) return [[{ ...word, keys: [key] }, [longer]]];
      }
      const parts = word.said.length >= 6 && await searchVariant.apart(word.said, lang, (key) => lookUp(index, key));
      if (parts) { // (two words the pages have, written as one: `worldcup`)
        asked.push({ said: word.said, spelt: parts.map((part) => part.said).join(" "), keys: [] });
        return respell(index, { ...word, parts }, found, asked);
      }
      const near = await nearest(index, word.keys[0]);
      if (!near.length && !foreign(word.said)) return [[word, found]];
      word.spelt = near.length ? near[0][0] : null;
      asked.push(word);
      if (!near.length) return [];
      word.keys = near; // the first as a key typed, the others as other keys (OTHER_KEY)
      return [[word, await Promise.all(near.map((key) => lookUp(index, key)))]];
    };

    // One query word's score on each page that has it: the best of its keys', any after the first weighing less.
    const scoreWord = (index, keys, found) => {
      const best = new Map();
      keys.forEach((key, k) => {
        for (const [id, score] of searchScore(index, key, found[k])) {
          const weighed = k ? score * OTHER_KEY : score;
          if (!(best.get(id) >= weighed)) best.set(id, weighed);
        }
      });
      return best;
    };

    // --- A result's page: its title and text, read as the index read it (search-words.js, searchPageText). ---
    // A page the site no longer has (404 or 410: taken down since the index was written, a preview's index a
    // moment behind a deleted file, an upload not yet done) is null, a result left out: it failed the whole
    // search, "could not be read", for every query that would list it (an outside tester's).
    const GONE = new Set([404, 410]);
    const read = (index, { shard, page }) => {
      const url = index.shards[shard].meta.pages[page][0];
      const address = new URL(url, site).href;
      if (!files.has(address)) {
        const answer = fetch(address)
          .then((r) => (r.ok || GONE.has(r.status) ? r : Promise.reject(new Error(`${r.status} ${address}`))))
          .then((r) => (r.ok ? r.text().then((html) => pageText(html, url)) : null));
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

    // A phrase (its words' keys) stands at word `i` of `words` when its keys match the terms of the words from
    // there, in order; it stands in a text when it stands at one of its words.
    const phraseAt = (words, i, phrase) =>
      i + phrase.length <= words.length && phrase.every((keys, j) => matches(words[i + j], keys));
    const hasPhrase = (text, phrase) => searchWords(text).some((_, i, words) => phraseAt(words, i, phrase));

    // The pages with every query word and phrase, best first: {index, keys, phrases, results: [{shard, page,
    // score}], asked, partial}: `keys` and `phrases` what a result marks, `asked` the query's words no page has,
    // each {said, spelt, keys} (respell: spelt null, left out), `partial` when no page has every word and the
    // results have the most of them (searchCombine; a word of one letter, the م of `٢٠٢٣م`, takes no page away).
    const search = async (query, folder = base) => {
      fresh();
      const index = await load(folder);
      const typed = searchQuery(query, lang), asked = [];
      const looked = await Promise.all(typed.words.map(({ keys }) => Promise.all(keys.map((k) => lookUp(index, k)))));
      const joins = await searchVariant.joined(typed.words, lang, (key) => lookUp(index, key)); // (search_variants.js)
      const alone = (w) => looked[w].some((terms) => terms.size);
      joins.forEach(([i, j, whole, terms]) => [i, j].filter((w) => !alone(w)).forEach((w) => {
        [typed.words[w], looked[w]] = [{ ...typed.words[w], keys: [whole] }, [terms]];
      }));
      const searched = await Promise.all(typed.words.map((word, w) => respell(index, word, looked[w], asked)));
      const each = [...new Map(searched.flat().map((pair) => [JSON.stringify(pair[0].keys), pair])).values()]; // once
      const words = each.map(([word]) => word), found = each.map(([, terms]) => terms);
      // A phrase with a word left out is left out: no page has it.
      const phrases = typed.phrases.filter((phrase) => phrase.every(({ spelt }) => spelt !== null));
      const scored = words.map(({ keys }, w) => scoreWord(index, keys, found[w]));
      for (const [i, j, whole, terms] of joins) {
        const pair = [words.indexOf(typed.words[i]), words.indexOf(typed.words[j])].filter((w) => w >= 0);
        for (const [id, score] of searchScore(index, whole, terms)) {
          pair.forEach((w) => { if (!(scored[w].get(id) >= score)) scored[w].set(id, score); });
        }
      }
      const letter = words.map(({ keys: [[key]] }) => ONE_LETTER.test(key));
      if (letter.every(Boolean) && asked.length) return { index, keys: [], phrases: [], results: [], asked }; // none
      const { scores, partial } = window.searchCombine(scored, letter); // (search_ranking.js)
      let results = [...scores].map(([id, score]) => {
        const [shard, page] = id.split(" ").map(Number);
        return { shard, page, score, url: index.shards[shard].meta.pages[page][0] };
      });
      if (phrases.length) {
        const texts = await pages(index, results);
        const each = phrases.map((phrase) => phrase.map(({ keys }) => keys));
        const read = (i) => [texts[i].text, texts[i].date?.text ?? ""]; // its date is searched too (search_index.DATE)
        results = results.filter((_, i) => texts[i] && each.every((phrase) => read(i).some((t) => hasPhrase(t, phrase))));
      }
      // Best first; equal scores newest first (a language's shards, and each one's pages, are in date order,
      // search_shards.py: an archive's tied results ran from 2015 to 2025, an outside tester's), then by address.
      const newer = (a, b) => b.shard - a.shard || b.page - a.page;
      results.sort((a, b) => b.score - a.score || newer(a, b) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      // What a result marks: a word typed outside quotes wherever it stands, a phrase's words where it stands.
      const inPhrase = new Set(phrases.flat());
      const keys = words.filter((word) => word.loose || !inPhrase.has(word)).flatMap((word) => word.keys);
      return { index, keys, phrases: phrases.map((phrase) => phrase.map((word) => word.keys)), results, asked, partial };
    };

    // The first `end` results, each with its page read; those whose page is gone leave the answer's results.
    const settle = async (answer, end) => {
      for (;;) {
        const shown = answer.results.slice(0, end);
        const texts = await pages(answer.index, shown);
        shown.forEach((result, i) => { result.read = texts[i]; });
        if (texts.every(Boolean)) return shown;
        answer.results = answer.results.filter((result) => result.read !== null);
      }
    };

    return { search, settle, forget, matches, joinedHits, phraseAt };
  };
})();
