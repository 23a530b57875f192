// Attachments of the editor: paperclip and drag-and-drop, immediate upload with a progress bar, remove buttons.
// Sending stays disabled while a file is still uploading.
(function () {
  "use strict";

  function humanSize(bytes) {
    var french = (document.documentElement.lang || "fr") === "fr";
    if (bytes < 1024) { return bytes + (french ? " o" : " B"); }
    if (bytes < 1024 * 1024) { return (bytes / 1024).toFixed(1) + (french ? " Ko" : " KB"); }
    return (bytes / (1024 * 1024)).toFixed(1) + (french ? " Mo" : " MB");
  }

  // RFC 5987 encoding: encodeURIComponent leaves a few characters that the header value may not carry as such.
  function encodeFileName(name) {
    return encodeURIComponent(name).replace(/['()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function problemMessage(xhr, fallback) {
    try {
      var problem = JSON.parse(xhr.responseText);
      if (problem.errors && problem.errors.length) { return problem.errors[0].message; }
      return problem.detail || fallback;
    } catch (e) {
      return fallback;
    }
  }

  function refreshSendButtons(form) {
    var busy = form.querySelectorAll("[data-uploading]").length > 0;
    form.querySelectorAll("[data-send-button]").forEach(function (button) {
      button.disabled = busy;
    });
  }

  function init(wrapper) {
    if (wrapper.__attachments) { return; }
    wrapper.__attachments = true;
    var form = wrapper.closest("form");
    var input = wrapper.querySelector("[data-file-input]");
    var list = wrapper.querySelector("[data-attachment-list]");
    var error = wrapper.querySelector("[data-attachment-error]");
    var maxBytes = parseInt(wrapper.dataset.maxBytes, 10);

    function removeButton(onRemove) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-link text-danger";
      button.title = wrapper.dataset.remove;
      button.setAttribute("aria-label", wrapper.dataset.remove);
      button.innerHTML = "<i class=\"bi bi-x-lg\" aria-hidden=\"true\"></i>";
      button.addEventListener("click", onRemove);
      return button;
    }

    function upload(file) {
      error.textContent = "";
      if (file.size > maxBytes) {
        error.textContent = wrapper.dataset.tooLarge.replace("{0}", file.name);
        return;
      }
      var chip = document.createElement("li");
      chip.className = "attachment-chip";
      chip.setAttribute("data-uploading", "");
      var name = document.createElement("span");
      name.className = "attachment-name";
      name.textContent = file.name;
      var size = document.createElement("span");
      size.className = "attachment-size text-secondary";
      size.textContent = humanSize(file.size);
      var progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      progress.setAttribute("aria-label", wrapper.dataset.uploadingLabel + " " + file.name);
      var xhr = new XMLHttpRequest();
      chip.appendChild(document.createTextNode(""));
      chip.insertAdjacentHTML("afterbegin", "<i class=\"bi bi-file-earmark\" aria-hidden=\"true\"></i>");
      chip.appendChild(name);
      chip.appendChild(size);
      chip.appendChild(progress);
      chip.appendChild(removeButton(function () {
        if (chip.hasAttribute("data-uploading")) {
          xhr.abort();
        } else if (chip.dataset.id) {
          var csrf = window.MessagesApp.csrf();
          var headers = {};
          if (csrf) { headers[csrf.header] = csrf.token; }
          fetch(wrapper.dataset.uploadUrl + "/" + chip.dataset.id, { method: "DELETE", headers: headers, credentials: "same-origin" });
        }
        chip.remove();
        refreshSendButtons(form);
      }));
      list.appendChild(chip);
      refreshSendButtons(form);

      function failed(message) {
        chip.removeAttribute("data-uploading");
        progress.remove();
        chip.classList.add("is-failed");
        var note = document.createElement("span");
        note.className = "text-danger small";
        note.textContent = message;
        chip.insertBefore(note, chip.lastChild);
        refreshSendButtons(form);
      }

      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) { progress.value = Math.round(event.loaded * 100 / event.total); }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 201) {
          var uploaded = JSON.parse(xhr.responseText);
          chip.removeAttribute("data-uploading");
          chip.setAttribute("data-uploaded", "");
          chip.dataset.id = uploaded.id;
          progress.remove();
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = "attachmentIds";
          hidden.value = uploaded.id;
          chip.appendChild(hidden);
          refreshSendButtons(form);
        } else {
          failed(problemMessage(xhr, wrapper.dataset.interrupted));
        }
      });
      xhr.addEventListener("error", function () { failed(wrapper.dataset.interrupted); });
      xhr.addEventListener("abort", function () { refreshSendButtons(form); });
      xhr.open("POST", wrapper.dataset.uploadUrl);
      var csrf = window.MessagesApp.csrf();
      if (csrf) { xhr.setRequestHeader(csrf.header, csrf.token); }
      xhr.setRequestHeader("Accept", "application/json");
      // The file is the whole body (no multipart to parse on the server); its name travels as in RFC 6266.
      xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      xhr.setRequestHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encodeFileName(file.name));
      xhr.send(file);
    }

    wrapper.querySelector("[data-attach-button]").addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, upload);
      input.value = "";
    });
    list.querySelectorAll("[data-remove-attachment]").forEach(function (button) {
      button.addEventListener("click", function () { button.closest("li").remove(); });
    });
    // Files dropped on the editor are attached, never pasted into the text.
    ["dragenter", "dragover"].forEach(function (type) {
      wrapper.addEventListener(type, function (event) {
        if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
          event.preventDefault();
          wrapper.classList.add("is-dragging");
        }
      }, true);
    });
    wrapper.addEventListener("dragleave", function () { wrapper.classList.remove("is-dragging"); }, true);
    wrapper.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length) {
        event.preventDefault();
        event.stopPropagation();
        wrapper.classList.remove("is-dragging");
        Array.prototype.forEach.call(event.dataTransfer.files, upload);
      }
    }, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-attachments]").forEach(init);
    if (window.htmx) {
      window.htmx.onLoad(function (content) {
        (content.matches && content.matches("[data-attachments]") ? [content] : []).concat(
          Array.prototype.slice.call(content.querySelectorAll ? content.querySelectorAll("[data-attachments]") : [])
        ).forEach(init);
      });
    }
  });
})();
