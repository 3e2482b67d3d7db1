/* Thống kê: draws each table's chart (Chart.js, vendored) from the data the page
   carries in <script type="application/json">; the table under each chart holds the
   same numbers for screen readers and printing. */
(function () {
  "use strict";
  var palette = ["#1f5f99", "#c8553d", "#2e8b57", "#8e6c8a", "#d4a017"];
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function draw(canvas) {
    var source = document.getElementById("bieu-do-" + canvas.dataset.chart);
    if (!source || !window.Chart) { return; }
    var spec = JSON.parse(source.textContent);
    var horizontal = Boolean(spec.horizontal);
    var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    var labelAxis = { ticks: { autoSkip: false } };
    canvas.parentNode.style.height = horizontal
      ? Math.max(160, 28 * spec.labels.length * Math.max(1, spec.datasets.length * 0.7)) + "px"
      : "280px";
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return { label: d.label, data: d.data, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        locale: "vi-VN",
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: still ? false : { duration: 300 },
        plugins: { legend: { display: spec.datasets.length > 1, position: "bottom" } },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
  }

  function periodFields() {
    var kind = document.getElementById("id_ky");
    if (!kind) { return; }
    var shown = { nam: ["nam"], quy: ["nam", "quy"], thang: ["nam", "thang"],
                  khac: ["tu_ngay", "den_ngay"] };
    function update() {
      var wanted = shown[kind.value] || shown.nam;
      ["nam", "quy", "thang", "tu_ngay", "den_ngay"].forEach(function (name) {
        var box = document.querySelector('[data-field="' + name + '"]');
        if (box) { box.hidden = wanted.indexOf(name) < 0; }
      });
    }
    kind.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  periodFields();
})();
