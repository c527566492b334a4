// Other spellings of an Arabic name, published in search-index/search-engine.js (generator/search.py) before the
// engine (generator/search_engine.js), which reads a word no page has as the nearest the index has. It forgives
// any one typo from five letters only, as too many short words are a letter apart, and `ترمب`, `بوتن` and `يانج`
// found nothing where pages wrote `ترامب`, `بوتين` and `يانغ` (an outside tester's archive): a name is spelt so by
// the newsrooms that transliterate it, a long vowel written or not, or another letter for a foreign g. Those
// spellings are read from four letters on, as whole words, and before any other word one typo away (`بيونج` is
// `بيونغ`, not the `بيونت` of BioNTech); not from three, where they read common words as others (`صلح` as `صلاح`,
// `بنج` as `بنك`: a retester's). Defines window.searchVariant.
"use strict";

window.searchVariant = (() => {
  const VOWEL = /^[اوي]$/u, G = /^[جغقك]$/u;
  const letters = (word) => word.replace(/[اوي]/gu, "").length; // (of the word's other letters)
  // Whether the index's `term` is the typed `key` spelt another of those ways: one letter of the foreign g for
  // another, or one long vowel more or less with three other letters at least (`بيت` is not `بات`).
  const variant = (key, term) => {
    if (key.length === term.length) {
      const apart = [...key].flatMap((letter, i) => (letter === term[i] ? [] : [i]));
      return apart.length === 1 && G.test(key[apart[0]]) && G.test(term[apart[0]]);
    }
    const [short, long] = key.length < term.length ? [key, term] : [term, key];
    if (long.length - short.length !== 1 || letters(short) < 3) return false;
    return [...long].some((letter, i) => VOWEL.test(letter) && long.slice(0, i) + long.slice(i + 1) === short);
  };
  // The key with another letter for a foreign g at its start (`كطر`: `قطر`, `جيفن`: `غيفن`), where the engine
  // looks for those other spellings too: it reads the index's words by their first letter.
  variant.firsts = (key) => (G.test(key[0]) ? [..."جغقك"].filter((g) => g !== key[0]).map((g) => g + key.slice(1)) : []);
  return variant;
})();
