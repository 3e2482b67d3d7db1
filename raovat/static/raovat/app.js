// Small behaviours shared by the officers' screens. Everything works with the keyboard.
(function () {
  "use strict";

  function rowChecks(scope) {
    return Array.from((scope || document).querySelectorAll("input.rv-row-check"));
  }

  function updateCount() {
    const checked = rowChecks().filter((c) => c.checked).length;
    document.querySelectorAll("[data-selected-count]").forEach((el) => {
      el.textContent = checked ? "Đã chọn " + checked + " hồ sơ" : "Chưa chọn hồ sơ nào";
    });
    document.querySelectorAll("[data-needs-selection]").forEach((el) => {
      el.disabled = checked === 0;
    });
    document.querySelectorAll("input[data-select-all]").forEach((all) => {
      const boxes = rowChecks();
      all.checked = boxes.length > 0 && boxes.every((c) => c.checked);
      all.indeterminate = checked > 0 && checked < boxes.length;
    });
  }

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("input[data-select-all]")) {
      rowChecks().forEach((c) => { c.checked = target.checked; });
    }
    if (target.matches("input[data-select-all], input.rv-row-check")) updateCount();
  });

  // A dialog opened from a row acts on that row; opened from the toolbar, on the selection.
  document.addEventListener("show.bs.modal", (event) => {
    const modal = event.target;
    const holder = modal.querySelector("[data-selection-holder]");
    if (!holder) return;
    holder.innerHTML = "";
    const button = event.relatedTarget;
    let ids = [];
    let labels = [];
    if (button && button.dataset.caseId) {
      ids = [button.dataset.caseId];
      labels = [button.dataset.caseNumber];
    } else {
      rowChecks().filter((c) => c.checked).forEach((c) => {
        ids.push(c.value);
        labels.push(c.dataset.caseNumber);
      });
    }
    ids.forEach((id) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "hs";
      input.value = id;
      holder.appendChild(input);
    });
    const list = modal.querySelector("[data-selection-list]");
    if (list) list.textContent = labels.join(", ");
  });

  document.addEventListener("shown.bs.modal", (event) => {
    const first = event.target.querySelector("textarea, input:not([type=hidden]), button.btn-primary");
    if (first) first.focus();
  });

  document.addEventListener("DOMContentLoaded", updateCount);
})();
