// The check-in screen: fetch the next code as the one shown expires.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-code-url]");
  if (!box) { return; }
  var code = box.querySelector("[data-code]");
  var state = box.querySelector("[data-state]");
  function next(ms) { setTimeout(refresh, Math.min(Math.max(ms, 500), 30000)); }
  function refresh() {
    fetch(box.dataset.codeUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (d) {
        code.textContent = d.open ? d.code : "——";
        state.textContent = d.open ? (d.out ? box.dataset.out : box.dataset.in) : box.dataset.closed;
        next(d.open ? d.ms_left + 200 : 10000);
      })
      .catch(function () { next(3000); });
  }
  next(Number(box.dataset.msLeft) + 200);
});
