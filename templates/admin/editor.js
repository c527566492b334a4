// The site's editor: Decap CMS with fields of our own (editor-fields.js), checks of each save (editor-saves.js)
// and a preview that shows the built pages, started with the configuration the build generates from the content
// model (generator/editor.py). Loaded last, after Decap and the two files it starts Decap with (index.html).
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var editor = window.explainerEditor;
  var plain = editor.plain;

  // The preview pane shows what readers will see: the built page in each language, served beside the editor
  // (`python -m generator edit` rebuilds it on every save, and the page reloads itself).
  var site = new URL("../", window.location.href);
  var ExplainerPreview = createClass({
    getInitialState: function () { return { unread: null, review: null }; },
    // A file that does not read opens as an empty form: the backend says where (generator/decap_api.py, `unread`),
    // which the form never did (an outside editor took the explainer for lost).
    componentDidMount: function () {
      var entry = this.props.entry, self = this;
      if (entry.get("newRecord") || (plain(entry.get("data")) || {}).slug) return;
      editor.ask("unread", { path: entry.get("path") }).then(function (found) {
        if (found && found.problem) self.setState({ unread: found.problem });
      });
    },
    render: function () {
      var data = plain(this.props.entry.get("data")) || {};
      var config = window.EXPLAINER_PAGES || [];
      if (this.state.unread) {
        return h("p", { role: "alert", className: "bx-unread" }, "This file does not read as it is on disk ("
          + this.state.unread + "), so the form shows none of it; a save or a delete is refused. Mend the file "
          + "in a text editor: python -m generator check names the line.");
      }
      if (!data.slug || this.props.entry.get("newRecord")) {
        return h("p", {}, "The preview shows the built pages once the explainer is saved.");
      }
      var pages = config.map(function (page) {
        var address = new URL(page.path.replace("{slug}", encodeURIComponent(data.slug)), site).href;
        return h(
          "section",
          { key: page.code },
          h("h2", {}, page.name),
          h("iframe", { src: address, title: page.name, lang: page.code })
        );
      });
      return h("div", { className: "bx-preview" }, local ? [this.review()].concat(pages) : pages);
    },
    // A translation's review, marked from here as `mark-reviewed` marks it (generator/decap_api.py): a browser's
    // explainer could not pass `check --strict`, the pull request's gate, without a terminal (an outside tester's).
    review: function () {
      var self = this, path = this.props.entry.get("path");
      var mark = function () {
        self.setState({ review: "Marking…" });
        editor.ask("markReviewed", { path: path }).then(function (found) {
          self.setState({ review: found ? found.said : "Not marked: the editor's backend did not answer." });
        });
      };
      return h("div", { key: "review", className: "bx-review" },
        h("p", {}, "Read each text of the saved explainer in every language. When they say the same, record it:"),
        h("button", { type: "button", onClick: mark }, "Mark every language reviewed"),
        this.state.review ? h("pre", { role: "status" }, this.state.review) : null);
    },
  });

  // The local backend's refusal (`edit` refuses a save `check` would: generator/decap_api.py, SaveCheck) Decap
  // raises as an error of its own, named "API_ERROR" ("Not saved: API_ERROR: title.ar, …"): told by its message,
  // as our own refusals are (editor-saves.js).
  // And a save with no answer at all (offline, or `edit` stopped) said "TypeError: Failed to fetch" (a retester's).
  var told = Error.prototype.toString;
  Error.prototype.toString = function () {
    if (this instanceof TypeError && /fetch|network/i.test(this.message)) {
      return "the editor's backend did not answer (offline, or `edit` stopped); what you typed stays here: save again"
        + " once it is back";
    }
    return this.name === "API_ERROR" && this.api === "Proxy" ? this.message : told.call(this);
  };
  // Decap tells a failed save "Failed to persist entry: …" (an outside tester read it as the editor breaking):
  // a refused one says "Not saved: …". And the "new" button says "New Explainer": Decap's English writes "＋ Explainer", a fullwidth plus no
  // installed font has, shown as an empty box (outside testers, twice).
  // With the local backend (`edit`, whose address holds its key) a save writes files on this computer, which the
  // public site has only once they are committed and deployed: Decap said "Published" and its "View Live" opened
  // the public site, which had none of it (an outside tester's). There they say so, and open the preview.
  var local = new URLSearchParams(window.location.search).has("key");
  // Decap asks from what its form last rendered, which a save just made has not yet reached: "Save and copy" asked
  // whether to leave the explainer it had just saved (outside testers'). Nothing unsaved in its store, it is not asked.
  var LEAVING = "Leave this explainer? What you typed and did not save will be lost. Cancel keeps it: save first.";
  var asked = window.confirm.bind(window);
  window.confirm = function (message) {
    var store = message === LEAVING && editor.store();
    return store && !store.getState().entryDraft.get("hasChanged") ? true : asked(message);
  };
  var english = CMS.getLocale("en");
  if (english && english.ui && english.ui.toast && english.collection && english.collection.collectionTop) {
    var toast = Object.assign({}, english.ui.toast, {
      onFailToPersist: "Not saved: %{details}",
      missingRequiredField: "Not saved: a field is left empty; it says so in red, in the form below",
    });
    var top = Object.assign({}, english.collection.collectionTop, { newButton: "New %{collectionLabel}" });
    var toolbar = Object.assign({}, english.editor.editorToolbar, local ? {
      publish: "Save", publishNow: "Save to this computer", publishing: "Saving…",
      published: "Saved on this computer", deployButtonLabel: "View in the preview",
      publishAndCreateNew: "Save and start a new one", publishAndDuplicate: "Save and copy", // (said "Publish")
    } : {});
    // Leaving an entry from inside the editor (its ← or the browser's Back) drops what was typed and not saved,
    // the browser's backup of it too; Decap asked only "Are you sure you want to leave this page?" (a tester's).
    var leaving = Object.assign({}, english.editor.editor, { onLeavePage: LEAVING });
    CMS.registerLocale("en", Object.assign({}, english, {
      ui: Object.assign({}, english.ui, { toast: toast }),
      collection: Object.assign({}, english.collection, { collectionTop: top }),
      editor: Object.assign({}, english.editor, { editorToolbar: toolbar, editor: leaving }),
    }));
  }
  CMS.registerPreviewStyle("editor.css");

  // A list item's × removed a whole section, its paragraphs and points, at one click, and nothing brought it back
  // (Decap keeps no undo: a retester's). It asks first, naming the item as its folded line does.
  document.addEventListener("click", function (event) {
    var bar = event.target.closest && event.target.closest('[class*="ListItemTopBar"]');
    var button = bar && event.target.closest("button");
    if (!button || button !== bar.querySelector(":scope > button:last-of-type")) return;
    var line = bar.parentElement.querySelector('[class*="NestedObjectLabel"]'), named = line && line.textContent.trim();
    var question = "Remove this item" + (named ? " (" + named.slice(0, 80) + ")" : "") + " and all it holds? Only"
      + " leaving the explainer without saving brings it back.";
    if (window.confirm(question)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }, true);

  // Decap compares the form with the entry as read when it was opened, never with what a save wrote: a field typed
  // back after a save to what it first was showed "Changes saved" and offered no save, the file keeping the change
  // (an outside tester's). After each save the form as it was sent (as Save was pressed: editor-refusals.js)
  // becomes the entry it is compared with, in Decap's store; and what was typed while it saved, which Decap then
  // called saved, offering no save and asking nothing on leaving (a retester's, lost), is a change still to save.
  // And a saved explainer's own dates still to come, which `check` warns of in a terminal, are said where the
  // editor looks: "Published 2027-05-01" was saved unwarned (an outside tester's).
  function stillToSave(store, sent) {
    var stop = store.subscribe(function () {
      var draft = store.getState().entryDraft, now = draft.getIn(["entry", "data"]);
      if (draft.getIn(["entry", "isPersisting"])) return; // (Decap calls the form saved once it is written)
      stop();
      if (!now || now.equals(sent.get("data"))) return;
      var name = now.keySeq().first(), field = { get: function (key) { return key === "name" ? name : undefined; } };
      var changed = { field: field, value: now.get(name), metadata: {}, entries: [sent] }; // (compared with `sent`)
      store.dispatch({ type: "DRAFT_CHANGE_FIELD", payload: changed });
    });
  }
  CMS.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var store = editor.store(), sent = editor.pressed;
      var slug = (plain(event.entry.get("data")) || {}).slug;
      var path = event.entry.get("path") || (slug && editor.folder + "/" + slug + ".yml"); // (a new one's: its slug)
      editor.ask("ahead", { path: path }).then(function (found) {
        var message = found && found.ahead && found.ahead.length && "Saved, but: " + found.ahead.join("; ");
        if (!message || !store) return;
        store.dispatch({ type: "NOTIFICATION_SEND", payload: { message: message, type: "warning" } });
      });
      if (!store || !sent || sent.get("newRecord") || !sent.get("slug")) return; // (a new one is read anew by Decap)
      var entry = sent.delete("isPersisting").toJS();
      store.dispatch({ type: "ENTRY_SUCCESS", payload: { collection: sent.get("collection"), entry: entry } });
      stillToSave(store, sent);
    },
  });

  // The configuration the build generated from the content model, and where each language's page of an
  // explainer is (for the preview). The fields and the save checks are set up already (editor-fields.js,
  // editor-saves.js, loaded before this file), which take the explainer's fields from it.
  fetch("config.json")
    .then(function (response) { return response.json(); })
    .then(function (generated) {
      window.EXPLAINER_PAGES = generated.pages;
      editor.fields = generated.decap.collections[0].fields;
      editor.folder = generated.decap.collections[0].folder;
      CMS.registerPreviewTemplate("explainers", ExplainerPreview);
      var backend = { load_config_file: false, local_backend: { url: editor.backend } };
      if (local) backend.site_url = site.href; // ("View in the preview": the pages `edit` builds and serves)
      CMS.init({ config: Object.assign({}, generated.decap, backend) });
    });
})();
