// The Snowball English stemmer in the browser: defines window.searchStem(word), the stem of an already
// lower-cased word. The site's search index (written in Python) stems English words with snowballstemmer, so the
// search page must stem the reader's query the same way, or the query's words would miss the index's.
//
// A line-by-line port of english_stemmer.py, basestemmer.py and among.py of the Python package snowballstemmer
// 3.0.1 (generated from english.sbl by Snowball 3.0.1, https://snowballstem.org/); only the parts English uses.
// Each Python `try: ... raise labN() ... except labN: pass` is a block labelled labN left by `break labN`. The word
// is held as an array of code points, as a Python string is, so positions and lengths count the same in both
// (a JavaScript string counts UTF-16 units, two for a character outside the Basic Multilingual Plane).
// tests/test_search_stem.py compares it with the Python package in Chromium, word by word.
//
// Snowball's licence, which its code keeps wherever it goes:
//
// Copyright (c) 2001, Dr Martin Porter
// Copyright (c) 2004,2005, Richard Boulton
// Copyright (c) 2013, Yoshiki Shibukawa
// Copyright (c) 2006,2007,2009,2010,2011,2014-2019, Olly Betts
// All rights reserved.
//
// Redistribution and use in source and binary forms, with or without modification, are permitted provided that
// the following conditions are met:
//
//   1. Redistributions of source code must retain the above copyright notice, this list of conditions and the
//      following disclaimer.
//   2. Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the
//      following disclaimer in the documentation and/or other materials provided with the distribution.
//   3. Neither the name of the Snowball project nor the names of its contributors may be used to endorse or
//      promote products derived from this software without specific prior written permission.
//
// THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED
// WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
// PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY
// DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
// PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
// CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
// OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
(() => {
  "use strict";

  const G_AEO = new Set("aeo");
  const G_V = new Set("aeiouy");
  const G_V_WXY = new Set("aeiouywxY");
  const G_VALID_LI = new Set("cdeghkmnrt");

  // Among tables: [string, index of the longest entry it ends (or starts) with, result].
  const A_0 = [
    ["arsen", -1, -1], ["commun", -1, -1], ["emerg", -1, -1], ["gener", -1, -1],
    ["later", -1, -1], ["organ", -1, -1], ["past", -1, -1], ["univers", -1, -1],
  ];
  const A_1 = [["'", -1, 1], ["'s'", 0, 1], ["'s", -1, 1]];
  const A_2 = [["ied", -1, 2], ["s", -1, 3], ["ies", 1, 2], ["sses", 1, 1], ["ss", 1, -1], ["us", 1, -1]];
  const A_3 = [["succ", -1, 1], ["proc", -1, 1], ["exc", -1, 1]];
  const A_4 = [
    ["even", -1, 2], ["cann", -1, 2], ["inn", -1, 2], ["earr", -1, 2], ["herr", -1, 2], ["out", -1, 2], ["y", -1, 1],
  ];
  const A_5 = [
    ["", -1, -1], ["ed", 0, 2], ["eed", 1, 1], ["ing", 0, 3], ["edly", 0, 2], ["eedly", 4, 1], ["ingly", 0, 2],
  ];
  const A_6 = [
    ["", -1, 3], ["bb", 0, 2], ["dd", 0, 2], ["ff", 0, 2], ["gg", 0, 2], ["bl", 0, 1], ["mm", 0, 2],
    ["nn", 0, 2], ["pp", 0, 2], ["rr", 0, 2], ["at", 0, 1], ["tt", 0, 2], ["iz", 0, 1],
  ];
  const A_7 = [
    ["anci", -1, 3], ["enci", -1, 2], ["ogi", -1, 14], ["li", -1, 16], ["bli", 3, 12], ["abli", 4, 4],
    ["alli", 3, 8], ["fulli", 3, 9], ["lessli", 3, 15], ["ousli", 3, 10], ["entli", 3, 5], ["aliti", -1, 8],
    ["biliti", -1, 12], ["iviti", -1, 11], ["tional", -1, 1], ["ational", 14, 7], ["alism", -1, 8],
    ["ation", -1, 7], ["ization", 17, 6], ["izer", -1, 6], ["ator", -1, 7], ["iveness", -1, 11],
    ["fulness", -1, 9], ["ousness", -1, 10], ["ogist", -1, 13],
  ];
  const A_8 = [
    ["icate", -1, 4], ["ative", -1, 6], ["alize", -1, 3], ["iciti", -1, 4], ["ical", -1, 4],
    ["tional", -1, 1], ["ational", 5, 2], ["ful", -1, 5], ["ness", -1, 5],
  ];
  const A_9 = [
    ["ic", -1, 1], ["ance", -1, 1], ["ence", -1, 1], ["able", -1, 1], ["ible", -1, 1], ["ate", -1, 1],
    ["ive", -1, 1], ["ize", -1, 1], ["iti", -1, 1], ["al", -1, 1], ["ism", -1, 1], ["ion", -1, 2],
    ["er", -1, 1], ["ous", -1, 1], ["ant", -1, 1], ["ent", -1, 1], ["ment", 15, 1], ["ement", 16, 1],
  ];
  const A_10 = [["e", -1, 1], ["l", -1, 2]];
  const A_11 = [
    ["andes", -1, -1], ["atlas", -1, -1], ["bias", -1, -1], ["cosmos", -1, -1], ["early", -1, 5],
    ["gently", -1, 3], ["howe", -1, -1], ["idly", -1, 2], ["news", -1, -1], ["only", -1, 6],
    ["singly", -1, 7], ["skies", -1, 1], ["sky", -1, -1], ["ugly", -1, 4],
  ];

  // The stemmer's state (BaseStemmer's fields, then EnglishStemmer's), reset for each word.
  let current = [];
  let cursor = 0;
  let limit = 0;
  let limitBackward = 0;
  let bra = 0;
  let ket = 0;
  let yFound = false;
  let p1 = 0;
  let p2 = 0;

  // --- basestemmer.py ---

  const inGrouping = (s) => {
    if (cursor >= limit) return false;
    if (!s.has(current[cursor])) return false;
    cursor += 1;
    return true;
  };

  const goInGrouping = (s) => {
    while (cursor < limit) {
      if (!s.has(current[cursor])) return true;
      cursor += 1;
    }
    return false;
  };

  const inGroupingB = (s) => {
    if (cursor <= limitBackward) return false;
    if (!s.has(current[cursor - 1])) return false;
    cursor -= 1;
    return true;
  };

  const goOutGrouping = (s) => {
    while (cursor < limit) {
      if (s.has(current[cursor])) return true;
      cursor += 1;
    }
    return false;
  };

  const outGroupingB = (s) => {
    if (cursor <= limitBackward) return false;
    if (!s.has(current[cursor - 1])) {
      cursor -= 1;
      return true;
    }
    return false;
  };

  const goOutGroupingB = (s) => {
    while (cursor > limitBackward) {
      if (s.has(current[cursor - 1])) return true;
      cursor -= 1;
    }
    return false;
  };

  // The strings the stemmer looks for are ASCII: one code point per UTF-16 unit.
  const eqS = (s) => {
    if (limit - cursor < s.length) return false;
    if (current.slice(cursor, cursor + s.length).join("") !== s) return false;
    cursor += s.length;
    return true;
  };

  const eqSB = (s) => {
    if (cursor - limitBackward < s.length) return false;
    if (current.slice(cursor - s.length, cursor).join("") !== s) return false;
    cursor -= s.length;
    return true;
  };

  // Snowball's find_among (forward = true) and find_among_b (backward, from the cursor leftwards), written
  // once with the direction as a parameter: a binary search of the table `v` for the longest entry that
  // the text at the cursor starts (or ends) with, returning its result and moving the cursor past it.
  const findAmongIn = (v, forward) => {
    let i = 0;
    let j = v.length;
    const c = cursor;
    const edge = forward ? limit : limitBackward;
    const step = forward ? 1 : -1;
    let commonI = 0;
    let commonJ = 0;
    let firstKeyInspected = false;
    while (true) {
      const k = i + ((j - i) >> 1);
      let diff = 0;
      let common = Math.min(commonI, commonJ);
      const w = v[k];
      for (let n = common; n < w[0].length; n++) {
        if (c + step * common === edge) {
          diff = -1;
          break;
        }
        const letter = forward ? current[c + common] : current[c - 1 - common];
        const entry = forward ? w[0].charCodeAt(n) : w[0].charCodeAt(w[0].length - 1 - n);
        diff = letter.codePointAt(0) - entry;
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) {
        j = k;
        commonJ = common;
      } else {
        i = k;
        commonI = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    while (true) {
      const w = v[i];
      if (commonI >= w[0].length) {
        cursor = c + step * w[0].length;
        return w[2];
      }
      i = w[1];
      if (i < 0) return 0;
    }
  };
  const findAmong = (v) => findAmongIn(v, true);
  const findAmongB = (v) => findAmongIn(v, false);

  const replaceS = (cBra, cKet, s) => {
    const adjustment = s.length - (cKet - cBra);
    current.splice(cBra, cKet - cBra, ...s);
    limit += adjustment;
    if (cursor >= cKet) cursor += adjustment;
    else if (cursor > cBra) cursor = cBra;
    return adjustment;
  };

  const sliceCheck = () => !(bra < 0 || bra > ket || ket > limit || limit > current.length);

  const sliceFrom = (s) => {
    if (!sliceCheck()) return false;
    replaceS(bra, ket, s);
    return true;
  };

  const sliceDel = () => sliceFrom("");

  // --- english_stemmer.py ---

  const rPrelude = () => {
    yFound = false;
    const v1 = cursor;
    lab0: {
      bra = cursor;
      if (!eqS("'")) break lab0;
      ket = cursor;
      if (!sliceDel()) return false;
    }
    cursor = v1;
    const v2 = cursor;
    lab1: {
      bra = cursor;
      if (!eqS("y")) break lab1;
      ket = cursor;
      if (!sliceFrom("Y")) return false;
      yFound = true;
    }
    cursor = v2;
    const v3 = cursor;
    while (true) {
      const v4 = cursor;
      lab3: {
        lab4: while (true) {
          const v5 = cursor;
          lab5: {
            if (!inGrouping(G_V)) break lab5;
            bra = cursor;
            if (!eqS("y")) break lab5;
            ket = cursor;
            cursor = v5;
            break lab4;
          }
          cursor = v5;
          if (cursor >= limit) break lab3;
          cursor += 1;
        }
        if (!sliceFrom("Y")) return false;
        yFound = true;
        continue;
      }
      cursor = v4;
      break;
    }
    cursor = v3;
    return true;
  };

  const rMarkRegions = () => {
    p1 = limit;
    p2 = limit;
    const v1 = cursor;
    lab0: {
      lab1: {
        const v2 = cursor;
        if (findAmong(A_0) !== 0) break lab1;
        cursor = v2;
        if (!goOutGrouping(G_V)) break lab0;
        cursor += 1;
        if (!goInGrouping(G_V)) break lab0;
        cursor += 1;
      }
      p1 = cursor;
      if (!goOutGrouping(G_V)) break lab0;
      cursor += 1;
      if (!goInGrouping(G_V)) break lab0;
      cursor += 1;
      p2 = cursor;
    }
    cursor = v1;
    return true;
  };

  const rShortv = () => {
    lab0: {
      const v1 = limit - cursor;
      lab1: {
        if (!outGroupingB(G_V_WXY)) break lab1;
        if (!inGroupingB(G_V)) break lab1;
        if (!outGroupingB(G_V)) break lab1;
        break lab0;
      }
      cursor = limit - v1;
      lab2: {
        if (!outGroupingB(G_V)) break lab2;
        if (!inGroupingB(G_V)) break lab2;
        if (cursor > limitBackward) break lab2;
        break lab0;
      }
      cursor = limit - v1;
      if (!eqSB("past")) return false;
    }
    return true;
  };

  const rR1 = () => p1 <= cursor;

  const rR2 = () => p2 <= cursor;

  const rStep1a = () => {
    const v1 = limit - cursor;
    lab0: {
      ket = cursor;
      if (findAmongB(A_1) === 0) {
        cursor = limit - v1;
        break lab0;
      }
      bra = cursor;
      if (!sliceDel()) return false;
    }
    ket = cursor;
    const amongVar = findAmongB(A_2);
    if (amongVar === 0) return false;
    bra = cursor;
    if (amongVar === 1) {
      if (!sliceFrom("ss")) return false;
    } else if (amongVar === 2) {
      lab1: {
        const v2 = limit - cursor;
        lab2: {
          const c = cursor - 2;
          if (c < limitBackward) break lab2;
          cursor = c;
          if (!sliceFrom("i")) return false;
          break lab1;
        }
        cursor = limit - v2;
        if (!sliceFrom("ie")) return false;
      }
    } else if (amongVar === 3) {
      if (cursor <= limitBackward) return false;
      cursor -= 1;
      if (!goOutGroupingB(G_V)) return false;
      cursor -= 1;
      if (!sliceDel()) return false;
    }
    return true;
  };

  const rStep1b = () => {
    ket = cursor;
    let amongVar = findAmongB(A_5);
    bra = cursor;
    lab0: {
      const v1 = limit - cursor;
      lab1: {
        if (amongVar === 1) {
          const v2 = limit - cursor;
          lab2: {
            lab3: {
              const v3 = limit - cursor;
              lab4: {
                if (findAmongB(A_3) === 0) break lab4;
                if (cursor > limitBackward) break lab4;
                break lab3;
              }
              cursor = limit - v3;
              if (!rR1()) break lab2;
              if (!sliceFrom("ee")) return false;
            }
          }
          cursor = limit - v2;
        } else if (amongVar === 2) {
          break lab1;
        } else if (amongVar === 3) {
          amongVar = findAmongB(A_4);
          if (amongVar === 0) break lab1;
          if (amongVar === 1) {
            const v4 = limit - cursor;
            if (!outGroupingB(G_V)) break lab1;
            if (cursor > limitBackward) break lab1;
            cursor = limit - v4;
            bra = cursor;
            if (!sliceFrom("ie")) return false;
          } else {
            if (cursor > limitBackward) break lab1;
          }
        }
        break lab0;
      }
      cursor = limit - v1;
      const v5 = limit - cursor;
      if (!goOutGroupingB(G_V)) return false;
      cursor -= 1;
      cursor = limit - v5;
      if (!sliceDel()) return false;
      ket = cursor;
      bra = cursor;
      const v6 = limit - cursor;
      amongVar = findAmongB(A_6);
      if (amongVar === 1) {
        if (!sliceFrom("e")) return false;
        return false;
      } else if (amongVar === 2) {
        const v7 = limit - cursor;
        lab5: {
          if (!inGroupingB(G_AEO)) break lab5;
          if (cursor > limitBackward) break lab5;
          return false;
        }
        cursor = limit - v7;
      } else {
        if (cursor !== p1) return false;
        const v8 = limit - cursor;
        if (!rShortv()) return false;
        cursor = limit - v8;
        if (!sliceFrom("e")) return false;
        return false;
      }
      cursor = limit - v6;
      ket = cursor;
      if (cursor <= limitBackward) return false;
      cursor -= 1;
      bra = cursor;
      if (!sliceDel()) return false;
    }
    return true;
  };

  const rStep1c = () => {
    ket = cursor;
    lab0: {
      const v1 = limit - cursor;
      lab1: {
        if (!eqSB("y")) break lab1;
        break lab0;
      }
      cursor = limit - v1;
      if (!eqSB("Y")) return false;
    }
    bra = cursor;
    if (!outGroupingB(G_V)) return false;
    lab2: {
      if (cursor > limitBackward) break lab2;
      return false;
    }
    if (!sliceFrom("i")) return false;
    return true;
  };

  // What the suffix found becomes, for step 2's results 1 to 15 and step 3's 1 to 4 (result n at index n - 1).
  const STEP_2 = ["tion", "ence", "ance", "able", "ent", "ize", "ate", "al", "ful", "ous", "ive", "ble", "og", "og", "less"];
  const STEP_3 = ["tion", "ate", "al", "ic"];

  const rStep2 = () => {
    ket = cursor;
    const amongVar = findAmongB(A_7);
    if (amongVar === 0) return false;
    bra = cursor;
    if (!rR1()) return false;
    if (amongVar <= 15) {
      if (amongVar === 14 && !eqSB("l")) return false;
      if (!sliceFrom(STEP_2[amongVar - 1])) return false;
    } else {
      if (!inGroupingB(G_VALID_LI)) return false;
      if (!sliceDel()) return false;
    }
    return true;
  };

  const rStep3 = () => {
    ket = cursor;
    const amongVar = findAmongB(A_8);
    if (amongVar === 0) return false;
    bra = cursor;
    if (!rR1()) return false;
    if (amongVar <= 4) {
      if (!sliceFrom(STEP_3[amongVar - 1])) return false;
    } else if (amongVar === 5) {
      if (!sliceDel()) return false;
    } else {
      if (!rR2()) return false;
      if (!sliceDel()) return false;
    }
    return true;
  };

  const rStep4 = () => {
    ket = cursor;
    const amongVar = findAmongB(A_9);
    if (amongVar === 0) return false;
    bra = cursor;
    if (!rR2()) return false;
    if (amongVar === 1) {
      if (!sliceDel()) return false;
    } else {
      lab0: {
        const v1 = limit - cursor;
        lab1: {
          if (!eqSB("s")) break lab1;
          break lab0;
        }
        cursor = limit - v1;
        if (!eqSB("t")) return false;
      }
      if (!sliceDel()) return false;
    }
    return true;
  };

  const rStep5 = () => {
    ket = cursor;
    const amongVar = findAmongB(A_10);
    if (amongVar === 0) return false;
    bra = cursor;
    if (amongVar === 1) {
      lab0: {
        lab1: {
          if (!rR2()) break lab1;
          break lab0;
        }
        if (!rR1()) return false;
        const v2 = limit - cursor;
        lab2: {
          if (!rShortv()) break lab2;
          return false;
        }
        cursor = limit - v2;
      }
      if (!sliceDel()) return false;
    } else {
      if (!rR2()) return false;
      if (!eqSB("l")) return false;
      if (!sliceDel()) return false;
    }
    return true;
  };

  // What an exception becomes, for results 1 to 7 (result n at index n - 1); result -1 leaves it as it is.
  const EXCEPTION_1 = ["sky", "idl", "gentl", "ugli", "earli", "onli", "singl"];

  const rException1 = () => {
    bra = cursor;
    const amongVar = findAmong(A_11);
    if (amongVar === 0) return false;
    ket = cursor;
    if (cursor < limit) return false;
    if (amongVar >= 1 && amongVar <= 7) {
      if (!sliceFrom(EXCEPTION_1[amongVar - 1])) return false;
    }
    return true;
  };

  const rPostlude = () => {
    if (!yFound) return false;
    while (true) {
      const v1 = cursor;
      lab0: {
        lab1: while (true) {
          const v2 = cursor;
          lab2: {
            bra = cursor;
            if (!eqS("Y")) break lab2;
            ket = cursor;
            cursor = v2;
            break lab1;
          }
          cursor = v2;
          if (cursor >= limit) break lab0;
          cursor += 1;
        }
        if (!sliceFrom("y")) return false;
        continue;
      }
      cursor = v1;
      break;
    }
    return true;
  };

  const stem = () => {
    lab0: {
      const v1 = cursor;
      lab1: {
        if (!rException1()) break lab1;
        break lab0;
      }
      cursor = v1;
      lab2: {
        const v2 = cursor;
        lab3: {
          const c = cursor + 3;
          if (c > limit) break lab3;
          cursor = c;
          break lab2;
        }
        cursor = v2;
        break lab0;
      }
      cursor = v1;
      rPrelude();
      rMarkRegions();
      limitBackward = cursor;
      cursor = limit;
      for (const step of [rStep1a, rStep1b, rStep1c, rStep2, rStep3, rStep4, rStep5]) {
        const v = limit - cursor;
        step();
        cursor = limit - v;
      }
      cursor = limitBackward;
      const v12 = cursor;
      rPostlude();
      cursor = v12;
    }
    return true;
  };

  window.searchStem = (word) => {
    current = Array.from(word);
    cursor = 0;
    limit = current.length;
    limitBackward = 0;
    bra = cursor;
    ket = limit;
    stem();
    return current.join("");
  };
})();
