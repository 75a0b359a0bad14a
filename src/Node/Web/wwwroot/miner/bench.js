// The engine benchmark page (/miner/bench.html): each engine in one worker, on the node's
// `bench` job (README "bench": the seed's genesis header, difficulty-1 target, so a find is
// rare), two seconds of warm-up, then `seconds` measured. The result is also left as JSON in
// <body data-result> for the bench-browser command, and <body data-phase> says which engine
// is being measured, so that command can read the worker thread's CPU time around it.

const params = new URLSearchParams(location.search);
const seconds = Math.max(1, Number(params.get('seconds') ?? 5));
const engines = (params.get('engines') ?? 'js,wasm').split(',').filter(Boolean);
const HEADER = '00000001' + '0000000000000001' + '0000015f1c1a1018' + '0'.repeat(64)
  + '4e17811011ec217ac84a9e037a82758a7de318342886a88a37ebabf90f52af73' + '1d00ffff' + '0'.repeat(16);
const TARGET = '00000000ffff' + '0'.repeat(52);
const WARM_UP_MS = 2000; // the JavaScript engine's one large function needs a while to be optimised on a busy machine

function measure(engine) {
  const worker = new Worker(new URL('./mining-worker.js', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    let from = null;
    let hashes = 0;
    // The worker lives on for half a second after its result, so bench-browser can still read
    // its thread's CPU time when it sees the 'done' phase.
    const finish = (result) => { setTimeout(() => worker.terminate(), 500); resolve({ engine, ...result }); };
    worker.onerror = (e) => finish({ error: e.message || 'the worker did not load' });
    worker.onmessage = ({ data }) => {
      switch (data.type) {
        case 'ready':
          worker.postMessage({ type: 'search', id: 1, header: HEADER, target: TARGET, start: String(2n ** 40n), count: 2 ** 32 - 1 });
          document.body.dataset.phase = `warm-up ${engine}`;
          setTimeout(() => { from = performance.now(); hashes = 0; document.body.dataset.phase = `measure ${engine}`; }, WARM_UP_MS);
          setTimeout(() => {
            const elapsed = (performance.now() - from) / 1000;
            document.body.dataset.phase = `done ${engine}`;
            finish({ name: data.engine, hashes, seconds: elapsed, hashesPerSecond: hashes / elapsed });
          }, WARM_UP_MS + seconds * 1000);
          break;
        case 'progress':
          if (from !== null) hashes += data.hashed;
          break;
        case 'error':
          finish({ error: data.message });
          break;
      }
    };
    worker.postMessage({ type: 'init', engine, allowFallbackAdapter: params.has('fallback') });
  });
}

const rows = document.querySelector('#results tbody');
const results = [];
for (const engine of engines) {
  const result = await measure(engine);
  results.push(result);
  await new Promise((resolve) => setTimeout(resolve, 600));
  const row = rows.insertRow();
  row.insertCell().textContent = result.name ?? engine;
  row.insertCell().textContent = result.error ? result.error : (result.hashesPerSecond / 1e6).toFixed(2);
  row.insertCell().textContent = result.hashes ?? '';
  row.insertCell().textContent = result.seconds?.toFixed(2) ?? '';
}
document.body.dataset.result = JSON.stringify(results);
document.getElementById('status').textContent = 'Done';
document.getElementById('status').className = 'pill pill-ok';
