// Other spellings of an Arabic name, published in search-index/search-engine.js (generator/search.py) before the
// engine (generator/search_engine.js), which reads a word no page has as the nearest the index has. It forgives
// any one typo from five letters only, as too many short words are a letter apart, and `ترمب`, `بوتن` and `يانج`
// found nothing where pages wrote `ترامب`, `بوتين` and `يانغ` (an outside tester's archive): a name is spelt so by
// the newsrooms that transliterate it, a long vowel left out, or another letter for a foreign g. Those
// spellings are read from four letters on, as whole words, and before any other word one typo away (`بيونج` is
// `بيونغ`, not the `بيونت` of BioNTech); not from three, where they read common words as others (`صلح` as `صلاح`,
// `بنج` as `بنك`: a retester's). Defines window.searchVariant.
"use strict";

window.searchVariant = (() => {
  const VOWEL = /^[اوي]$/u, G = /^[جغقك]$/u;
  const letters = (word) => word.replace(/[اوي]/gu, "").length; // (of the word's other letters)
  // Whether the index's `term` is the typed `key` spelt another of those ways: one letter of the foreign g for
  // another, or the key with one long vowel more, three other letters at least (`بيت` is not `بات`). Not one
  // less: a name of four letters less its vowel is a common root's word (`صابر` read `الصبر`, `طارق` `طرقا`,
  // `فيصل` `الفصل`, `باحث` `البحث`: a second retester's), where readers leave a name's vowel out (`ترمب`).
  const variant = (key, term) => {
    if (key.length === term.length) {
      const apart = [...key].flatMap((letter, i) => (letter === term[i] ? [] : [i]));
      return apart.length === 1 && G.test(key[apart[0]]) && G.test(term[apart[0]]);
    }
    if (term.length - key.length !== 1 || letters(key) < 3) return false;
    return [...term].some((letter, i) => VOWEL.test(letter) && term.slice(0, i) + term.slice(i + 1) === key);
  };
  // The key with another letter for a foreign g at its start (`كطر`: `قطر`, `جيفن`: `غيفن`), where the engine
  // looks for those other spellings too: it reads the index's words by their first letter.
  variant.firsts = (key) => (G.test(key[0]) ? [..."جغقك"].filter((g) => g !== key[0]).map((g) => g + key.slice(1)) : []);
  // Two words of the query typed apart that a page writes as one (`heat wave`, `Heatwave`; `COP 28`, `COP28`): each
  // pair of `typed` (in order) whose joined word the index has (`lookUp` by a key, matched whole), as [first,
  // second, key, terms]; a word of one letter joins none. The engine scores both words there as the joined one,
  // and searches a word no page has alone as it (`heat wave` put "a new wave of infections" first, and said no
  // page had both; `after shocks` read `after shopk`: an outside tester's archive and its retester's).
  variant.joined = async (typed, lang, lookUp) => (await Promise.all(typed.slice(1).map(async (second, i) => {
    const first = typed[i], [key] = window.queryKeys(first.said + second.said, lang);
    if (!key || [first, second].some(({ keys }) => /^\p{L}$/u.test(keys[0][0]))) return null;
    const whole = [key[0], true], found = await lookUp(whole);
    return found.size ? [i, i + 1, whole, found] : null;
  }))).filter(Boolean);
  // And the other way: a word no page has that is two the pages have, written as one (`worldcup`, `deathtoll`,
  // `بيونغيانغ` found nothing: a retester's): the two, of three letters or more each and whole words of the index,
  // the cut nearest the middle first, as the query's words ({said, keys}); or null.
  variant.apart = async (said, lang, lookUp) => {
    const chars = [...said], middle = chars.length / 2;
    const cuts = chars.map((_, i) => i).filter((i) => i >= 3 && chars.length - i >= 3);
    for (const cut of cuts.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))) {
      const parts = [chars.slice(0, cut).join(""), chars.slice(cut).join("")]
        .map((part) => ({ said: part, keys: window.queryKeys(part, lang).slice(0, 1).map(([key]) => [key, true]) }));
      if (!parts.every(({ keys }) => keys.length)) continue;
      if ((await Promise.all(parts.map(({ keys }) => lookUp(keys[0])))).every((terms) => terms.size)) return parts;
    }
    return null;
  };
  return variant;
})();
