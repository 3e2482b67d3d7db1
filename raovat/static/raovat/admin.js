// Names for the administration's controls that Django's widgets leave unnamed.
(function () {
  "use strict";

  function labelText(id) {
    const label = id && document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function name() {
    // The searchable selects (select2): the combobox takes the label of the select it replaces.
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const box = select.nextElementSibling &&
        select.nextElementSibling.querySelector(".select2-selection[role=combobox]");
      const text = labelText(select.id);
      if (!box || !text) return;
      [box, box.querySelector("[role=textbox]")].forEach((el) => {
        if (el && !el.getAttribute("aria-label")) el.setAttribute("aria-label", text);
      });
    });
    // Fields edited in the list itself: named by their column and their row.
    const table = document.getElementById("result_list");
    if (table) {
      const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
      table.querySelectorAll("tbody tr").forEach((row) => {
        const title = (row.querySelector("th a, th") || {}).textContent || "";
        Array.from(row.children).forEach((cell, i) => {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((field) => {
            if (field.labels && field.labels.length) return;
            if (field.getAttribute("aria-label")) return;
            field.setAttribute("aria-label", (heads[i] || "") + " – " + title.trim());
          });
        });
      });
    }
    // The help icons of the two-list selects carry a title; as images they may.
    document.querySelectorAll(".help-tooltip[aria-label], .search-label-icon[aria-label]")
      .forEach((icon) => { if (!icon.getAttribute("role")) icon.setAttribute("role", "img"); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    name();
    // select2 and SelectFilter build their markup after load.
    new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
  });
})();
