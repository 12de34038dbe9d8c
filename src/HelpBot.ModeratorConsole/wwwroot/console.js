// The console's only script. Inside Telegram the page runs as a Mini App: the client opens it with its signed
// initData and theme in the address's fragment (#tgWebAppData=…&tgWebAppThemeParams=…), which Telegram's own
// telegram-web-app.js would turn into window.Telegram.WebApp; we load no outside script, so we read either. Tests set
// window.Telegram.WebApp.initData before the page loads. Cookies cannot be relied on in Telegram's frame, so the
// initData goes in a header with every htmx request; a browser signed in by a /console link uses its session cookie.
(function () {
  "use strict";
  var fragment = new URLSearchParams(location.hash.slice(1));
  var webApp = window.Telegram && window.Telegram.WebApp;
  var initData = (webApp && webApp.initData) || fragment.get("tgWebAppData") || sessionStorage.getItem("console.initData") || "";
  if (initData) sessionStorage.setItem("console.initData", initData);

  function themeParams() {
    if (webApp && webApp.themeParams) return webApp.themeParams;
    try { return JSON.parse(fragment.get("tgWebAppThemeParams") || sessionStorage.getItem("console.theme") || "null"); } catch (e) { return null; }
  }
  var theme = themeParams();
  if (theme) {
    sessionStorage.setItem("console.theme", JSON.stringify(theme));
    for (var key in theme) {
      if (/^[a-z_]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(theme[key]))
        document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), theme[key]);
    }
  }

  document.addEventListener("htmx:configRequest", function (event) {
    if (initData) event.detail.headers["X-Telegram-Init-Data"] = initData;
    var csrf = document.getElementById("console-csrf");
    if (csrf) event.detail.headers["X-CSRF-Token"] = csrf.value;
  });

  // A refused request shows its reason (the #refusal of the response) instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var page = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
    var reason = page.getElementById("refusal");
    var status = document.getElementById("sign-in-status") || document.getElementById("main");
    if (status) status.textContent = reason ? reason.textContent : "Request failed (" + event.detail.xhr.status + ").";
  });

  // Inside Telegram a download goes through the client (Bot API 8.0's downloadFile, an absolute https address), since a
  // Mini App's webview may ignore a download link; the link's ticket signs it in. Without telegram-web-app.js the
  // request is the client's own event, posted as that script posts it in the phone and desktop apps' webviews. In a
  // browser (and Telegram's web clients, which are browsers) the link is followed.
  function requestDownload(params) {
    if (webApp && typeof webApp.downloadFile === "function") { webApp.downloadFile(params); return true; }
    var proxy = window.TelegramWebviewProxy;
    if (proxy && typeof proxy.postEvent === "function") { proxy.postEvent("web_app_request_file_download", JSON.stringify(params)); return true; }
    return false;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[download]");
    if (link && requestDownload({ url: link.href, file_name: link.getAttribute("download") })) event.preventDefault();
  });

  // The sign-in page inside Telegram: load the page asked for again, now with the initData header.
  document.addEventListener("DOMContentLoaded", function () {
    if (initData && document.querySelector("[data-sign-in-gate]")) {
      var status = document.getElementById("sign-in-status");
      if (status) status.textContent = "Signing in with Telegram…";
      htmx.ajax("GET", location.pathname + location.search, { target: "body", swap: "innerHTML" });
    }
  });
})();
