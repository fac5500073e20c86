/* Small behaviours of the pages, in a file: the Content-Security-Policy allows no inline script.
   - [data-print] buttons print the page (申请回执);
   - a submit button with data-busy="正在…" is disabled and relabelled while its form is sent,
     for ordinary forms and for htmx forms alike, so a slow step (publishing, signing) shows that
     it is under way and cannot be sent twice;
   - a file input with data-max-bytes says at once, beside the field, when a chosen file is too
     large, and clears it (the server checks again: this only saves a long upload). */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });

  function busy(button) {
    if (!button || button.disabled) return;
    button.dataset.idle = button.textContent;
    button.textContent = button.dataset.busy;
    button.setAttribute("aria-busy", "true");
  }

  function idle(button) {
    if (!button || !button.dataset.idle) return;
    button.textContent = button.dataset.idle;
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("hx-post")) return; // htmx sends it; see below
    var button = form.querySelector("button[data-busy]");
    if (!button) return;
    // After the submit has collected the form's data, so the button's own value is sent.
    window.setTimeout(function () { busy(button); button.disabled = true; }, 0);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = event.detail.elt;
    if (el && el.querySelector) busy(el.querySelector("button[data-busy]"));
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var el = event.detail.elt;
    if (el && el.querySelector) idle(el.querySelector("button[data-busy]"));
  });

  // A page shown again from the browser's cache (back button) must not keep a disabled button.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[data-busy][data-idle]").forEach(idle);
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var max = parseInt(input.dataset.maxBytes, 10);
    var tooLarge = Array.prototype.filter.call(input.files || [], function (f) { return f.size > max; });
    var box = input.parentNode.querySelector(".field-error.client");
    if (!box) {
      box = document.createElement("p");
      box.className = "field-error client";
      box.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", box);
    }
    if (tooLarge.length) {
      var mb = max / 1048576;
      box.textContent = "文件“" + tooLarge[0].name + "”超过 " + (mb >= 1 ? Math.round(mb) : mb.toFixed(1)) +
        " MB，请压缩或分页后重新选择。";
      box.hidden = false;
      input.value = "";
    } else {
      box.hidden = true;
      box.textContent = "";
    }
  });
})();
