// The search page's words and terms, published as search-index/search-words.js: a page's text split into words
// and each word made the terms it is found by, as search_terms.words and search_terms.terms make them in the
// index (search_spelling.py's normalise, key and forms, to the letter), so the reader's query meets the index's
// terms. Loaded (defer) after search-rules.js (window.searchRules: generator/search_spelling.py RULES) and
// search-stem.js (window.searchStem: the Snowball English stemmer); defines window.searchWords, searchKey,
// searchForms, searchTerms, queryKeys, searchWordPattern, searchQuery (a query's words and phrases),
// searchRunsApart, searchArticleless and searchDistance, which search.js (generator/search_client.js) and search-engine.js use.
"use strict";

(() => {
  // Without the rules (search-rules.js did not load) no word is Arabic, and searching says it found nothing.
  const rules = window.searchRules ??
    { word: "", ignore: "", letters: {}, articles: [], conjunctions: [], prepositions: [], shortest: 3 };
  // A word, as search_terms.words finds them (its _word_patterns says why): its first letter, digit or mark,
  // then by what that was, a run of Arabic letters (the rules' script) and marks, a number's groups after
  // their separators, initials joined by dots, or a run of other letters, digits and marks, letters joined by
  // an apostrophe with it (`O'Neill`, `Kim's`).
  const SCRIPT = `[${rules.script ?? ""}]`, DIGIT = "\\p{Nd}";
  const ARABIC_LETTER = `(?=\\p{L})${SCRIPT}`, OTHER = `(?:\\p{N}|(?!${SCRIPT})\\p{L}|\\p{M})`;
  const GROUPS = `(?:,${DIGIT}{3})+|(?:٬${DIGIT}{3})+|(?:\\.${DIGIT}{3}){2,}`; // search_terms._GROUPS
  // Initials joined by dots (`U.S.`) or `&` (`S&P`), each a letter or a number that is not a digit, not Arabic.
  const INITIAL = `(?:(?!${SCRIPT})[\\p{L}\\p{Nl}\\p{No}])`;
  const INITIALS = `(?<=${INITIAL})(?:(?:\\.${INITIAL}(?![\\p{L}\\p{N}\\p{M}]))+` +
    `|${INITIAL}{0,2}&${INITIAL}{1,3}(?![\\p{L}\\p{N}\\p{M}])` + // `U.S.`, and `S&P`, `AT&T`
    `|(?:\\+\\+${DIGIT}*|#)(?![+#\\p{L}\\p{N}\\p{M}]))`; // a language's name, `C++`, `C++17`, `C#`
  // A number with one decimal point or comma (`6.8`, `٦٫٨`, `4,9`; a comma before three digits groups): one word.
  const DECIMAL = `(?<=${DIGIT})${DIGIT}*(?:[.٫]|,(?!${DIGIT}{3}(?!${DIGIT})))${DIGIT}+(?!${DIGIT})(?![.٫,]${DIGIT})`;
  const APOSTROPHES = `(?:['’]${INITIAL}${OTHER}*)*`; // letters joined by an apostrophe: `O'Neill`, `Sana'a`
  // An Arabic run holds its marks, and the zero-width joiner and non-joiner (the rules' "ignore" drops them).
  const WORD = new RegExp(`[\\p{L}\\p{N}\\p{M}](?:(?<=${SCRIPT})(?<=\\p{L})(?:${ARABIC_LETTER}|\\p{M}|[\\u200c\\u200d])*` +
    `|(?<=${DIGIT})${DIGIT}{0,2}(?:${GROUPS})(?!${DIGIT})|${DECIMAL}|${INITIALS}|${OTHER}*${APOSTROPHES})` +
    `(?:['’][sS](?![\\p{L}\\p{N}\\p{M}]))?`, "gu");
  // Digits as ASCII ones, a typographic apostrophe as the plain one, a number's group separators dropped:
  // the rules' table (search_terms.terms).
  const FOLDED = new Map(Object.entries(rules.folded ?? {}));
  const fold = (word) => Array.from(word, (c) => FOLDED.get(c) ?? c).join("");
  const ARABIC = new RegExp(`^[${rules.word}${rules.ignore}]+$`, "u");
  const IGNORED = new RegExp(`[${rules.ignore}]`, "gu");
  const LETTERS = new Map(Object.entries(rules.letters));

  // --- Words and terms: search_spelling.py's normalise, key and forms, to the letter. ---
  // Python's len counts code points, not UTF-16 units: "letters remain" must count the same way.
  const size = (text) => Array.from(text).length;
  // Presentation forms (text pasted from a PDF) as the letters they show: search_spelling._as_shown.
  const PRESENTATION = new RegExp(`[${rules.presentation ?? ""}]`, "u");
  const asShown = (word) => (rules.presentation && PRESENTATION.test(word)
    ? word.normalize("NFKC").replaceAll(" ", "") : word);
  const PREPOSITION = new RegExp(rules.preposition ?? "(?!)", "u"); // على keeps its ى (`عليها` as `علىها`)
  const normalise = (word) => { // the other letters first, as search_spelling.normalise reads them
    const read = Array.from(asShown(word).replace(IGNORED, ""), (c) => (c === "ى" ? c : LETTERS.get(c) ?? c)).join("");
    const found = PREPOSITION.exec(read);
    return found ? `${found[1]}ى${read.slice(found[0].length)}` : read.replaceAll("ى", LETTERS.get("ى") ?? "ى");
  };
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
  // Each with its hamza seats read as the hamza and as the seat's letter (the rules' seats).
  const SEATS = new Map(Object.entries(rules.seats ?? {}));
  // A two-letter noun after its article (search_spelling._short_noun): with the article and without.
  const shortNoun = (word) => {
    const article = rules.articles.find((a) => word.startsWith(a)), rest = article ? word.slice(article.length) : "";
    return article && size(rest) === 2 && !(rules.not_nouns ?? []).includes(`ال${rest}`) ? [rest, `ال${rest}`] : [];
  };
  const HAMZA_FIRST = new RegExp(`^[${rules.ignore}]*[أإآ]`, "u"); // a hamza's alef is no article's (`ألحق`)
  const searchForms = (word) => {
    const text = asShown(word), article = !HAMZA_FIRST.test(text);
    const spellings = [normalise(text), normalise(Array.from(text, (c) => SEATS.get(c) ?? c).join(""))];
    return [...new Set(spellings.flatMap((word) => {
      const clitics = CLITICS.filter((c) => word.startsWith(c) && size(word) - size(c) >= rules.shortest);
      const noun = article ? shortNoun(word) : [];
      return [searchKey(word), ...clitics.map((c) => searchKey(word.slice(c.length))), ...noun];
    }))];
  };
  const searchWords = (text) => text.match(WORD) ?? []; // as search_terms.words splits a page
  const english = (lang) => lang.toLowerCase().split("-")[0] === "en";
  // Without search-stem.js English words go unstemmed: fewer matches, but a working page.
  const stem = (word) => (window.searchStem ? window.searchStem(word) : word);
  const POINTED = /^(\p{Nd}+)(?:[.٫]|,(?!\p{Nd}{3}$))(\p{Nd}+)$/u; // a decimal number: its point kept (search_terms._DECIMAL)
  // A folded word's runs of digits and of letters; what after a number makes no unit of it (search_terms._RUNS).
  const RUNS = /[0-9]+|[^0-9']+/gu, NUMBER_RUN = /^\p{Nd}+$/u, SUFFIXES = new Set(["st", "nd", "rd", "th", "s"]);
  // A word in two to four capitals, dots between them or not, possessive or not (`UN`, `U.S`, `EU's`) is also
  // indexed under the term of it without its possessive, marked, which a query in capitals asks first
  // (search_terms.capitals: `^eu` for `EU's`, whose own term is `eus`). The word without its possessive, or "".
  const CAPITALS = "^";
  const capitals = (word) => {
    const bare = word.replace(/['’][sS]$/u, "");
    return /^\p{Lu}{2,4}$/u.test(bare.replaceAll(".", "")) ? bare : "";
  };
  // A Hebrew word, and it without its first one, two or three prefix letters (ו ה ב כ ל מ ש): search_terms.py's
  // _hebrew_forms, to the letter (`בירושלים` is also `ירושלים`, `והשקל` `השקל` and `שקל`).
  const HEBREW = /^[\u05d0-\u05ea\u05f0-\u05f2]+$/u, HEBREW_PREFIXES = "והבכלמש";
  const hebrewForms = (word) => {
    const found = [word];
    for (let cut = 1; cut < 4; cut += 1) {
      const shortest = cut === 1 || (cut === 2 && word[0] === "ו") ? 3 : 4;
      if (word.length - cut < shortest || !HEBREW_PREFIXES.includes(word[cut - 1])) break;
      found.push(word.slice(cut));
    }
    return found;
  };
  // A number's term (search_terms._number): a decimal one's point kept, its fraction's last zeros dropped.
  const number = (word) => {
    const decimal = POINTED.exec(word);
    return decimal ? `${fold(decimal[1])}.${fold(decimal[2]).replace(/0+$/, "")}`.replace(/\.$/, "") : fold(word);
  };
  const searchTerms = (word, lang) => {
    if (ARABIC.test(word)) return searchForms(word).sort(); // in order, as search_terms.terms gives them
    if (HEBREW.test(word)) return hebrewForms(word);
    if (POINTED.test(word)) return [number(word)];
    if (/^[0-9]+(?:\.[0-9]+)?(?:-[0-9]+(?:\.[0-9]+)?)+$/.test(word)) return [word]; // `1.5-2`, as `chained` made it
    // Latin, Greek and Cyrillic accents dropped once decomposed, as search_terms.terms does (naïve → naive).
    const folded = fold(word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase());
    const stemmed = english(lang) ? stem : (text) => text;
    // The possessive of a word that ends in s (`hamas's`) without its `'s` in English (search_terms._S_POSSESSIVE).
    const lower = english(lang) ? folded.replace(/(?<=\p{L}s)'s$/u, "") : folded;
    // Its whole without apostrophes (`oneill`), then each run of digits or of two letters or more (search_terms).
    const runs = lower.match(RUNS) ?? [];
    const whole = stemmed(runs.length > 1 ? lower.replaceAll("'", "") : lower);
    const numbered = runs.length === 2 && NUMBER_RUN.test(runs[0]) && SUFFIXES.has(runs[1]); // `30th`, `1990s`
    const bare = capitals(word); // the term of the word without its possessive: `EU's` is `eus`, `EU` `eu`
    const marked = bare ? [CAPITALS + (bare === word ? whole : searchTerms(bare, lang)[0])] : [];
    if (runs.length < 2 || numbered) return [whole, ...marked];
    const parts = runs.filter((run) => NUMBER_RUN.test(run) || (size(run) > 1 && /^\p{L}/u.test(run)))
      .map((run) => (NUMBER_RUN.test(run) ? run : stemmed(run)));
    return [...new Set([whole, ...parts, ...marked])];
  };
  // What a query word is searched as, best first: [key, whether a page's term must be it whole (else one that
  // starts with it matches)]. Initials (`U.S.`, `S&P`) and a word of two to four capitals (`UN`, `UK`, `NATO`) are
  // typed whole: `us`, not every us-word, `uk` not Ukraine; in capitals, as written in capitals (`^un`: the engine
  // asks `un` when no page has that). An Arabic word also without a clitic, whole, and each of those without a
  // plural or feminine ending, whole and with each ending: search_spelling.query_keys, to the letter.
  const withoutSuffix = (word) => {
    const suffix = (rules.suffixes ?? []).find((s) => word.endsWith(s) && size(word) - size(s) >= rules.shortest);
    return suffix ? word.slice(0, word.length - suffix.length) : "";
  };
  const SHORT_STEM = 5;
  const queryKeys = (word, lang) => {
    const bare = capitals(word);
    if (bare) return [[CAPITALS + searchTerms(bare, lang)[0], true]];
    // A Hebrew word as typed (a start), then without its prefix letters, whole: `לירושלים` finds a page's
    // `בירושלים` (indexed as `ירושלים` too), as the index's forms find the reader's bare word.
    if (HEBREW.test(word)) return hebrewForms(word).map((form, index) => [form, index > 0]);
    if (!ARABIC.test(word)) {
      const key = searchTerms(word, lang)[0], whole = /^\D*[.&]\D*$/u.test(word);
      // Also the word as typed where the stemmer changed its letters rather than cut them: `Zelensky` is
      // `zelenski`, which missed a page's `Zelenskyy` (`zelenskyi`, an outside tester's): a word matches the
      // words that start with it. A stem cut shorter than SHORT_STEM letters matches whole, the word as typed
      // as a start: `died` is `die`, which started `diesel`, `Saied` `sai`, which started `said` and `sail`
      // (an outside tester's archive: 823 results of 861).
      const typed = english(lang) && !whole ? searchTerms(word, "und")[0] : key;
      const short = typed !== key && key.length < SHORT_STEM;
      return typed.startsWith(key) && !short ? [[key, whole]] : [[key, whole || short], [typed, false]];
    }
    const spelling = normalise(word), found = new Map([[searchKey(word), false]]);
    CLITICS.filter((c) => spelling.startsWith(c) && size(spelling) - size(c) >= rules.shortest)
      .forEach((c) => { const other = searchKey(spelling.slice(c.length)); if (!found.has(other)) found.set(other, true); });
    shortNoun(spelling).slice(1).forEach((noun) => { if (!found.has(noun)) found.set(noun, true); });
    [...found.keys()].map(withoutSuffix).filter(Boolean).forEach((stem) => {
      if (!found.has(stem)) found.set(stem, true);
      (rules.suffixes ?? []).forEach((s) => { if (!found.has(stem + s)) found.set(stem + s, false); });
    });
    return [...found];
  };

  // A word typed halfway after the article (`الزل`, on its way to `الزلزال`) as pages are indexed, without it,
  // when too few letters follow for a key to drop it (two, as `زل` is typed); else "". The engine asks it when no
  // page has the word as typed (search-engine.js, `respell`): `الزل` found nothing while `زل` and `الزلز` did.
  const searchArticleless = (word) => {
    const spelling = normalise(word);
    const article = ARABIC.test(word) && rules.articles.find((a) => spelling.startsWith(a));
    const rest = article ? size(spelling) - size(article) : 0;
    return rest >= 2 && rest < rules.shortest ? spelling.slice(article.length) : "";
  };

  // --- A query: its words, each as it is searched, and its phrases. ---
  const ONE_LETTER = /^\p{L}$/u; // a word of one letter (a digit alone is a number: `5` must be there)
  // Words a page writes apart that readers also type as one, as search_terms.joined joins them for the index:
  // words joined by hyphens (a decimal number's point inside: `1.5-degree`), and a name with الله, or of عبد and
  // one of God's names with the article (`عبد الفتاح`), apart. Outside quotes such a run is one query word, its words
  // joined (`cease-fire` finds a page's `ceasefire` as well as `cease-fire`, `نصر الله` a page's `نصرالله`),
  // and its words are searched apart when no page has it (search-engine.js, `respell`).
  // Numbers joined by hyphens or dashes (a score, `2-1`; a date; a range) are one word with their hyphens, as the
  // index has them (search_terms.joined), and nothing else: `2-1` is not `21`, nor every page with a 2 and a 1.
  const NUMBERS = "(?<![\\p{L}\\p{N}.,])\\p{Nd}+(?:[.,٫]\\p{Nd}+)?(?:[-–]\\u200e?\\p{Nd}+(?:[.,٫]\\p{Nd}+)?)+(?![\\p{L}\\p{N}])";
  const PART = "(?:\\p{Nd}[.,٫](?=\\p{Nd})|[\\p{L}\\p{N}\\p{M}])+";
  const HYPHENATED = `${PART}(?:-${PART})+`;
  const GOD = "[\\u0621-\\u065f]{2,}[ \\u00a0]الله(?![\\u0621-\\u064a])|(?<![\\u0621-\\u064a])(?:[وفبل]{1,2})?عبد[ \\u00a0]" +
    "ال(?!له(?![\\u0621-\\u064a]))[\\u0621-\\u064a]{2,}(?![\\u0621-\\u064a])"; // search_terms._GOD and _SERVANT
  const JOINED = new RegExp(`${NUMBERS}|${HYPHENATED}|${GOD}`, "gu");
  const NUMBER_CHAIN = new RegExp(`^${NUMBERS}$`, "u");
  const chained = (run) => run.split(/[-–]\u200e?/).map(number).join("-");
  // ... and a number and its unit, which the index joins too (`10 km`, `9 a.m.`): what a result marks.
  const UNIT = "\\p{Nd}+[ \\u00a0\\u202f]?°?[ \\u00a0\\u202f]?(?:(?:[A-Za-z]\\.){2}|[A-Za-z]{1,3})(?![\\p{L}\\p{N}])";
  const APART = new RegExp(`${NUMBERS}|${HYPHENATED}|${GOD}|${UNIT}`, "gu");
  // Each run of a text the index also joins: {joined, words: [[start, word], …]}, starts in the text.
  const searchRunsApart = (text) => [...text.matchAll(APART)].map((run) => ({
    joined: NUMBER_CHAIN.test(run[0]) ? chained(run[0]) : run[0].replace(/[-. \u00a0\u202f°]/g, ""),
    words: [...run[0].matchAll(WORD)].map((word) => [run.index + word.index, word[0]]),
  }));

  // A typed word as it is searched, {said, keys, parts?}; null when it has no key (a lone tatweel: an empty key
  // would match every term). A key of one letter matches whole: the `U` and `S` of `U.S.` are not every u- or
  // s-word. A word typed in capitals is searched as written in capitals (`UN` does not find Kim Jong `Un`), and
  // in any case when no page has it so (an archive that writes `Nato`): its `parts` (search-engine.js).
  // A word spelt more than one way (site.yml's search_spellings, which search.js sets as window.searchSpellings)
  // is searched under each spelling's key, whole, after its own: `بوتين` finds a page's `بوتن`.
  // Each group's keys are worked out once a language, at the first query (not for each word of every query).
  const groups = new Map();
  const spelt = (keys, lang) => {
    const own = keys[0]?.[0];
    if (!groups.has(lang)) {
      const spellings = window.searchSpellings ?? [];
      groups.set(lang, spellings.map((words) => words.map((w) => queryKeys(w, lang)[0]?.[0]).filter(Boolean)));
    }
    const others = (groups.get(lang).find((keysOf) => keysOf.includes(own)) ?? []).filter((key) => key !== own);
    return [...keys, ...[...new Set(others)].filter((key) => !keys.some(([k]) => k === key)).map((key) => [key, true])];
  };
  const asWord = (said, lang) => {
    const keys = spelt(queryKeys(said, lang).filter(([key]) => key), lang);
    if (!keys.length) return null;
    const [[first]] = keys, capital = keys.length === 1 && first.length > 1 && first.startsWith(CAPITALS);
    const parts = capital ? [{ said, keys: [[first.slice(CAPITALS.length), true]] }] : undefined;
    return { said, keys: keys.map(([key, whole]) => [key, whole || ONE_LETTER.test(key)]), parts };
  };
  const asWords = (text, lang) => searchWords(text).map((said) => asWord(said, lang)).filter(Boolean);
  const asJoined = (run, lang) => {
    if (NUMBER_CHAIN.test(run)) return [{ said: run, keys: [[chained(run), true]] }];
    if (/^[\p{Nd}.,٫-]+$/u.test(run)) return [{ said: run, keys: [[chained(run), true]] }]; // `1.5-2`: whole
    const parts = asWords(run, lang), word = asWord(run.replace(/[- \u00a0]/g, ""), lang);
    return word ? [{ ...word, said: run, parts }] : parts;
  };

  // The query's words, each once ({said, keys, parts?, loose}: `loose`, typed outside a phrase), and its phrases:
  // text in quotes, "…" (or as phones type them, “…” and «…»), each a list of its words.
  const searchQuery = (query, lang) => {
    const words = new Map(), phrases = [];
    const once = (word) => {
      const id = JSON.stringify(word.keys);
      return words.get(id) ?? words.set(id, word).get(id);
    };
    let last = null;
    query.replace(/[“”«»]/g, '"').split('"').forEach((part, i) => {
      const found = [];
      let at = 0;
      for (const run of i % 2 ? [] : part.matchAll(JOINED)) {
        found.push(...asWords(part.slice(at, run.index), lang), ...asJoined(run[0], lang));
        at = run.index + run[0].length;
      }
      found.push(...asWords(part.slice(at), lang));
      const phrase = found.map(once);
      if (i % 2 === 1 && phrase.length > 1) phrases.push(phrase);
      else phrase.forEach((word) => { word.loose = true; });
      last = phrase.at(-1) ?? last;
    });
    // A key of two letters or fewer matches whole but in the last word, which the reader may still be typing:
    // `يو` in `كيم يو جونغ` is not every word that starts so (`يوليو`, an outside tester's).
    for (const word of words.values()) {
      if (word !== last) word.keys = word.keys.map(([key, whole]) => [key, whole || key.length <= 2]);
    }
    return { words: [...words.values()], phrases };
  };

  // The optimal string alignment distance of `a` and `b` (a letter missing, added, changed, or two swapped), or
  // `most + 1` once it is more than `most` (search-engine.js reads a word no page has as the nearest it has).
  // Written here: the page loads no library.
  const searchDistance = (a, b, most) => {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let before = [], row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
        if (swapped) next[j] = Math.min(next[j], before[j - 2] + 1);
      }
      if (Math.min(...next) > most) return most + 1;
      [before, row] = [row, next];
    }
    return row[b.length];
  };

  Object.assign(window, {
    searchWords, searchKey, searchForms, searchTerms, queryKeys, searchWordPattern: WORD, searchQuery,
    searchRunsApart, searchArticleless, searchDistance,
  });
})();
