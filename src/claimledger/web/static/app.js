// claimledger web app: keyboard navigation and the article view's claim selection.
// No inline script anywhere (Content-Security-Policy: script-src 'self'); this file is all the page runs.
(function () {
  "use strict";

  function navItems() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-nav]"));
  }

  var current = -1;

  function select(index, scroll) {
    var items = navItems();
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (el, i) { el.classList.toggle("selected", i === current); });
    var el = items[current];
    if (scroll !== false) el.scrollIntoView({ block: "nearest" });
    if (el.dataset.claim) showClaim(el.dataset.claim, false);
  }

  function open(el) {
    var link = el.querySelector("a[data-open]") || el.querySelector("a[href]");
    var href = el.dataset.href || (link && link.getAttribute("href"));
    if (href) window.location.assign(href);
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev.target)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.key === "j") { select(current + 1); ev.preventDefault(); }
    else if (ev.key === "k") { select(current - 1); ev.preventDefault(); }
    else if (ev.key === "Enter" && current >= 0) { open(navItems()[current]); ev.preventDefault(); }
    else if (ev.key === "/") {
      var search = document.getElementById("search");
      if (search) { search.focus(); search.select(); ev.preventDefault(); }
    }
  });

  // ---- article view: a claim's spans and its card light up together ----
  function showClaim(claimId, scrollCard) {
    document.querySelectorAll(".article-text .active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".claim-card.active").forEach(function (el) { el.classList.remove("active"); });
    if (!claimId) return;
    var spans = document.querySelectorAll('.article-text [data-claim="' + CSS.escape(claimId) + '"]');
    spans.forEach(function (el) { el.classList.add("active"); });
    var card = document.getElementById("claim-" + claimId);
    if (card) {
      card.classList.add("active");
      if (scrollCard) card.scrollIntoView({ block: "nearest" });
    }
    if (spans.length && scrollCard === false) spans[0].scrollIntoView({ block: "nearest" });
  }

  var text = document.getElementById("article-text");
  if (text) {
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest("[data-claim]");
      if (!el) return;
      var id = el.dataset.claim;
      showClaim(id, true);
      var items = navItems();
      var card = document.getElementById("claim-" + id);
      current = items.indexOf(card);
      items.forEach(function (x, i) { x.classList.toggle("selected", i === current); });
    });
    document.querySelectorAll(".claim-card").forEach(function (card) {
      card.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        showClaim(card.dataset.claim, false);
      });
    });
    var m = /^#claim-(.+)$/.exec(window.location.hash);
    if (m) {
      var items = navItems();
      var card = document.getElementById("claim-" + decodeURIComponent(m[1]));
      if (card) select(items.indexOf(card), false);
      showClaim(decodeURIComponent(m[1]), true);
    }
  }

  // Table rows: a click anywhere on a row with data-href opens it (links inside keep their own target).
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.addEventListener("click", function (ev) {
      if (ev.target.closest("a, button, input, select")) return;
      window.location.assign(row.dataset.href);
    });
  });
})();
