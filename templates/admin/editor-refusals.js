// What Decap refuses in the form itself, before a save reaches the save checks (editor-saves.js): a text left empty
// where one is needed, a value not in its field's pattern (a date typed in an Arabic keyboard's digits). Decap
// said only "a field is left empty; it says so in red, in the form below", the red words inside a folded item or
// 5,000 px down, and of a pattern nothing at all, so that Save seemed to do nothing (outside testers, twice). Such
// a refused save is told here, each field named as the save checks name theirs ("Sections 2 › Heading: write it
// in Arabic"); and a save pressed again clears the refusals of the one before (they stayed, stacked beside it).
(function () {
  "use strict";
  var editor = window.explainerEditor;
  var plain = editor.plain;

  // Decap's store, which Decap lends no way to reach: the props of the Provider its root renders first.
  editor.store = function () {
    var root = document.getElementById("nc-root") || {};
    var key = Object.keys(root).filter(function (name) { return name.indexOf("__reactContainer$") === 0; })[0];
    for (var queue = key ? [root[key]] : [], seen = 0; queue.length && seen < 50; seen++) {
      var fiber = queue.shift(), props = fiber.memoizedProps;
      if (props && props.store && typeof props.store.dispatch === "function") return props.store;
      [fiber.child, fiber.sibling].forEach(function (next) { if (next) queue.push(next); });
    }
    return null;
  };

  function blank(value) {
    return value === undefined || value === null || (typeof value === "string" && !value.trim());
  }

  // Each field Decap's checks refuse, by the form's labels; the widgets' own checks, as editor-fields.js and Decap
  // make them: a text needed in every language, a needed value left empty, a value not in its pattern.
  function named(fields, data) {
    var found = [];
    editor.eachField(fields, data, "", function (field, value, label) {
      var needed = field.required !== false;
      if (field.widget === "texts") {
        var written = value && Object.keys(value).some(function (code) { return !blank(value[code]); });
        var empty = (field.languages || []).filter(function (language) { return blank((value || {})[language.code]); });
        if (empty.length && (needed || written)) {
          found.push(label + ": write it in " + empty.map(function (language) { return language.english_name; })
            .join(" and "));
        }
      } else if (field.pattern && typeof value === "string" && value && !new RegExp(field.pattern[0]).test(value)) {
        found.push(label + ": " + field.pattern[1]);
      } else if (needed && !field.fields && !field.field && blank(value)) { // (a list's count: editor-saves.js)
        found.push(label + ": write it");
      }
    });
    return found;
  }

  function isSave(target) {
    var toolbar = ((window.CMS.getLocale("en") || {}).editor || {}).editorToolbar || {};
    var saves = [toolbar.publishNow, toolbar.publishAndCreateNew, toolbar.publishAndDuplicate];
    var item = target.closest && target.closest("[role='menuitem'], [role='button'], button, li, div");
    return Boolean(item) && saves.indexOf((item.textContent || "").trim()) >= 0;
  }

  // Told when Decap refuses a pressed save: in place of its word ("a field is left empty"), taken out as it is sent,
  // or a moment after the press where it sends none (a pattern). A save Decap goes on with is the save checks' to tell.
  var pressed = false, told = false;
  function decapsWord(state) {
    return state.notifications.notifications.filter(function (notice) {
      return notice.message && notice.message.key === "ui.toast.missingRequiredField";
    });
  }
  function dismiss(store) {
    decapsWord(store.getState()).forEach(function (notice) {
      store.dispatch({ type: "NOTIFICATION_DISMISS", id: notice.id });
    });
  }
  // A refusal stays until the editor closes it (a click): it was gone in 6 to 11 seconds, before the field it
  // named was found (a retester's). Decap's own, a refused save's, is sent again so.
  function kept(store) {
    store.getState().notifications.notifications.forEach(function (notice) {
      if (!notice.dismissAfter || !notice.message || notice.message.key !== "ui.toast.onFailToPersist") return;
      store.dispatch({ type: "NOTIFICATION_DISMISS", id: notice.id });
      var again = { message: notice.message, type: "error", dismissAfter: false };
      store.dispatch({ type: "NOTIFICATION_SEND", payload: again });
    });
  }
  function tell(store, late) {
    var state = store.getState(), draft = state.entryDraft;
    kept(store);
    if (told) dismiss(store);
    if (!pressed || (!late && !decapsWord(state).length)) return;
    pressed = false;
    if (draft.getIn(["entry", "isPersisting"]) || draft.get("fieldsErrors").isEmpty()) return;
    var found = named(editor.fields, plain(draft.getIn(["entry", "data"])) || {});
    if (!found.length) return; // (Decap's own word stands)
    told = true;
    dismiss(store);
    var message = "Not saved: " + found.join("; ");
    store.dispatch({ type: "NOTIFICATION_SEND", payload: { message: message, type: "error", dismissAfter: false } });
  }
  var watched = null;
  document.addEventListener("click", function (event) {
    var store = editor.store();
    if (!store || !isSave(event.target)) return;
    if (watched !== store) store.subscribe(function () { tell(store, false); }); // Decap's word, as it is sent
    watched = store;
    editor.pressed = store.getState().entryDraft.get("entry"); // the form as sent (editor.js, after the save)
    store.dispatch({ type: "NOTIFICATION_CLEAR" }); // the refusals of the save before
    pressed = true;
    told = false;
    setTimeout(function () { tell(store, true); }, 300); // a pattern refused: Decap sends no word
  }, true);
})();
