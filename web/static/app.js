// Ganshi web console: small conveniences on top of pages that work
// without script. No inline handlers (the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A form marked data-once is sent once: a double click gives one
  // signature (the server refuses the second as well).
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (form.dataset.sent) { ev.preventDefault(); return; }
      var btn = ev.submitter;
      if (btn && btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) { ev.preventDefault(); return; }
      if (form.querySelector("[data-once]")) {
        form.dataset.sent = "1";
        setTimeout(function () {
          form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
        }, 0);
      }
    });
  });
  // "Select all" ticks every box of a list.
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      var name = all.dataset.selectAll;
      all.form.querySelectorAll("input[type=checkbox][name=" + name + "]").forEach(function (b) { b.checked = all.checked; });
    });
  });
  // A print button prints the page (the annual profile's A4 page).
  document.querySelectorAll("[data-print]").forEach(function (btn) {
    btn.addEventListener("click", function () { window.print(); });
  });
  // A file over the limit is refused before it is sent.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      var tooBig = f && f.size > Number(input.dataset.maxBytes);
      input.setCustomValidity(tooBig ? input.dataset.tooLarge : "");
      if (tooBig) { input.reportValidity(); }
    });
  });
});
