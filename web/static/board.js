// Ganshi live board: rotates categories on a display (kiosk mode) and
// takes each new board body from the server's event stream. EventSource
// reconnects by itself after a network drop; when the server refused the
// stream (a restart answering 502, say) a new one is opened a few seconds
// later, unless the page itself is now refused (a revoked link).
"use strict";
(function () {
  var body = document.body;
  var main = document.getElementById("board");
  var status = document.getElementById("board-status");
  var rotate = parseInt(body.dataset.rotate || "0", 10);
  var idx = 0;
  var frames = 0;

  function show() {
    var cats = main.querySelectorAll(".board-category");
    if (!(rotate > 0) || cats.length < 2) {
      body.classList.remove("rotating");
      cats.forEach(function (c) { c.classList.remove("current"); });
      return;
    }
    body.classList.add("rotating");
    idx = idx % cats.length;
    cats.forEach(function (c, i) { c.classList.toggle("current", i === idx); });
    body.dataset.showing = cats[idx].dataset.category;
  }
  show();
  if (rotate > 0) {
    setInterval(function () { idx++; show(); }, rotate * 1000);
  }

  var url = body.dataset.events;
  if (!url || !window.EventSource) { return; }

  function revoked() {
    main.innerHTML = "";
    status.textContent = status.dataset.revoked;
    body.classList.add("revoked");
  }

  function connect() {
    var es = new EventSource(url);
    es.addEventListener("board", function (ev) {
      main.innerHTML = ev.data;
      frames++;
      body.dataset.frames = String(frames);
      status.textContent = "";
      show();
    });
    es.addEventListener("revoked", function () { es.close(); revoked(); });
    es.onerror = function () {
      status.textContent = status.dataset.offline;
      if (es.readyState !== EventSource.CLOSED) { return; }
      setTimeout(function () {
        fetch(window.location.href, { method: "HEAD", cache: "no-store" }).then(function (r) {
          if (r.status === 403) { revoked(); } else { connect(); }
        }, function () { connect(); });
      }, 3000 + Math.random() * 4000);
    };
  }
  connect();
})();
