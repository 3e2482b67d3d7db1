// Transfer page: a note edited after the slip was printed means the signed paper no
// longer matches, so the confirm dialog says so instead of offering to send.
document.addEventListener("DOMContentLoaded", () => {
  const note = document.getElementById("id_note");
  const modal = document.getElementById("send-modal");
  if (!note || !modal) return;
  modal.addEventListener("show.bs.modal", () => {
    const changed = note.dataset.printed === "1" && note.value.trim() !== note.defaultValue.trim();
    const warning = modal.querySelector("[data-note-changed]");
    const confirm = modal.querySelector("[data-send-confirm]");
    if (warning) warning.hidden = !changed;
    if (confirm) confirm.hidden = changed;
  });
});
