// What a save is checked for before Decap writes it (editor.js starts Decap with these checks): what `check`
// would refuse and Decap lets through, a file saved elsewhere since the form read it, and slugs other explainers
// claim. A refused save names each problem and writes nothing; what was typed stays in the form.
(function () {
  "use strict";
  var CMS = window.CMS;
  var editor = window.explainerEditor;
  var plain = editor.plain;
  var cleaned = editor.cleaned;
  editor.fields = []; // the explainer's fields and its folder, as config.json gives them (set by editor.js)
  editor.folder = "";

  // The local backend (started by `python -m generator edit`, generator/local_backend.py) listens on the port
  // the address names (`?backend=8081`), on the host the editor was opened from, and answers only requests
  // that carry the key the address holds (`&key=…`, printed by `edit`).
  var query = new URLSearchParams(window.location.search);
  var port = query.get("backend") || "8081";
  var backend = editor.backend = window.location.protocol + "//" + window.location.hostname + ":" + port
    + "/api/v1?key=" + encodeURIComponent(query.get("key") || "");

  // What an editor emptied is left out of the file, as if never written: an optional text whose languages are all
  // empty, a string cleared, a group or list with nothing left in it (Decap wrote `url: ""`, which `check` refuses).
  // Every string is `cleaned` too: Decap's own fields kept the invisible characters a paste brought (a tester's).
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
  function lacking(fields, whole) {
    var found = [];
    editor.eachField(fields, whole, "", function (field, value, label, where) {
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
      if (field.fields && value && !Array.isArray(value)) found = found.concat(pictured(field.fields, value, label));
      if (field.fields && Array.isArray(value)) {
        value.forEach(function (item, i) { found = found.concat(oneLanguage(field.fields, item, label + " " + (i + 1))); });
      }
    });
    return found;
  }
  // A year, month or day as written (2019, 2023-07, 2023-09-12) that the calendar has: `2023-02-30` had the field's
  // form, was saved, and only `check` refused it (an outside tester's). Another form is the field's pattern's.
  function onTheCalendar(text) {
    var parts = /^[0-9]{4}(-[0-9]{2}){0,2}$/.test(text) ? text.split("-").map(Number) : [];
    if (parts.length > 1 && (parts[1] < 1 || parts[1] > 12)) return false;
    return parts.length < 3 || (parts[2] >= 1 && parts[2] <= new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate());
  }
  // A picture is a file or a map the build draws, one of the two (model.py's Figure): both fields are optional
  // in the form, so a picture begun with neither, or given both, was saved. Taken out: every field cleared.
  function pictured(fields, value, label) {
    var names = fields.map(function (field) { return field.name; });
    if (names.indexOf("file") < 0 || names.indexOf("map") < 0) return [];
    if (!value.file && !value.map) return [label + ": choose its file, or draw a map; to take it out, clear its other fields too"];
    return value.file && value.map ? [label + ": has both a file and a map: keep one"] : [];
  }
  // Two voices or two sections with one id: a second tester renamed one to another's id, and `check` refused it.
  function repeatedIds(data) {
    var found = [];
    editor.fields.forEach(function (field) {
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
  // The local backend's answer, or null (none, or not the local backend); editor.js asks it too.
  var ask = editor.ask = function (action, params) {
    var asked = { action: action, params: Object.assign({ branch: "main" }, params) };
    var request = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(asked) };
    return fetch(backend, request)
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  };
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
  editor.asRead = asRead;
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

  // A slug another explainer has (its slug, or a former one): a new explainer given it was saved as `<slug>-1.yml`,
  // and a slug changed to it was saved, both refused by `check` once the form was gone (an outside tester's). Every
  // explainer file the local backend lists is read for the slugs it claims, as slugs.py reads them, and the save is
  // refused, naming the file and its title. A new explainer's file is named by its slug: that name clashes too.
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
    return ask("entriesByFolder", { folder: editor.folder, extension: "l", depth: 20 }).then(function (entries) {
      var files = (entries || []).filter(function (entry) {
        var path = entry.file && entry.file.path;
        return path && path !== own && typeof entry.data === "string" && /\.ya?ml$/.test(path);
      }).map(function (entry) {
        var title = /^title:[ \t]*\n[ \t]+[\w-]+:[ \t]*([^|>\s].*)$/m.exec(entry.data); // (the producer knows it so)
        var named = entry.file.path + (title ? " (“\u2068" + title[1].trim().replace(/^(["'])(.*)\1$/, "$2") + "\u2069”)" : "");
        return { path: entry.file.path, named: named, claims: claims(entry.data) };
      });
      return function (slug, named) {
        var told = null;
        files.forEach(function (file) {
          var at = file.claims.indexOf(slug);
          if (told) return;
          if (at === 0) told = "is the slug of " + file.named;
          else if (at > 0) told = "is a former slug of " + file.named;
          else if (named && file.path.replace(/^.*\//, "") === slug + ".yml") told = "is the name of " + file.named
            + ", which a new explainer's file would take";
        });
        return told;
      };
    });
  }
  // The slug and each former slug the form gives, as `check` would take them: a slug's form, not the slug itself,
  // and none another explainer claims (a second tester typed other explainers' slugs as former ones; a copy kept
  // its original's). The files are read once a save, and only when there is a slug to look for.
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
        var said = how(pair[1], pair[0] === "Slug" && entry.get("newRecord")), copied = entry.get("newRecord");
        return said && pair[0] + ": " + pair[1] + " " + said + (copied && pair[0] !== "Slug" // ("Save and copy"'s)
          ? ": a new explainer has none; take it out" : ": choose another");
      }).filter(Boolean));
    });
  }

  // A refused save was told "Failed to persist entry: Error: …" (read as the editor breaking): it says "Not saved: …".
  function refusal(text) {
    var error = new Error(text);
    error.name = ""; // told as its message alone
    return error;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = prune(entry.get("data")) || entry.get("data");
      var found = lacking(editor.fields, plain(data)).concat(repeatedIds(plain(data)));
      var path = entry.get("path");
      var taken = window.explainerBackups.base(backupKey(entry)); // the form holds a backup's typing
      var base = entry.get("newRecord") ? null : typeof taken === "string" ? taken : readFiles[path];
      return Promise.all([base, typeof base === "string" || base instanceof Promise ? fileText(path) : undefined])
        .then(function (texts) { // a change on disk to the comments alone is no clash: the save keeps it
          if (typeof texts[0] !== "string" || typeof texts[1] !== "string" || texts[0] === texts[1]) return texts;
          return ask("sameValues", { path: path, texts: texts }).then(function (found) {
            return found && found.same === true ? [texts[1], texts[1]] : texts;
          });
        })
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
})();
