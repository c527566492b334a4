// How the scores of a query's words on the pages make the pages' scores, published at the start of
// search-index/search-engine.js (generator/search.py): a page needs every word, or, where no page has every word,
// the pages with the most of them are the answer, said so (a pasted headline or a question found nothing, for
// one word no page has: an outside tester's). Defines window.searchCombine, which search-engine.js
// (generator/search_engine.js) uses; docs/search-index.md, Searching, says the same.
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
