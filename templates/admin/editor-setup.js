// Runs before Decap CMS loads: editor.js starts it once the site's widgets are registered.
window.CMS_MANUAL_INIT = true;

// An entry's address pasted in a tab that shows another entry differs only after `#`, so the browser loads
// nothing, and Decap keeps the form of the entry it read first under the new address, and saves that (an
// outside tester's finding). The editor is loaded anew at the new address instead. Registered before Decap's
// router, which is not told: the address is set back to the entry shown first, so an editor who declines to
// leave an unsaved edit keeps a form that matches its address. `opened` makes the address a new one to load.
(function () {
  "use strict";
  // The entry an editor's address shows: `explainers/<name>`, or `explainers/` for the form of a new one (whose
  // address pasted over, too, kept the empty form under an existing explainer's address: a Delete there
  // deleted that explainer's file, an outside tester's finding).
  function entryOf(address) {
    var match = /#\/collections\/([^/?]+)\/(?:entries\/([^?]+)|new)/.exec(address);
    return match ? match[1] + "/" + (match[2] || "") : null;
  }
  var address = new URL(window.location.href);
  if (address.searchParams.has("opened")) {
    address.searchParams.delete("opened");
    history.replaceState(history.state, "", address.href);
  }
  window.addEventListener("hashchange", function (event) {
    var shown = entryOf(event.oldURL);
    var asked = entryOf(event.newURL);
    if (!shown || !asked || shown === asked || asked.slice(-1) === "/") return; // to a new one's form: Decap's own
    event.stopImmediatePropagation();
    history.replaceState(history.state, "", event.oldURL);
    var target = new URL(event.newURL);
    target.searchParams.set("opened", String(Date.now()));
    window.location.assign(target.href);
  });
})();

// Decap asks for an entry's local backup (what was typed and not saved, kept in this browser's IndexedDB) and
// for the entry itself at once. The backup comes first, Decap offers it, and the entry read from the files,
// arriving after, replaces what the editor chose to take back: an outside tester's typing, lost after a closed
// tab. So a read of a backup (localforage's `get` of a `backup.` key) made while no entry's form is shown is
// answered once one is: editor-fields.js counts the text boxes shown (`explainerForm`).
//
// A backup is typing over the file as it was read then. Taken back after a colleague saved the file, it was
// saved over their save, undoing it (an outside tester's finding): the save check compared the file with itself
// as read at reopening. So each backup written keeps, beside Decap's fields, the text it was typed over
// (`explainerBase`: the file as this tab read it, or the base of the backup it was taken back from), and a
// backup read back lends it to the save check (`explainerBackups.base`) until the backup is deleted (declined,
// or saved).
(function () {
  "use strict";
  var shown = 0;
  var waiting = [];
  var inherited = {}; // by backup key: the text a backup read back was typed over
  window.explainerForm = function (change) { // returns how many are shown now
    shown += change;
    if (shown > 0) waiting.splice(0).forEach(function (answer) { answer(); });
    return shown;
  };
  window.explainerBackups = {
    read: function () { return undefined; }, // editor-saves.js: the file's text as this tab read it, by backup key
    base: function (key) { return inherited[key]; },
  };
  function isBackup(key) { return typeof key === "string" && key.indexOf("backup.") === 0; }
  function lend(key, found) {
    if (found && typeof found.explainerBase === "string") inherited[key] = found.explainerBase;
  }
  var put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (isBackup(key) && value && typeof value === "object") {
      var base = key in inherited ? inherited[key] : window.explainerBackups.read(key);
      if (typeof base === "string") value.explainerBase = base;
    }
    return put.apply(this, arguments);
  };
  var remove = IDBObjectStore.prototype.delete;
  IDBObjectStore.prototype.delete = function (key) {
    if (isBackup(key)) delete inherited[key];
    return remove.apply(this, arguments);
  };
  var get = IDBObjectStore.prototype.get;
  IDBObjectStore.prototype.get = function (key) {
    var request = get.apply(this, arguments);
    if (!isBackup(key)) return request;
    if (shown > 0) {
      request.addEventListener("success", function () { lend(key, request.result); }); // before localforage's
      return request;
    }
    var held = { result: undefined, error: null, readyState: "pending", source: request.source };
    held.onsuccess = held.onerror = null;
    function later(kind) {
      return function (event) {
        var answer = function () {
          held.readyState = "done";
          held.result = request.result;
          held.error = request.error;
          lend(key, request.result);
          if (typeof held[kind] === "function") held[kind].call(held, event);
        };
        if (shown > 0) answer();
        else waiting.push(answer);
      };
    }
    request.onsuccess = later("onsuccess");
    request.onerror = later("onerror");
    return held;
  };
})();
