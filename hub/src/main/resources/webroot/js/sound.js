// Browsers only allow sound after a click, so the shift starts with one. The alarm is a WebAudio beep: no audio file.
let ctx = null;
let timer = null;

export function soundOn() {
  return ctx !== null && ctx.state === 'running';
}

export async function startShift() {
  if (!ctx) ctx = new AudioContext();
  if (ctx.state !== 'running') await ctx.resume();
  return soundOn();
}

function beep() {
  if (!soundOn()) return;
  const t0 = ctx.currentTime;
  [[880, 0], [660, 0.25], [880, 0.5]].forEach(([freq, at]) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0 + at);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 0.22);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + at);
    osc.stop(t0 + at + 0.24);
  });
}

/** Keeps beeping while `on` (an unacknowledged PANIC exists); stops at once when it is not. */
export function alarm(on) {
  if (on && !timer) {
    beep();
    timer = setInterval(beep, 1500);
  } else if (!on && timer) {
    clearInterval(timer);
    timer = null;
  }
}
