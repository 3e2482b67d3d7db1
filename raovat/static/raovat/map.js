// Bản đồ: asks the server for the clusters of the part of the map in view at each move,
// and draws them; the server groups the sightings (docs/decisions/023-map.md).
(function () {
  "use strict";
  const el = document.getElementById("rv-map");
  if (!el || !el.dataset.config || typeof L === "undefined") return;
  const cfg = JSON.parse(el.dataset.config);
  const status = document.getElementById("map-status");
  const errorBox = document.getElementById("map-error");
  const periodBox = document.getElementById("map-period");
  const map = L.map(el, { minZoom: cfg.zoomMin, maxZoom: cfg.zoomMax });
  map.attributionControl.setPrefix(false);

  if (cfg.tileUrl) {
    L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || "", maxZoom: cfg.zoomMax })
      .addTo(map);
  } else {
    // No tile server: the reporting units' names stand where their sightings are.
    cfg.labels.forEach(function (u) {
      const span = document.createElement("span");
      span.textContent = u.name;
      L.marker([u.lat, u.lng], {
        icon: L.divIcon({ className: "rv-map-label", html: span, iconSize: null }),
        interactive: false, keyboard: false,
      }).addTo(map);
    });
  }
  if (cfg.bounds) {
    map.fitBounds([[cfg.bounds[0], cfg.bounds[1]], [cfg.bounds[2], cfg.bounds[3]]],
      { padding: [30, 30], maxZoom: 15 });
  } else {
    map.setView([16.0, 106.0], 5); // Vietnam
  }
  if (cfg.query === null) return; // the filters are wrong: the form says why

  const layer = L.layerGroup().addTo(map);
  let controller = null;

  function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }

  function bbox() {
    const b = map.getBounds();
    return [clamp(b.getWest(), -180, 179.999999), clamp(b.getSouth(), -90, 89.999999),
      clamp(b.getEast(), -179.999999, 180), clamp(b.getNorth(), -89.999999, 90)]
      .map(function (v) { return v.toFixed(6); }).join(",");
  }

  function line(parent, text, tag) {
    const node = document.createElement(tag || "div");
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function pointPopup(p) {
    const box = document.createElement("div");
    box.className = "rv-map-popup";
    const link = line(box, "Hồ sơ " + p.case, "a");
    link.href = p.url;
    link.className = "fw-semibold";
    line(box, p.state);
    line(box, "Ngày phát hiện: " + p.found_on);
    line(box, p.place);
    line(box, "Hình thức: " + p.ad_type);
    return box;
  }

  function clusterIcon(n) {
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
    const span = document.createElement("span");
    span.textContent = n.toLocaleString("vi-VN");
    return L.divIcon({ className: "rv-map-cluster", html: span, iconSize: [size, size] });
  }

  function draw(data) {
    layer.clearLayers();
    data.clusters.forEach(function (c) {
      const m = L.marker([c.lat, c.lng], { icon: clusterIcon(c.n),
        title: c.n.toLocaleString("vi-VN") + " lần phát hiện", alt: "" });
      m.on("click", function () {
        if (map.getZoom() >= cfg.zoomMax) return;
        map.setView(m.getLatLng(), Math.min(map.getZoom() + 2, cfg.zoomMax));
      });
      layer.addLayer(m);
    });
    data.points.forEach(function (p) {
      const m = L.marker([p.lat, p.lng], {
        icon: L.divIcon({ className: "rv-map-point", iconSize: [16, 16] }),
        title: "Hồ sơ " + p.case + " – " + p.place, alt: "" });
      m.bindPopup(pointPopup(p));
      layer.addLayer(m);
    });
    // Zoomed out, the server counts whole months: say which days the map shows.
    if (data.period && data.period.whole_months) {
      periodBox.textContent = "Ở mức phóng này bản đồ đếm theo tháng trọn: các lần phát hiện từ " +
        data.period.from + " đến " + data.period.to + ". Phóng to để xem đúng khoảng ngày đã chọn.";
      periodBox.classList.remove("d-none");
    } else {
      periodBox.classList.add("d-none");
    }
    el.dataset.loaded = String(data.total);
    status.textContent = "Đang hiện " + data.total.toLocaleString("vi-VN") +
      " lần phát hiện trong vùng bản đồ.";
  }

  function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const url = cfg.dataUrl + "?" + (cfg.query ? cfg.query + "&" : "") +
      "bbox=" + bbox() + "&z=" + map.getZoom();
    fetch(url, { signal: controller.signal, credentials: "same-origin",
      headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return {}; })
          .then(function (body) { return { ok: r.ok && !!body.clusters, body: body }; });
      })
      .then(function (res) {
        if (!res.ok) throw { rv: res.body.error };
        errorBox.classList.add("d-none");
        draw(res.body);
      })
      .catch(function (err) {
        if (err.name === "AbortError") return;
        errorBox.textContent = err.rv || "Không tải được dữ liệu bản đồ, hãy thử lại.";
        errorBox.classList.remove("d-none");
      });
  }

  map.on("moveend", load);
  load();
})();
