// Behaviours that pages used to carry as inline scripts and on…= attributes. The
// Content-Security-Policy runs only scripts from our own files, so each page marks its
// elements with data-… attributes and the handlers live here (event delegation: they
// also work on content HTMX swaps in).
(function () {
  "use strict";

  // A radio button that applies its choice at once (the form still has a button
  // inside <noscript>).
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.matches("[data-submit-on-change]") && input.form) input.form.requestSubmit();
  });

  // Groups thousands with dots as the officer types: 1500000 -> 1.500.000.
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches("input[data-money]")) return;
    const digits = input.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
    input.value = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  });

  // Selecting dispatches (not cases): its own counter, so app.js keeps counting cases.
  function batchBoxes() { return Array.from(document.querySelectorAll("input.rv-batch-check")); }
  function updateBatchCount() {
    const boxes = batchBoxes();
    const n = boxes.filter((b) => b.checked).length;
    document.querySelectorAll("[data-batch-count]").forEach((el) => {
      el.textContent = n ? "Đã chọn " + n + " phiếu chuyển" : "Chưa chọn phiếu chuyển nào";
    });
    document.querySelectorAll("[data-needs-batch]").forEach((el) => { el.disabled = n === 0; });
    document.querySelectorAll("input[data-select-all-batches]").forEach((all) => {
      all.checked = boxes.length > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    });
  }
  document.addEventListener("change", (event) => {
    if (event.target.matches("input[data-select-all-batches]")) {
      batchBoxes().forEach((b) => { b.checked = event.target.checked; });
    }
    if (event.target.matches("input[data-select-all-batches], input.rv-batch-check")) {
      updateBatchCount();
    }
  });
  document.addEventListener("DOMContentLoaded", () => {
    if (document.querySelector("[data-batch-count], input.rv-batch-check")) updateBatchCount();
  });
})();
