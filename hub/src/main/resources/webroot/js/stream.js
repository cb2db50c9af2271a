// The hub's SSE stream. The browser retries by itself after a dropped connection; when it gives up
// (the hub answered with an error while restarting) we open a new stream ourselves, backing off to 10 s.
export function connect({ onAlert, onPost, onHub, onShelf, onUp, onDown }) {
  let es = null;
  let retryMs = 1000;
  let retryTimer = null;
  let stopped = false;

  const handle = (fn) => (e) => {
    try { fn(JSON.parse(e.data)); } catch (err) { console.error('bad event from hub', e.type, err); }
  };

  async function stillSignedIn() {
    try {
      const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
      if (res.status === 401) {
        window.dispatchEvent(new CustomEvent('kuzet:signed-out'));
        return false;
      }
    } catch {
      // hub unreachable: keep trying
    }
    return true;
  }

  function open() {
    retryTimer = null;
    if (stopped) return;
    es = new EventSource('/api/stream');
    es.addEventListener('alert', handle(onAlert));
    es.addEventListener('post', handle(onPost));
    es.addEventListener('hub', handle(onHub));
    es.addEventListener('shelf', handle(onShelf));
    es.onopen = () => {
      retryMs = 1000;
      onUp();
    };
    es.onerror = () => {
      onDown();
      if (es.readyState === EventSource.CLOSED && !retryTimer && !stopped) {
        es.close();
        retryTimer = setTimeout(async () => {
          if (await stillSignedIn()) open();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 10000);
      }
    };
  }

  open();
  return {
    close() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (es) es.close();
    },
  };
}
