// The search page's status line, published at the start of search-index/search.js (generator/search.py): the
// count in the page's words and digits, and the reader's query in a <bdi> with its language. Defines
// window.searchStatus, which the rest of search.js (generator/search_client.js) uses.
"use strict";

window.searchStatus = (strings) => {
  const root = document.documentElement, lang = root.lang || "en";
  let plurals = null, numbers = { format: String };
  try { plurals = new Intl.PluralRules(lang); } catch { /* a language Intl does not know: "other" */ }
  // A count in the page's digits (its <html> class, `digits-arab`): a Latin `1` stood among Urdu's ۱۲ ستمبر
  // (an outside tester's). The setting's names are CLDR's numbering systems, as Intl's.
  const digits = /\bdigits-([a-z]+)\b/.exec(root.className)?.[1] ?? "latn";
  try { numbers = new Intl.NumberFormat(lang, { numberingSystem: digits }); } catch { /* Intl lacks it: 0-9 */ }
  // The site's language of each script (`strings.languages`, [script, code]: generator/lists.py): a query's
  // language is that of its first letter's script, so a screen reader says an Arabic query on an English page
  // in its Arabic voice (the status line is read out as it changes; it was the page's: an outside tester's).
  const scripts = (strings.languages ?? []).flatMap(([script, code]) => {
    try { return [[new RegExp(`\\p{Script=${script}}`, "u"), code]]; } catch { return []; } // (no such name)
  });
  // The site's language a query is written in, by its first letter (none for figures alone).
  const languageOf = (query) => {
    const letter = /\p{L}/u.exec(query)?.[0];
    return (letter && scripts.find(([script]) => script.test(letter))?.[1]) || "";
  };
  const quoted = (query) => {
    const bdi = document.createElement("bdi"), language = languageOf(query);
    bdi.textContent = query;
    if (language) bdi.lang = language;
    return bdi;
  };
  // A status line as nodes: the reader's words in a <bdi>, so a Latin query in an Arabic sentence (or the
  // reverse) keeps its own direction and leaves the sentence's order alone. The count's replacement is a
  // function, so a "$&" in the template stays as written.
  // A query longer than SHOWN characters is shown cut, with an ellipsis: a pasted paragraph that found nothing
  // filled a dozen lines of the status (an outside tester's).
  const SHOWN = 80;
  // `{language}`, in a template that has it, is the node `language` (a link to that language's search).
  const fill = (template, count, query, language = null) => {
    const shown = [...query].length > SHOWN ? `${[...query].slice(0, SHOWN).join("").trimEnd()}…` : query;
    return String(template ?? "").replaceAll("{count}", () => numbers.format(count)).split("{query}")
      .flatMap((part, i) => (i ? [quoted(shown), part] : [part]))
      .flatMap((part) => (typeof part === "string" && language
        ? part.split("{language}").flatMap((piece, i) => (i ? [language.cloneNode(true), piece] : [piece])) : [part]));
  };
  // ... and of results that have the most of the query's words, no page having every one (`partial`).
  const counted = (count, partial = false) => {
    const forms = (partial && strings.some) || strings.results || {};
    return forms[plurals?.select(count) ?? "other"] ?? forms.other;
  };
  return { fill, counted, languageOf };
};
