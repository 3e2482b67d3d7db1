// Live count of characters and SMS parts for the "Nhắn tin" form. Mirrors
// raovat/messaging/encoding.py: GSM-7 (160, or 153 per part) only when every character
// is in the GSM alphabet, otherwise UCS-2 (70, or 67 per part) as for Vietnamese.
(function () {
  "use strict";
  if (window.rvSmsCounter) return;  // the partial may be included or swapped in twice

  var BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXTENSION = "^{}\\[~]|€\f";

  function count(text) {
    var gsm = true, septets = 0;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (BASIC.indexOf(ch) >= 0) { septets += 1; }
      else if (EXTENSION.indexOf(ch) >= 0) { septets += 2; }
      else { gsm = false; break; }
    }
    // String length in JavaScript is already in UTF-16 code units, as UCS-2 counts them.
    var units = gsm ? septets : text.length;
    var single = gsm ? 160 : 70, multi = gsm ? 153 : 67;
    var parts = units === 0 ? 0 : (units <= single ? 1 : Math.ceil(units / multi));
    return {gsm: gsm, units: units, parts: parts, perPart: parts > 1 ? multi : single};
  }

  function show(form) {
    var area = form.querySelector("[data-sms-text]");
    var out = form.querySelector("[data-sms-counter]");
    if (!area || !out) return;
    var c = count(area.value);
    out.textContent = c.units + " ký tự – " + c.parts + " tin nhắn (" +
      (c.gsm ? "không dấu" : "có dấu") + ", " + c.perPart + " ký tự mỗi tin)";
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("[data-sms-form]");
    if (form) show(form);
  });

  document.addEventListener("change", function (event) {
    if (!event.target.matches || !event.target.matches("[data-sms-template]")) return;
    var form = event.target.closest("[data-sms-form]");
    var option = event.target.selectedOptions[0];
    if (form && option && option.dataset.text !== undefined) {
      form.querySelector("[data-sms-text]").value = option.dataset.text;
      show(form);
    }
  });

  // After a message was queued (the server sends a fresh request key), start a new one.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("[data-sms-form]") || !event.detail.successful) return;
    if (event.detail.xhr.responseText.indexOf("alert-danger") >= 0) return;
    form.querySelector("[data-sms-text]").value = "";
    var select = form.querySelector("[data-sms-template]");
    if (select) select.value = "";
    show(form);
  });

  // Without htmx the page reloads; still, a second click must not post the form again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-sms-form]") || window.htmx) return;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
  });

  window.rvSmsCounter = {count: count};
  document.querySelectorAll("[data-sms-form]").forEach(show);
})();
