// A result's page as the search page reads it, published at the end of search-index/search-words.js: its title and its
// text, read as the index reads it (generator/search_index.py, read_page), with the isolates the page sets its
// runs of the other direction in, so that a result shows them as the page does. Defines window.searchPageText,
// which search-engine.js and search.js (generator/search_client.js) use.
"use strict";

(() => {
  // The parts marked data-search-body, each once, less what is marked data-search-ignore and what is not prose;
  // each block set apart by a space, inline markup joining what it holds to the words around it. Where a heading,
  // paragraph, list item or cell ends or starts and the text has no stop of its own, a result shows ` · `: an
  // excerpt ran a heading into its paragraph (`الهزة وقوتها وقعت الهزة`) and a year into its event.
  const BODY = "data-search-body", IGNORE = "data-search-ignore", DATE = "data-search-date";
  const UNREAD = new Set(["script", "style", "template", "noscript", "textarea", "svg", "math"]);
  const INLINE = new Set(("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong " +
    "sub sup time u var wbr").split(" "));
  const STOPS = new Set("p li dt dd h1 h2 h3 h4 h5 h6 figcaption blockquote td th caption".split(" "));
  const STOP = "\u2029", STOPPED = /[.,:;!?،؛؟…·|]$/u; // a stop met in the space between two words; stops written
  // Each element the page sets apart in its own direction (a <bdi>, or one with `dir`: how the build isolates
  // an opposite-direction run) is an isolate of the text read, which a result rebuilds (`isolated`): without
  // it an Arabic title's `OPEC+` shows as `+OPEC`, as the page never does.
  const isolate = (element, outer) => (element.localName === "bdi" || element.hasAttribute("dir")
    ? { dir: element.getAttribute("dir") || "auto", lang: element.getAttribute("lang"), outer } : outer);
  const gather = (element, parts, outer = null) => {
    if (UNREAD.has(element.localName) || element.hasAttribute(IGNORE)) return parts;
    const name = element.localName, inner = isolate(element, outer);
    const apart = INLINE.has(name) ? "" : STOPS.has(name) ? STOP : " ";
    parts.push([apart, outer]);
    for (const child of element.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) parts.push([child.data, inner]);
      else if (child.nodeType === Node.ELEMENT_NODE) gather(child, parts, inner);
    }
    parts.push([apart, outer]);
    return parts;
  };
  // The text of [piece, isolate] parts as Python's str.split() and join read it (its whitespace, which is not
  // JavaScript's \s: U+001C–U+001F and U+0085 are in it), and the isolate of each of its UTF-16 units.
  const SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
  // A lone no-break space stays one: French pages keep `:`, `?`, `»` and `%` off a line's start with them, and a
  // result's title broke `9 / % ?` (an outside tester's newsroom).
  const KEPT = /^[\xa0\u202f]$/u;
  const plainText = (parts, dot = " · ") => {
    let text = "", gap, stop = false, spaces = ""; // the isolate of the white space met since the last character
    const isolates = [];
    for (const [piece, owner] of parts) {
      for (const c of piece) {
        if (SPACE.test(c)) {
          if (gap === undefined) gap = owner;
          stop ||= c === STOP;
          spaces += c;
          continue;
        }
        if (gap !== undefined && text) {
          const space = stop && !STOPPED.test(text) ? dot : KEPT.test(spaces) ? spaces : " ";
          text += space;
          isolates.push(...Array(space.length).fill(gap));
        }
        gap = undefined;
        stop = false;
        spaces = "";
        text += c;
        isolates.push(...Array(c.length).fill(owner));
      }
    }
    return { text, isolates };
  };
  const HEADLINE_WITHIN = 600; // characters before a page's headline (its topics' names) an excerpt passes over
  const pageText = (html, url) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const bodies = [...page.querySelectorAll(`[${BODY}]`)]
      .filter((body) => !body.parentElement?.closest(`[${BODY}]`) && !body.closest(`[${IGNORE}]`));
    // The title: the first <h1> of the parts read, as they are read; else the page's <title>; else its address.
    const headline = bodies.map((body) => body.querySelector("h1")).find(Boolean);
    const heading = plainText(headline ? gather(headline, []) : []);
    const named = plainText([[page.querySelector("title")?.textContent ?? "", null]]);
    const title = [heading, named].find((read) => read.text) ?? { text: url, isolates: Array(url.length).fill(null) };
    // What the page sets a line's parts apart with (frame.py, Frame.separator: a bar where digits' zero is a dot).
    const dot = ` ${page.body?.dataset.separator || "·"} `;
    const body = plainText(bodies.flatMap((part) => gather(part, [])), dot);
    // Where the text goes on past the headline near its start (after the topics' names, if any), which a result
    // shows as its link: an excerpt from the top repeated it, a third of its words (two outside testers').
    const at = heading.text ? body.text.indexOf(heading.text) : -1;
    const after = at >= 0 && at <= HEADLINE_WITHIN ? at + heading.text.length : 0;
    const date = bodies.map((body) => body.querySelector(`[${DATE}]`)).find(Boolean); // as search_index.read_page
    return {
      url, title: title.text, text: body.text, after, isolates: { title: title.isolates, text: body.isolates },
      separator: dot, date: date ? { text: date.textContent.trim(), datetime: date.getAttribute("datetime") } : null,
    };
  };
  window.searchPageText = pageText;
})();
