// A paste from a web page or a word processor into a text box keeps its links and emphasis, as the Markdown the
// field takes (`[words](https://…)`, `**bold**`, `*italic*`): the box took the plain text alone, and a pasted
// link was lost without a word, though the field's help says it takes links (an outside tester's). Paragraphs
// stay paragraphs in a box of several lines and are joined by a space in a one-line one (a title); anything else
// of the page (its styles, scripts, pictures) is left out. A paste with no link or emphasis is the browser's own.
(function () {
  "use strict";
  var BLOCKS = /^(P|DIV|H[1-6]|LI|BLOCKQUOTE|TR|SECTION|ARTICLE|HEADER|FOOTER|UL|OL|TABLE)$/;
  var SKIPPED = /^(SCRIPT|STYLE|HEAD|TITLE|META|LINK|IMG|svg|NOSCRIPT|TEMPLATE)$/i;

  function weight(node) { // Google Docs wraps a whole paste in `<b style="font-weight:normal">`
    var said = (node.style && node.style.fontWeight) || "";
    if (/^(normal|[1-5]00)$/.test(said)) return false;
    return node.tagName === "B" || node.tagName === "STRONG" || /^(bold|bolder|[6-9]00)$/.test(said);
  }
  function slanted(node) {
    var said = (node.style && node.style.fontStyle) || "";
    return said !== "normal" && (node.tagName === "I" || node.tagName === "EM" || said === "italic");
  }
  function escaped(char) { // what would end a Markdown link's address: `(`, `)`, a space
    return "%" + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  }
  function wrapped(text, mark) { // `**bold**` around the words, the spaces outside (`** bold **` is no emphasis)
    var found = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
    return found[2] ? found[1] + mark + found[2] + mark + found[3] : text;
  }

  // The node's text as Markdown; `lines`: whether paragraphs may stay apart.
  function markdown(node, lines) {
    if (node.nodeType === 3) return node.data.replace(/\s+/g, " ").replace(/([\\*`[\]])/g, "\\$1");
    if (node.nodeType !== 1 || SKIPPED.test(node.tagName)) return "";
    if (node.tagName === "BR") return lines ? "\n" : " ";
    var inner = Array.prototype.map.call(node.childNodes, function (child) { return markdown(child, lines); }).join("");
    var address = node.tagName === "A" ? node.getAttribute("href") || "" : "";
    if (/^(https?:|mailto:)/i.test(address) && inner.trim()) { // `[words](address)`, the spaces outside
      var around = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
      inner = around[1] + "[" + around[2] + "](" + address.replace(/[()\s]/g, escaped) + ")" + around[3];
    }
    if (weight(node)) inner = wrapped(inner, "**");
    if (slanted(node)) inner = wrapped(inner, "*");
    if (node.tagName === "LI" && lines) inner = "- " + inner.trim();
    return BLOCKS.test(node.tagName) ? (lines ? "\n\n" : " ") + inner + (lines ? "\n\n" : " ") : inner;
  }

  document.addEventListener("paste", function (event) {
    var area = event.target, html = event.clipboardData && event.clipboardData.getData("text/html");
    if (!html || !area.matches || !area.matches("textarea[data-language]")) return;
    var lines = area.rows > 1, page = new DOMParser().parseFromString(html, "text/html");
    var text = markdown(page.body, lines).replace(/[ \t]*\n[ \t]*/g, "\n").replace(/\n{3,}/g, "\n\n")
      .replace(/ {2,}/g, " ").trim();
    if (!/\*|\]\(/.test(text.replace(/\\[\\*`[\]]/g, ""))) return; // no link, no emphasis: the browser's own paste
    event.preventDefault();
    document.execCommand("insertText", false, text); // (as typed: the box's undo and its change, React told)
  }, true);
})();
