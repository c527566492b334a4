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

// One query key's BM25 score on each page that has it ("shard page" → score), from `found` (term → [[shard, its
// postings], …], search-engine.js's lookUp over `index`, its shards and figures): the best over its terms, each
// weighed by how rare the key is, the pages with any of them, for its forms are one word to the reader; by its
// own rarity, a plural two pages had (`المستشفيات`) outranked sixteen headlines with the singular (an outside
// tester's archive). A term longer than the key (a start typed) weighs as much less as it is longer.
window.searchScore = (() => {
  const K1 = 1.4, B = 0.75; // BM25's constants
  return (index, [key], found) => {
    const best = new Map(), having = new Set();
    for (const [, lists] of found) {
      for (const [s, postings] of lists) for (let i = 0; i < postings.length; i += 2) having.add(`${s} ${postings[i]}`);
    }
    const idf = Math.log((index.pages - having.size + 0.5) / (having.size + 0.5) + 1);
    for (const [term, lists] of found) {
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
})();
