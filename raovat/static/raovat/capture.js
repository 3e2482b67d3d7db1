// The ward's capture form: photos taken one by one, numbers read from them, location.
(function () {
  "use strict";

  // A phone camera returns one photo per pick and a file input forgets the previous pick:
  // keep every photo taken for this sighting until the form is sent.
  function setupPhotos(form) {
    const input = form.querySelector("input[type=file][name=photos]");
    if (!input) return;
    const kept = new DataTransfer();
    const previews = form.querySelector("[data-previews]");
    const count = form.querySelector("[data-photo-count]");
    const ocr = form.querySelector("[data-ocr]");

    // Photos kept by the server from a form that could not be saved.
    form.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-remove-kept]");
      if (remove) {
        remove.closest("[data-kept-photo]").remove();
        render();
      }
    });

    function render() {
      previews.innerHTML = "";
      Array.from(kept.files).forEach((file, index) => {
        const box = document.createElement("div");
        box.className = "rv-preview";
        const img = document.createElement("img");
        img.src = URL.createObjectURL(file);
        img.alt = "Ảnh đã chọn " + (index + 1) + ": " + file.name;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-light btn-sm";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Bỏ ảnh " + (index + 1));
        remove.addEventListener("click", () => {
          kept.items.remove(index);
          input.files = kept.files;
          render();
          if (ocr) ocr.click();
        });
        box.append(img, remove);
        previews.appendChild(box);
      });
      const n = kept.files.length + form.querySelectorAll("[data-kept-photo]").length;
      count.textContent = n
        ? "Đã chọn " + n + " ảnh. Bấm “Chụp ảnh hoặc chọn ảnh” để thêm ảnh khác."
        : "Chưa có ảnh. Có thể chụp nhiều ảnh cho một lần phát hiện; ngày chụp và tọa độ GPS trong ảnh được đọc tự động.";
    }

    input.addEventListener("change", () => {
      const known = new Set(Array.from(kept.files).map((f) => f.name + f.size + f.lastModified));
      Array.from(input.files).forEach((f) => {
        if (!known.has(f.name + f.size + f.lastModified)) kept.items.add(f);
      });
      input.files = kept.files;
      render();
      if (ocr && kept.files.length) ocr.click();
    });
  }

  function setupPhones(form) {
    const rows = form.querySelector("#phone-rows");
    const template = form.querySelector("#phone-row-template");
    let next = rows ? rows.querySelectorAll("[data-phone-row]").length + 1 : 0;
    form.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      if (add && template) {
        let key;
        do { key = "m" + next++; } while (form.querySelector("#phone-" + key));
        const holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.replaceAll("__KEY__", key);
        const row = holder.firstElementChild;
        rows.appendChild(row);
        if (window.htmx) window.htmx.process(row);
        row.querySelector("input[type=text]").focus();
      }
      const remove = event.target.closest("[data-remove-row]");
      if (remove) remove.closest("[data-phone-row]").remove();
    });
    // Correcting a number read from a photo is the officer's own reading: it confirms it.
    form.addEventListener("input", (event) => {
      const row = event.target.closest("[data-phone-row]");
      if (row && event.target.type === "text") row.querySelector("input.rv-confirm").checked = true;
    });
  }

  function setupLocation(form) {
    const box = form.querySelector("[data-location]");
    if (!box) return;
    const lat = form.querySelector("input[name=latitude]");
    const lon = form.querySelector("input[name=longitude]");
    const text = box.querySelector("[data-location-text]");
    const clear = box.querySelector("[data-clear-location]");
    const locate = box.querySelector("[data-locate]");
    const idle = "Chưa có tọa độ. Nếu ảnh có GPS, tọa độ được lấy từ ảnh khi lưu.";
    locate.addEventListener("click", () => {
      if (!navigator.geolocation) {
        text.textContent = "Thiết bị không hỗ trợ lấy vị trí.";
        return;
      }
      text.textContent = "Đang lấy vị trí…";
      navigator.geolocation.getCurrentPosition((pos) => {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        text.textContent = "Tọa độ: " + lat.value + ", " + lon.value + " (từ thiết bị, sai số khoảng "
          + Math.round(pos.coords.accuracy) + " m)";
        clear.hidden = false;
      }, () => {
        text.textContent = "Không lấy được vị trí (chưa cho phép hoặc không có tín hiệu). " + idle;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
    clear.addEventListener("click", () => {
      lat.value = "";
      lon.value = "";
      text.textContent = idle;
      clear.hidden = true;
    });
  }

  document.querySelectorAll("form[data-capture-form]").forEach((form) => {
    setupPhotos(form);
    setupPhones(form);
    setupLocation(form);
  });
})();
