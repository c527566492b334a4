// The editor's own fields (editor.js starts Decap with them): a text in every language side by side, one language
// of a paragraph, a picture kept as written, a reference to an item of the same explainer, and Decap's picture
// field mended. Nothing here names a language: each field carries the site's languages, with their names and
// directions (config.json, generated from the content model by the build: generator/editor_config.py).
// What the save checks need of this file is on `window.explainerEditor`: how a value is read, and what a paste
// leaves out.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var editor = window.explainerEditor = window.explainerEditor || {};

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
  // And a direction mark between two Arabic letters (`و|النقابة`, pasted from a web page), which no word needs and
  // `check` refuses too: it was kept, and the save refused for what no box shows (an outside tester's).
  var MARK_IN_WORD = /(?<=[\u0621-\u064a])[\u061c\u200e\u200f]+(?=[\u0621-\u064a])/g;
  function cleaned(text) {
    return text.replace(INVISIBLE, "").replace(SPLIT_WORD, "").replace(LOOSE, "").replace(JOINER_IN_WORD, "")
      .replace(MARK_IN_WORD, "").replace(/[\u2028\u2029]/g, "\n");
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

  editor.plain = plain;
  editor.cleaned = cleaned;

  // Each field of a form at every depth, with the label the save checks name it by (`Sections 2 › Heading`):
  // `visit(field, value, label, where)`, then a group's fields, each item of a list of groups, each value of a
  // list of single values ("Former slugs 2"). Both save checks walk so (editor-saves.js: what `check` refuses;
  // editor-refusals.js: what Decap refused), each with its own rules.
  editor.eachField = function eachField(fields, data, where, visit) {
    fields.forEach(function (field) {
      var value = data ? data[field.name] : undefined, label = where + field.label;
      visit(field, value, label, where);
      if (field.field && Array.isArray(value)) {
        value.forEach(function (item, i) {
          var holder = {};
          holder[field.field.name] = item;
          eachField([Object.assign({}, field.field, { label: label + " " + (i + 1) })], holder, "", visit);
        });
      } else if (field.fields && Array.isArray(value)) {
        value.forEach(function (item, i) {
          if (item && typeof item === "object") eachField(field.fields, item, label + " " + (i + 1) + " › ", visit);
        });
      } else if (field.fields && value && typeof value === "object") {
        eachField(field.fields, value, label + " › ", visit);
      }
    });
  };

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
      // Of Decap's kind PRESENCE, for which a refused save says so at the top (editor.js): of any other, the only word
      // was red text by the field, far below the button an outside tester pressed.
      return { error: { type: "PRESENCE", message: "Write it in every language: " + which + " empty." } };
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
    // An entry's form is shown while a text's box is: its local backup may be offered then (editor-setup.js), and
    // its file is read as the form first shows it, for the save check (editor-saves.js).
    componentDidMount: function () {
      this.fit();
      editor.asRead(this.props.entry, window.explainerForm(1) === 1);
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
})();
