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

  // File inputs speak Vietnamese whatever the browser's language: the native input stays
  // (keyboard, drag and drop, "required" and its message), transparent, over a button
  // "Chọn tệp…" and the name of the chosen file.
  function fileLabel(input) {
    const n = input.files ? input.files.length : 0;
    if (n === 0) return "Chưa chọn tệp nào";
    return n === 1 ? input.files[0].name : "Đã chọn " + n + " tệp";
  }

  function dressFileInput(input) {
    if (input.closest(".rv-file, .visually-hidden")) return;
    const box = document.createElement("div");
    box.className = "rv-file input-group" +
      (input.classList.contains("form-control-sm") ? " input-group-sm" : "");
    const button = document.createElement("span");
    button.className = "btn btn-outline-secondary";
    button.textContent = input.multiple ? "Chọn các tệp…" : "Chọn tệp…";
    const name = document.createElement("span");
    name.className = "form-control text-truncate rv-file-name";
    [button, name].forEach((el) => el.setAttribute("aria-hidden", "true"));
    input.parentNode.insertBefore(box, input);
    box.append(button, name, input);
    const update = () => {
      name.textContent = fileLabel(input);
      input.setCustomValidity(input.required && !input.files.length ? "Vui lòng chọn tệp." : "");
    };
    input.addEventListener("change", update);
    update();
  }

  htmx.onLoad((root) => {
    const inputs = root.matches && root.matches("input[type=file].form-control")
      ? [root] : Array.from(root.querySelectorAll("input[type=file].form-control"));
    inputs.forEach(dressFileInput);
  });

  // On a phone a table's rows become cards (app.css); each cell is labelled with its
  // column's heading, taken from the table's own header.
  function labelCells(root) {
    const tables = root.matches && root.matches("table.table")
      ? [root] : Array.from(root.querySelectorAll("table.table"));
    (root.closest ? [root.closest("table.table")].filter(Boolean) : []).forEach((t) => tables.push(t));
    tables.forEach((table) => {
      const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      table.querySelectorAll("tbody tr").forEach((row) => {
        Array.from(row.children).forEach((cell, i) => {
          if (heads[i] && !cell.dataset.label) cell.dataset.label = heads[i];
        });
      });
    });
  }
  htmx.onLoad(labelCells);

  // A button whose action cannot be undone asks first: data-confirm holds the question.
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    const question = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", updateCount);
})();
