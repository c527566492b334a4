// The site's editor: Decap CMS with three widgets of our own, and a preview that shows the built pages.
// config.yml is generated from the content model by the build (generator/editor.py); nothing here names a
// language: each field carries the site's languages, with their names and directions.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;

  function plain(value) {
    // Decap hands widgets Immutable values for what it read from the file, plain ones for what we set.
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  function languagesOf(field) {
    return plain(field.get("languages")) || [];
  }

  // Invisible characters a paste from a word processor or another page brings (a soft hyphen, a byte order mark,
  // a direction control, a control character), which `check` refuses, telling the editor to delete what they
  // cannot see (text_rules.forbidden): they are left out as they come, and a line or paragraph separator is a
  // line break. Saved, they were refused by `check` (an outside tester's soft hyphen, from Word).
  // So are the invisible operators of mathematics (U+2061–2064), interlinear annotation marks, musical format
  // characters and halves of surrogate pairs, which `check` refuses too; refused, the message could not show
  // where the character was (an outside tester's U+2062).
  // The last two code points of each plane past the first are non-characters too (`check` refuses them all).
  var NONCHARACTERS = Array.from({ length: 16 }, function (_, i) {
    var plane = (i + 1).toString(16);
    return "\\u{" + plane + "fffe}\\u{" + plane + "ffff}";
  }).join("");
  var INVISIBLE = new RegExp("[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u00ad\\ufeff"
    + "\\u202a-\\u202e\\u2066-\\u2069\\u2061-\\u2064\\ufdd0-\\ufdef\\ufff9-\\ufffb\\ufffe\\uffff"
    + "\\u{1d173}-\\u{1d17a}\\ud800-\\udfff" + NONCHARACTERS + "]", "gu");
  // A zero-width space where `check` refuses one (text_rules.split_words): inside a word of a script that parts
  // its words with spaces, or beside a space or a stop. Left in, an outside tester was told to delete what no
  // box shows, and retyped the text. (Thai, Khmer and Burmese part words with it: theirs stay.)
  var SPACED = "0-9A-Za-z\\u00c0-\\u024f\\u0370-\\u04ff\\u0600-\\u06ff";
  var AROUND = "\\s!-/:-@\\[-`{-~\\u00a1-\\u00bf\\u2010-\\u2027\\u2030-\\u205e\\u3000-\\u303f"
    + "\\u060c\\u061b\\u061f\\u066a-\\u066d\\u06d4";
  var SPLIT_WORD = new RegExp("(?<=[" + SPACED + "])\\u200b+(?=[" + SPACED + "])", "g");
  var LOOSE = new RegExp("^\\u200b+|\\u200b+$|(?<=[" + AROUND + "])\\u200b+|\\u200b+(?=[" + AROUND + "])", "g");
  // A zero-width joiner or non-joiner between two letters of scripts that never join them (`Abdel|latif`), which
  // `check` refuses (text_rules.joined_words); Arabic script, Persian's half-space and emoji sequences keep theirs.
  var LATIN = "0-9A-Za-z\\u00c0-\\u024f\\u0370-\\u04ff";
  var JOINER_IN_WORD = new RegExp("(?<=[" + LATIN + "])[\\u200c\\u200d]+(?=[" + LATIN + "])", "g");
  function cleaned(text) {
    return text.replace(INVISIBLE, "").replace(SPLIT_WORD, "").replace(LOOSE, "").replace(JOINER_IN_WORD, "")
      .replace(/[\u2028\u2029]/g, "\n");
  }
  // A text box's text as typed, less what `cleaned` leaves out, the caret kept where it was (React put it at the
  // end when the text it set differed from the box's: a second tester's paste landed in the wrong place).
  function typed(event, apply) {
    var area = event.target;
    var text = cleaned(area.value);
    if (text !== area.value) {
      var caret = cleaned(area.value.slice(0, area.selectionStart)).length;
      window.requestAnimationFrame(function () { area.setSelectionRange(caret, caret); });
    }
    apply(text);
  }

  // A text in every language of the site, side by side: `{ar: …, en: …}`, as our files keep it. Each language
  // is edited in its own direction and its pages' font (editor.css); none may be left empty if the text is
  // required.
  var TextsControl = createClass({
    isValid: function () {
      var field = this.props.field;
      if (field.get("required") === false && !this.written()) return true;
      var value = plain(this.props.value) || {};
      var empty = languagesOf(field).filter(function (language) {
        return !(value[language.code] || "").trim();
      });
      if (!empty.length) return true;
      var names = empty.map(function (language) { return language.english_name; });
      var which = names.join(" and ") + (names.length > 1 ? " are" : " is");
      return { error: { message: "Write it in every language: " + which + " empty." } };
    },
    written: function () {
      var value = plain(this.props.value) || {};
      return Object.keys(value).some(function (code) { return typeof value[code] === "string" && value[code].trim(); });
    },
    change: function (code, text) {
      var field = this.props.field;
      var value = plain(this.props.value) || {};
      var next = {};
      languagesOf(field).forEach(function (language) { next[language.code] = value[language.code] || ""; });
      next[code] = text;
      this.props.onChange(this.props.value && this.props.value.set ? this.props.value.set(code, text) : next);
    },
    // Each language's box grows with its text, so a long paragraph is read whole, not through a slot.
    fit: function () {
      if (!this.box) return;
      Array.prototype.forEach.call(this.box.querySelectorAll("textarea"), function (area) {
        if (!area.scrollHeight) return; // not shown yet (a collapsed item): fitted when it is edited
        area.style.height = "auto";
        area.style.height = area.scrollHeight + 2 + "px";
      });
    },
    // An entry's form is shown while a text's box is: its local backup may be offered then (editor-setup.js).
    componentDidMount: function () {
      this.fit();
      asRead(this.props.entry, window.explainerForm(1) === 1);
    },
    componentWillUnmount: function () { window.explainerForm(-1); },
    componentDidUpdate: function () { this.fit(); },
    render: function () {
      var self = this;
      var value = plain(this.props.value) || {};
      return h(
        "div",
        { className: "bx-texts", id: this.props.forID, ref: function (box) { self.box = box; } },
        languagesOf(this.props.field).map(function (language) {
          var text = value[language.code] || "";
          return h(
            "label",
            { className: "bx-text", key: language.code },
            h("span", { className: "bx-language" }, language.name),
            h("textarea", {
              lang: language.code,
              dir: language.direction,
              "data-language": language.code,
              rows: self.props.field.get("multiline") ? 3 : 1,
              value: text,
              onFocus: self.props.setActiveStyle,
              onBlur: self.props.setInactiveStyle,
              onChange: function (event) { typed(event, function (text) { self.change(language.code, text); }); },
            })
          );
        })
      );
    },
  });

  var TextsPreview = createClass({
    render: function () {
      var value = plain(this.props.value) || {};
      return h("div", {}, languagesOf(this.props.field).map(function (language) {
        return h("p", { key: language.code, lang: language.code, dir: language.direction }, value[language.code] || "");
      }));
    },
  });

  // One language of a text that is an item of a list (a paragraph): the same box, alone.
  var LanguageTextControl = createClass({
    fit: function () {
      if (!this.area || !this.area.scrollHeight) return;
      this.area.style.height = "auto";
      this.area.style.height = this.area.scrollHeight + 2 + "px";
    },
    componentDidMount: function () { this.fit(); },
    componentDidUpdate: function () { this.fit(); },
    render: function () {
      var self = this;
      var language = plain(this.props.field.get("language"));
      return h("div", { className: "bx-texts bx-one" }, h("textarea", {
        id: this.props.forID,
        ref: function (area) { self.area = area; },
        lang: language.code,
        dir: language.direction,
        "data-language": language.code,
        rows: this.props.field.get("multiline") ? 3 : 1,
        value: this.props.value || "",
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
        onChange: function (event) { typed(event, self.props.onChange); },
      }));
    },
  });

  // A picture placed among a section's paragraphs: shown as there, kept as written (edited in the file).
  var KeptControl = createClass({
    render: function () {
      var value = plain(this.props.value);
      if (!value) return h("span", { className: "bx-none" });
      var file = value.file || (value.map ? "a locator map" : "a picture");
      var told = "A picture (" + file + "): edit it in the file; it is kept as written.";
      return h("p", { className: "bx-kept", id: this.props.forID }, told);
    },
  });

  // The id of an item elsewhere in the same explainer: a point's `said_by` names one of its voices, a
  // takeaway's `section` one of its sections. Decap's relation widget looks across a collection's files; these
  // ids live in the file being edited, so the choices are read from the entry as it is being written.
  var ReferenceControl = createClass({
    render: function () {
      var self = this;
      var field = this.props.field;
      var label = field.get("label_field");
      var first = (languagesOf(field)[0] || {}).code;
      var items = plain(this.props.entry.getIn(["data", field.get("refers_to")])) || [];
      var current = this.props.value || "";
      var options = [h("option", { key: "", value: "" }, "—")];
      items.forEach(function (item) {
        if (!item || !item.id) return;
        // the name isolated, as a topic's is: `who · منظمة الصحة العالمية (WHO)` showed its (WHO) first
        var shown = item[label] && item[label][first] ? item.id + " · \u2068" + item[label][first] + "\u2069" : item.id;
        options.push(h("option", { key: item.id, value: item.id }, shown));
      });
      if (current && !items.some(function (item) { return item && item.id === current; })) {
        options.push(h("option", { key: current, value: current }, current + " (not in this explainer)"));
      }
      return h(
        "div",
        { className: "bx-reference" },
        h("select", {
          id: this.props.forID,
          value: current,
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
          onChange: function (event) { self.props.onChange(event.target.value || undefined); },
        }, options)
      );
    },
  });

  // The preview pane shows what readers will see: the built page in each language, served beside the editor
  // (`python -m generator edit` rebuilds it on every save, and the page reloads itself).
  var site = new URL("../", window.location.href);
  var ExplainerPreview = createClass({
    render: function () {
      var data = plain(this.props.entry.get("data")) || {};
      var config = window.EXPLAINER_PAGES || [];
      if (!data.slug || this.props.entry.get("newRecord")) {
        return h("p", {}, "The preview shows the built pages once the explainer is saved.");
      }
      return h("div", { className: "bx-preview" }, config.map(function (page) {
        var address = new URL(page.path.replace("{slug}", encodeURIComponent(data.slug)), site).href;
        return h(
          "section",
          { key: page.code },
          h("h2", {}, page.name),
          h("iframe", { src: address, title: page.name, lang: page.code })
        );
      }));
    },
  });

  // What an editor emptied is left out of the file, as if never written: an optional text whose languages are
  // all empty, a string cleared, a group or list with nothing left in it. Decap would write `url: ""` or
  // `role: {ar: "", en: ""}`, which `check` rightly refuses; required fields cannot be empty (Decap checks).
  // Every string is `cleaned` too: Decap's own fields (a key figure's value, a licence, an address) kept the
  // invisible characters a paste brought, which `check` then refused (a second tester's finding).
  function prune(value) {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return cleaned(value).trim() ? cleaned(value) : undefined;
    if (typeof value !== "object") return value;
    if (typeof value.toJS === "function") {
      var kept = value.map(prune).filter(function (item) { return item !== undefined; });
      return kept.size ? kept : undefined;
    }
    if (Array.isArray(value)) {
      var items = value.map(prune).filter(function (item) { return item !== undefined; });
      return items.length ? items : undefined;
    }
    var object = {};
    Object.keys(value).forEach(function (key) {
      var item = prune(value[key]);
      if (item !== undefined) object[key] = item;
    });
    return Object.keys(object).length ? object : undefined;
  }

  // What Decap lets through and `check` refuses: a list with fewer items than its `min` (a new explainer's
  // takeaways and sections: Decap counted a list's items only once one was added), a begun group without what
  // every such group needs (a picture's alternative text and credit: Decap cannot require them of a group that
  // may be left out, editor_config.py), and a reference to a voice or section deleted from the explainer (a
  // point said by it, a takeaway pointing to it). The save is refused, naming each; nothing is written.
  function lacking(fields, data, where, whole) {
    var found = [];
    fields.forEach(function (field) {
      var value = data ? data[field.name] : undefined;
      var label = where + field.label;
      if (field.widget === "list" && field.min && (!value || value.length < field.min)) {
        found.push(label + ": add at least " + field.min);
      } else if (field.required_once_begun && value === undefined) {
        found.push(label + ": write it, or clear " + where.replace(/ › $/, ""));
      } else if (field.required_once_begun && field.widget === "texts") {
        var empty = field.languages.filter(function (language) { return !value[language.code]; });
        var names = empty.map(function (language) { return language.english_name; });
        if (names.length) found.push(label + ": write it in " + names.join(" and "));
      } else if (field.widget === "reference" && value !== undefined && !idsOf(whole[field.refers_to])[value]) {
        found.push(label + ": " + value + " is no longer among the " + field.refers_to + ": choose another, or —");
      } else if (field.real_date && typeof value === "string" && !onTheCalendar(value)) {
        found.push(label + ": " + value + " is not a real date: check the month and the day");
      }
      if (field.fields && value && !Array.isArray(value)) {
        found = found.concat(pictured(field.fields, value, label));
        found = found.concat(lacking(field.fields, value, label + " › ", whole));
      }
      if (field.fields && Array.isArray(value)) {
        value.forEach(function (item, i) {
          found = found.concat(oneLanguage(field.fields, item, label + " " + (i + 1)));
          if (item && typeof item === "object") {
            found = found.concat(lacking(field.fields, item, label + " " + (i + 1) + " › ", whole));
          }
        });
      }
    });
    return found;
  }
  // A year, month or day as written (2019, 2023-07, 2023-09-12) that the calendar has: `2023-02-30` and
  // `2023-13-45` had the field's form, were saved, and only `check` refused them after (an outside tester's).
  // Text of another form is the field's pattern's to refuse.
  function onTheCalendar(text) {
    var parts = /^[0-9]{4}(-[0-9]{2}){0,2}$/.test(text) ? text.split("-").map(Number) : [];
    if (parts.length > 1 && (parts[1] < 1 || parts[1] > 12)) return false;
    return parts.length < 3 || (parts[2] >= 1 && parts[2] <= new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate());
  }
  // A picture is a file or a map the build draws, one of the two (model.py's Figure): both fields are optional
  // in the form, so a picture begun with neither, or given both, was saved.
  function pictured(fields, value, label) {
    var names = fields.map(function (field) { return field.name; });
    if (names.indexOf("file") < 0 || names.indexOf("map") < 0) return [];
    if (!value.file && !value.map) return [label + ": choose its file, or draw a map"];
    return value.file && value.map ? [label + ": has both a file and a map: keep one"] : [];
  }
  // Two voices or two sections with one id: a second tester renamed one to another's id, and `check` refused it.
  function repeatedIds(data) {
    var found = [];
    explainerFields.forEach(function (field) {
      var seen = {};
      var items = data && Array.isArray(data[field.name]) ? data[field.name] : [];
      if (!(field.fields || []).some(function (inner) { return inner.name === "id"; })) return;
      items.forEach(function (item, i) {
        var id = item && item.id;
        var label = field.label + " " + (i + 1) + " › ID: ";
        if (id && id in seen) found.push(label + id + " is item " + seen[id] + "'s too");
        else if (id) seen[id] = i + 1;
      });
    });
    return found;
  }
  function idsOf(items) {
    var ids = {};
    (items || []).forEach(function (item) { if (item && item.id) ids[item.id] = true; });
    return ids;
  }

  // A paragraph is a text in every language (a picture among them aside): its languages are fields of their own,
  // none required, so one written in a language alone was saved (an outside editor's finding).
  function oneLanguage(fields, item, label) {
    var languages = fields.filter(function (field) { return field.widget === "language_text"; });
    if (!languages.length || !item || item.figure) return [];
    var missing = languages.filter(function (field) { return !item[field.name]; });
    if (!missing.length || missing.length === languages.length) return [];
    var names = missing.map(function (field) { return field.language.english_name; });
    return [label + ": write it in " + names.join(" and ")];
  }

  // Two tabs, or two editors, on one explainer: a save wrote its form over the file as another had just saved
  // it, undoing that save without a word (an outside tester's finding). The file is read as its form is first
  // shown (and again after each save from here), and a save is refused if the file has changed since: the form
  // keeps what was typed. Asked of the local backend (`edit`); Git Gateway has no such question.
  var readFiles = {}; // by path: the file's text (a promise) as this tab last read or saved it
  var readTexts = {}; // by local backup's key: the same text, once read (what a backup is typed over)
  function ask(action, params) { // the local backend's answer, or null (none, or not the local backend)
    var asked = { action: action, params: Object.assign({ branch: "main" }, params) };
    var request = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(asked) };
    return fetch(backend, request)
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }
  function fileText(path) { // the file's text; null: no such file (deleted); undefined: the backend did not answer
    return ask("getEntry", { path: path }).then(function (found) {
      if (!found) return undefined;
      return typeof found.data === "string" ? found.data : null;
    });
  }
  function backupKey(entry) { // Decap's name for an entry's local backup (editor-setup.js)
    return "backup." + entry.get("collection") + "." + entry.get("slug");
  }
  function asRead(entry, anew) { // anew: the form's first text box (another explainer, a backup taken)
    if (anew) {
      readFiles = {};
      readTexts = {};
    }
    var path = entry && entry.get("path");
    if (!path || entry.get("newRecord") || path in readFiles) return;
    readFiles[path] = fileText(path);
    readFiles[path].then(function (text) { readTexts[backupKey(entry)] = text; });
  }
  window.explainerBackups.read = function (key) { return readTexts[key]; };

  // A slug changed in the form: the old one is added to `former_slugs`, so its published address keeps working
  // (the page there sends readers on). It was saved without, and the old address answered 404 (an outside
  // editor's finding). The old slug is the file's as read; a List is made from one the entry has. The form does
  // not show what was added, and its next save dropped it again (a second tester's finding): what this page
  // added is added to every later save of the file. A slug moved back to a former one leaves the list.
  var addedFormer = {}; // by path: the former slugs this page added to the file
  function keptAddress(data, text, path) {
    var old = text && claims(text)[0];
    var slug = data.get("slug");
    var added = (addedFormer[path] || []).concat(old && slug && old !== slug ? [old] : []);
    var former = data.get("former_slugs") || data.get("sections").clear();
    added.forEach(function (item) { if (item !== slug && !former.includes(item)) former = former.push(item); });
    former = former.filter(function (item) { return item !== slug; });
    addedFormer[path] = added.filter(function (item) { return item !== slug; });
    return former.size ? data.set("former_slugs", former) : data.delete("former_slugs");
  }

  // A slug another explainer has (its slug, or a former one): a new explainer given it was saved as
  // `<slug>-1.yml`, and a slug changed to it was saved, both refused by `check` once the form was gone (an
  // outside tester's finding). Every explainer file the local backend lists is read for the slugs it claims, as
  // slugs.py reads them, and the save is refused, naming the file. A new explainer's file is named by its slug,
  // so a file of that name clashes too, whatever slug it holds.
  function claims(text) {
    var found = [];
    var slug = /^slug:[ \t]*["']?([^"'\s#]+)/m.exec(text);
    if (slug) found.push(slug[1]);
    var former = /^former_slugs:[ \t]*(?:\[([^\]]*)\]|\n((?:[ \t]*-.*(?:\n|$))*))/m.exec(text);
    var items = !former ? [] : former[1] !== undefined ? former[1].split(",") : former[2].split("\n");
    items.forEach(function (item) {
      var value = item.replace(/^[ \t]*-?[ \t]*/, "").trim().replace(/^["']|["']$/g, "");
      if (value) found.push(value);
    });
    return found;
  }
  function claimsElsewhere(own) { // a promise of how the files other than `own` claim slugs: (slug, named) → words
    // The local backend lists the files whose names end as `extension` says, which it requires: `l` takes in .yml and
    // .yaml alike (content_files.py reads both), the rest is left out here (an extension in capitals is missed).
    return ask("entriesByFolder", { folder: explainerFolder, extension: "l", depth: 20 }).then(function (entries) {
      var files = (entries || []).filter(function (entry) {
        var path = entry.file && entry.file.path;
        return path && path !== own && typeof entry.data === "string" && /\.ya?ml$/.test(path);
      }).map(function (entry) { return { path: entry.file.path, claims: claims(entry.data) }; });
      return function (slug, named) {
        var told = null;
        files.forEach(function (file) {
          var at = file.claims.indexOf(slug);
          if (told) return;
          if (at === 0) told = "is the slug of " + file.path;
          else if (at > 0) told = "is a former slug of " + file.path;
          else if (named && file.path.replace(/^.*\//, "") === slug + ".yml") told = "is the name of " + file.path
            + ", which a new explainer's file would take";
        });
        return told;
      };
    });
  }
  // The slug and each former slug the form gives, as `check` would take them: a slug's form, not the slug itself,
  // and none another explainer claims (a second tester typed other explainers' slugs as former ones). The files
  // are read once a save, and only when there is a slug to look for.
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  function slugTaken(data, entry, before) { // `before`: the file's text as it is now (none for a new explainer)
    var slug = data.get("slug");
    var formerSlugs = (plain(data.get("former_slugs")) || []).map(String);
    var told = formerSlugs.map(function (item, i) {
      var label = "Former slugs " + (i + 1) + ": " + item;
      if (!SLUG.test(item)) return label + " is not a slug (lower-case letters a-z, digits 0-9, single hyphens)";
      return item === slug ? label + " is the slug it has now: take it out" : "";
    }).filter(Boolean);
    var asked = (slug && !(before && claims(before)[0] === slug) ? [["Slug", slug]] : [])
      .concat(formerSlugs.filter(function (item) { return SLUG.test(item) && item !== slug; })
        .map(function (item) { return ["Former slugs", item]; }));
    if (!asked.length) return Promise.resolve(told);
    return claimsElsewhere(entry.get("path")).then(function (how) {
      return told.concat(asked.map(function (pair) {
        var said = how(pair[1], pair[0] === "Slug" && entry.get("newRecord"));
        return said && pair[0] + ": " + pair[1] + " " + said + ": choose another";
      }).filter(Boolean));
    });
  }

  // A refused save is told as Decap tells a failed one, "Failed to persist entry: Error: …" (an outside tester
  // read it as the editor breaking): our refusals say "Not saved: …" and no more.
  function refusal(text) {
    var error = new Error(text);
    error.name = ""; // told as its message alone
    return error;
  }
  // So is the local backend's (`edit` refuses a save `check` would: generator/decap_api.py, SaveCheck), which Decap
  // raises as an error of its own, named "API_ERROR" ("Not saved: API_ERROR: title.ar, …"): told by its message.
  var told = Error.prototype.toString;
  Error.prototype.toString = function () {
    return this.name === "API_ERROR" && this.api === "Proxy" ? this.message : told.call(this);
  };
  // And the "new" button says "New Explainer": Decap's English writes "＋ Explainer", a fullwidth plus no
  // installed font has, shown as an empty box (outside testers, twice).
  var english = CMS.getLocale("en");
  if (english && english.ui && english.ui.toast && english.collection && english.collection.collectionTop) {
    var toast = Object.assign({}, english.ui.toast, { onFailToPersist: "Not saved: %{details}" });
    var top = Object.assign({}, english.collection.collectionTop, { newButton: "New %{collectionLabel}" });
    CMS.registerLocale("en", Object.assign({}, english, {
      ui: Object.assign({}, english.ui, { toast: toast }),
      collection: Object.assign({}, english.collection, { collectionTop: top }),
    }));
  }

  var explainerFields = [];
  var explainerFolder = "";
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = prune(entry.get("data")) || entry.get("data");
      var found = lacking(explainerFields, plain(data), "", plain(data)).concat(repeatedIds(plain(data)));
      var path = entry.get("path");
      var taken = window.explainerBackups.base(backupKey(entry)); // the form holds a backup's typing
      var base = entry.get("newRecord") ? null : typeof taken === "string" ? taken : readFiles[path];
      return Promise.all([base, typeof base === "string" || base instanceof Promise ? fileText(path) : undefined])
        .then(function (texts) {
          if (typeof texts[0] === "string" && texts[1] === null) { // deleted in another tab: it came back
            throw refusal("the file was deleted elsewhere (another tab or editor) since this form read it; copy "
              + "what you want to keep, and write it again as a new explainer if it is to stay");
          }
          if (typeof texts[0] === "string" && typeof texts[1] === "string" && texts[0] !== texts[1]) {
            throw refusal(typeof taken === "string"
              ? "the file was saved elsewhere since the typing taken back from this browser's backup "
                + "was done; copy what you changed, reload the page, say no to the backup and make your changes again"
              : "the file was saved elsewhere (another tab or editor) since this form read it; "
                + "copy what you changed, reload the page and make your changes again");
          }
          return slugTaken(data, entry, texts[1]).then(function (clashes) {
            found = found.concat(clashes);
            if (found.length) throw refusal(found.join("; "));
            return keptAddress(data, texts[1], path);
          });
        });
    },
  });
  CMS.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var path = event.entry.get("path");
      if (path) readFiles[path] = fileText(path);
    },
  });

  // Decap's image field, its thumbnail shown once the picture has loaded. Opened afresh (a reload), the field asked
  // for its picture once, while the picture was still loading, and kept the empty placeholder Decap answers then
  // (an outside tester saw a blank thumbnail; decap-cms #7099, in 3.16 still): the field is asked again, a tenth
  // of a second apart, until it has the picture, by handing Decap's control a new `getAsset` each time.
  var image = CMS.getWidget("image");
  var LOADING = "empty.svg"; // the path of Decap's placeholder (decap-cms-core actions/media.js)
  // Decap's Widget takes `shouldComponentUpdate` and `getValidateValue` from the control it holds, this wrapper:
  // it updates whenever asked, and Decap's file control beneath decides (its own rule sees the picture the media
  // library chose; without it, a picture chosen was never taken: an independent reviewer's).
  var PictureControl = createClass({
    getInitialState: function () { return { asked: 0 }; },
    shouldComponentUpdate: function () { return true; },
    getValidateValue: function () {
      return this.inner && this.inner.getValidateValue ? this.inner.getValidateValue() : this.props.value;
    },
    componentDidMount: function () { this.askAgain(); },
    componentDidUpdate: function () { this.askAgain(); },
    componentWillUnmount: function () { clearTimeout(this.timer); },
    askAgain: function () {
      var self = this;
      var asset = this.props.value && this.props.getAsset(this.props.value, this.props.field);
      if (this.timer || this.state.asked >= 100 || !asset || asset.path !== LOADING) return;
      this.timer = setTimeout(function () {
        self.timer = null;
        self.setState({ asked: self.state.asked + 1 });
      }, 100);
    },
    render: function () {
      if (this.askedFor !== this.state.asked || this.source !== this.props.getAsset) {
        var source = this.source = this.props.getAsset;
        this.askedFor = this.state.asked;
        this.getAsset = function (value, field) { return source(value, field); };
      }
      var self = this;
      return h(image.control, Object.assign({}, this.props, {
        getAsset: this.getAsset,
        ref: function (control) { self.inner = control; },
      }));
    },
  });

  CMS.registerWidget("image", PictureControl, image.preview, image.schema);
  CMS.registerWidget("texts", TextsControl, TextsPreview);
  CMS.registerWidget("reference", ReferenceControl);
  CMS.registerWidget("language_text", LanguageTextControl);
  CMS.registerWidget("kept", KeptControl);
  CMS.registerPreviewStyle("editor.css");

  // The local backend (started by `python -m generator edit`, generator/local_backend.py) listens on the port
  // the address names (`?backend=8081`), on the host the editor was opened from, and answers only requests
  // that carry the key the address holds (`&key=…`, printed by `edit`).
  var query = new URLSearchParams(window.location.search);
  var port = query.get("backend") || "8081";
  var backend = window.location.protocol + "//" + window.location.hostname + ":" + port + "/api/v1?key="
    + encodeURIComponent(query.get("key") || "");
  // The configuration the build generated from the content model, and where each language's page of an
  // explainer is (for the preview).
  fetch("config.json")
    .then(function (response) { return response.json(); })
    .then(function (generated) {
      window.EXPLAINER_PAGES = generated.pages;
      explainerFields = generated.decap.collections[0].fields;
      explainerFolder = generated.decap.collections[0].folder;
      CMS.registerPreviewTemplate("explainers", ExplainerPreview);
      var config = Object.assign({}, generated.decap, { load_config_file: false, local_backend: { url: backend } });
      CMS.init({ config: config });
    });
})();
