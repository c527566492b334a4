// How the scores of a query's words on the pages make the pages' scores, published at the start of
// search-index/search-engine.js (generator/search.py): a page needs every word, or, where no page has every word,
// the pages with the most of them are the answer, said so (a pasted headline or a question found nothing, for
// one word no page has: an outside tester's); and a query word's score on each page. Defines window.searchCombine
// and window.searchScore, which search-engine.js (generator/search_engine.js) uses; docs/search-index.md,
// Searching, says the same.
"use strict";

// `scored`: each query word's scores, a Map of page → score; `letter`: whether each is a word of one letter, which
// adds to a page's score where it stands but takes no page away (a query of such words alone finds the pages with
// any of them). {scores, partial}: `partial` when no page has every word and the scores are of the pages with most.
window.searchCombine = (scored, letter) => {
  const needed = scored.filter((_, w) => !letter[w]);
  const add = (into, best) => best.forEach((score, id) => into.set(id, (into.get(id) ?? 0) + score));
  let scores = needed.length ? needed[0] : new Map(), partial = false;
  for (const best of needed.slice(1)) {
    scores = new Map([...scores].filter(([id]) => best.has(id)).map(([id, score]) => [id, score + best.get(id)]));
  }
  if (!scores.size && needed.length > 1) {
    const counts = new Map(), sums = new Map();
    needed.forEach((best) => { add(sums, best); best.forEach((_, id) => counts.set(id, (counts.get(id) ?? 0) + 1)); });
    const most = Math.max(0, ...counts.values());
    scores = new Map([...sums].filter(([id]) => counts.get(id) === most));
    partial = scores.size > 0;
  }
  for (const best of scored.filter((_, w) => letter[w])) {
    best.forEach((score, id) => { if (!needed.length || scores.has(id)) scores.set(id, (scores.get(id) ?? 0) + score); });
  }
  return { scores, partial };
};

// What may follow an Arabic word in its forms: none, a pronoun, a dual, plural or feminine ending, normalised.
window.searchEndings = /^(?:|ي|ك|ه|ها|هم|هما|هن|كم|كما|كن|نا|ان|ين|ون|ات|اء|اءه|اءها|اءهم|يه|يها|يهم|اه|اها|هات)$/u;

// One query key's BM25 score on each page that has it ("shard page" → score), from `found` (term → [[shard, its
// postings], …], search-engine.js's lookUp over `index`, its shards and figures): the best over its terms, each
// weighed by how rare it is; a form of the key (`searchEndings`) never rarer than the key, as one word to the
// reader: by its own rarity, a plural two pages had (`المستشفيات`) outranked sixteen headlines with the singular (an
// outside tester's archive); and the key by its own, not its forms' together: `العمرة` (read `عمر` with a pronoun's
// ه) on four pages made `عمر` common, and Omar's page came second (a third tester's). Another word the key starts
// keeps its own (`heat` finds a headline's rare `Heatwave` first, `hot` its `hottest` before sixteen hotels: a
// retester's). A form longer than the key weighs as much less as it is longer, another word the key starts by that
// squared: `عمر` put Amr's `عمرو` before Omar's page, and `war` eight "Heat warning" pages before the war's (a third
// tester's).
window.searchScore = (() => {
  const K1 = 1.4, B = 0.75; // BM25's constants
  const idf = (index, n) => Math.log((index.pages - n + 0.5) / (n + 0.5) + 1);
  return (index, [key], found) => {
    const best = new Map(), count = (lists) => lists.reduce((sum, [, postings]) => sum + postings.length / 2, 0);
    const form = (term) => term.startsWith(key) && window.searchEndings.test(term.slice(key.length));
    const forms = new Set([...found.keys()].filter(form));
    const own = found.has(key) ? count(found.get(key)) : 0;
    for (const [term, lists] of found) {
      const pages = forms.has(term) ? Math.max(count(lists), own) : count(lists);
      const similarity = term === key ? 1 : forms.has(term) ? key.length / term.length : (key.length / term.length) ** 2;
      for (const [s, postings] of lists) {
        for (let i = 0; i < postings.length; i += 2) {
          const tf = postings[i + 1], length = index.shards[s].meta.pages[postings[i]][1];
          const score = idf(index, pages) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / index.avg))) * similarity;
          const id = `${s} ${postings[i]}`;
          if (!(best.get(id) >= score)) best.set(id, score);
        }
      }
    }
    return best;
  };
})();
