// The one script that is not a module and imports nothing, so it runs even when the board's own scripts fail to
// load or throw while starting. Without it such a failure leaves a blank page, and an operator could take a board
// that shows no alarm for a quiet shift. It says so instead, on top of everything, until the page is reloaded.
(function () {
  'use strict';
  const STARTUP_LIMIT_MS = 15000;
  let first = null; // the first failure is the one that explains the others

  function show(cause) {
    first = first || String(cause).slice(0, 300);
    const banner = document.getElementById('board-failed');
    if (!banner) return; // the body is not parsed yet: shown once it is
    document.getElementById('board-failed-cause').textContent = first;
    banner.hidden = false;
  }

  // capture: a script or style that failed to load reports only on its own element, without bubbling
  window.addEventListener('error', (e) => {
    const el = e.target;
    if (el && el !== window && (el.tagName === 'SCRIPT' || el.tagName === 'LINK')) {
      show('failed to load ' + (el.src || el.href));
    } else if (e.message && e.filename && e.filename.startsWith(location.origin + '/')) {
      // only the board's own scripts: another origin's error ("Script error.", no file) is not the board failing,
      // and a red banner for it would teach the operator to ignore the banner
      show(e.message + ' (' + e.filename.split('/').pop() + ':' + e.lineno + ')');
    }
  }, true);
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    // the board's API calls reject with the hub's own error message; those are handled where they are made
    if (r instanceof Error && r.constructor.name !== 'ApiError') show(r.message);
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (first) show(first);
    setTimeout(() => {
      if (document.documentElement.dataset.boardStarted !== 'yes') show('the board did not start');
    }, STARTUP_LIMIT_MS);
  });
}());
