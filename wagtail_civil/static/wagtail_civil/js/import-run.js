// The register import's run page (admin): while the import waits or runs, fetch the page every
// few seconds and put the fresh run in place, so the progress bar moves; when the status changes,
// say so in the page's live region. Without JavaScript the page's "Refresh" link does the same.
// (Not <meta http-equiv="refresh">: a page that reloads itself on a timer fails WCAG 2.2.1.)
(function () {
  var box = document.querySelector("[data-civil-import-run]");
  var announce = document.querySelector("[data-civil-import-announce]");
  if (!box || box.dataset.inProgress !== "true") return;
  var seconds = Number(box.dataset.refresh) || 5;

  function statusOf(element) {
    var status = element.querySelector("[data-status]");
    return status ? { key: status.dataset.status, text: status.textContent.trim() } : null;
  }

  function tick() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html")
          .querySelector("[data-civil-import-run]");
        if (!fresh) return;
        var before = statusOf(box), after = statusOf(fresh);
        box.replaceWith(fresh);
        box = fresh;
        if (announce && after && (!before || before.key !== after.key)) {
          announce.textContent = after.text;
        }
        if (fresh.dataset.inProgress === "true") window.setTimeout(tick, seconds * 1000);
      })
      .catch(function () { window.setTimeout(tick, seconds * 2000); });
  }

  window.setTimeout(tick, seconds * 1000);
})();
