// The desk pages (review queue, questions). Loaded by those pages; a boosted navigation may run it again, so it
// registers its document-level handlers once.
(function () {
  "use strict";
  if (window.helpBotDesk) return;
  window.helpBotDesk = true;

  // A desk form's refusal (unknown item, too long, answered by someone else…) is shown in place like any outcome,
  // not as a page-wide error: the response is the outcome fragment with its status.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status >= 400 && event.detail.elt.closest("[data-desk-form]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Review queue: one selected row, moved with ↑/↓ (j/k); 1–3, o and s press that row's buttons.
  function queue() { return document.getElementById("review-rows"); }
  function waitingRows() { var rows = queue(); return rows ? Array.prototype.slice.call(rows.querySelectorAll("tr.review-item")) : []; }
  function selectedRow() { var rows = queue(); return rows && rows.querySelector("tr.review-item[aria-selected='true']"); }

  function select(row) {
    waitingRows().forEach(function (r) { r.removeAttribute("aria-selected"); });
    if (!row) return;
    row.setAttribute("aria-selected", "true");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function selectFirstIfNone() {
    if (!selectedRow() && waitingRows().length > 0) select(waitingRows()[0]);
  }

  // The waiting row after (or else before) a row: where the selection goes once that row is filed.
  function neighbourOf(row) {
    var rows = waitingRows(), at = rows.indexOf(row);
    return rows[at + 1] || rows[at - 1] || null;
  }

  var afterFiling = null;

  document.addEventListener("keydown", function (event) {
    if (!queue() || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    var rows = waitingRows(), row = selectedRow(), at = rows.indexOf(row);
    switch (event.key) {
      case "ArrowDown": case "j":
        select(row ? rows[Math.min(at + 1, rows.length - 1)] : rows[0]);
        break;
      case "ArrowUp": case "k":
        select(row ? rows[Math.max(at - 1, 0)] : rows[0]);
        break;
      case "1": case "2": case "3": case "o": case "s":
        var button = row && row.querySelector("button[data-pick='" + event.key + "']");
        if (!button) return;
        button.click();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr.review-item");
    if (row) select(row);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.detail.elt.closest("tr.review-item");
    if (row) afterFiling = neighbourOf(row);
  });

  // "More" asks for the items after those still waiting here (filed or answered ones have left the list).
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id === "review-more") event.detail.parameters["skip"] = String(waitingRows().length);
    if (event.detail.elt.id === "questions-more") event.detail.parameters["skip"] = String(document.querySelectorAll("#question-list li.question:not(.answered)").length);
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (afterFiling && afterFiling.isConnected) select(afterFiling);
    afterFiling = null;
    selectFirstIfNone();
  });
  document.addEventListener("DOMContentLoaded", selectFirstIfNone);
  selectFirstIfNone();
})();
