// Give wagtail-localize's translation editor right-to-left fields when the target language is
// written right to left. The editor is rendered by React after load, so new fields are caught
// with a MutationObserver.
(function () {
  "use strict";
  var script = document.currentScript;
  var rtlLanguages = JSON.parse(script.dataset.rtlLanguages || "[]");

  function targetDirection(editor) {
    try {
      var props = JSON.parse(editor.dataset.props);
      return rtlLanguages.indexOf(props.locale.code) === -1 ? "ltr" : "rtl";
    } catch (error) {
      return "auto";
    }
  }

  function applyDirection(editor, direction) {
    editor.querySelectorAll("textarea, input[type='text']").forEach(function (field) {
      if (field.getAttribute("dir") !== direction) {
        field.setAttribute("dir", direction);
      }
    });
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor[data-props]");
    if (!editor) {
      return;
    }
    var direction = targetDirection(editor);
    editor.classList.add("translation-target-" + direction);
    applyDirection(editor, direction);
    new MutationObserver(function () {
      applyDirection(editor, direction);
    }).observe(editor, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
