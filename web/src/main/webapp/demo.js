// The demo page: UI only. Everything it shows comes from the engine through the public API.
(async () => {
  const $ = (id) => document.getElementById(id);
  $('version').textContent = 'v' + Oolong.version;
  const isolated = Oolong.isCrossOriginIsolated();
  $('isolated').textContent = isolated ? 'yes' : 'no (SharedArrayBuffer unavailable)';
  $('isolated').className = isolated ? 'ok' : 'bad';

  const describeTrack = (t) => {
    const what = t.type === 'video' ? `${t.width}×${t.height}`
      : t.type === 'audio' ? `${t.sampleRate} Hz, ${t.channels} ch` : '';
    const dur = t.duration == null ? '?' : t.duration.toFixed(3) + ' s';
    return `#${t.id} ${t.type} ${t.codec} (${t.codecString ?? '—'}) ${what}, ${t.sampleCount} samples, ${dur}`;
  };
  const describeError = (e) => e instanceof Oolong.PlayerError
    ? `${e.codeName} (${e.code}): ${e.message}` : String(e);

  let engine;
  try {
    engine = await Oolong.createEngine();
    $('engine').textContent = `ready (v${engine.engineVersion}, in a worker)`;
    $('engine').className = 'ok';
  } catch (e) {
    $('engine').textContent = 'failed: ' + describeError(e);
    $('engine').className = 'bad';
    return;
  }

  $('probe-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const url = $('probe-url').value.trim();
    if (!url) return;
    $('probe-output').textContent = 'probing…';
    try {
      $('probe-output').textContent = JSON.stringify(await engine.probe(url), null, 2);
    } catch (e) {
      $('probe-output').textContent = describeError(e);
    }
  });
  // The player: ?src=URL&mode=mse opens any stream, the user's own files under /media/ included.
  let player = null;
  const play = async (url, mode) => {
    player?.destroy();
    player = Oolong.createPlayer($('player'), { mode, muted: true, autoplay: true });
    window.player = player;
    const status = $('player-status');
    status.textContent = 'loading ' + url + '…';
    player.on('error', (e) => { status.textContent = describeError(e); });
    player.on('timeupdate', () => {
      const s = player.getStats();
      const path = s.path === 'mse'
        ? `${s.mimeType} · ${s.segmentsAppended} segments, ${(s.bytesAppended / 1e6).toFixed(2)} MB appended`
        : `${s.videoCodec} ${s.width}×${s.height} · ${s.renderedFrames} drawn, ${s.droppedFrames} dropped`;
      status.textContent = `${player.currentTime.toFixed(2)} / ${player.duration.toFixed(2)} s · ${s.path} path`
        + ` (${s.pathReason}) · ${path}`;
    });
    try {
      await player.load(url);
      if (player.element instanceof HTMLVideoElement) player.element.controls = true;
    } catch (e) {
      status.textContent = describeError(e);
    }
  };
  $('play-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = $('play-url').value.trim();
    if (url) play(url, $('play-mode').value);
  });
  const params = new URLSearchParams(location.search);
  if (params.get('src')) {
    $('probe-url').value = params.get('src');
    $('probe-form').requestSubmit();
    $('play-url').value = params.get('src');
    $('play-mode').value = ['mse', 'webcodecs'].includes(params.get('mode')) ? params.get('mode') : 'auto';
    play(params.get('src'), $('play-mode').value);
  }

  const tbody = document.querySelector('#fixtures tbody');
  let index;
  try {
    index = await (await fetch('/test-media/index.json')).json();
  } catch (e) {
    tbody.innerHTML = '<tr><td colspan="4" class="error">No test media (run ./oolong demo, which generates it)</td></tr>';
    return;
  }
  for (const file of index.files) {
    const tr = document.createElement('tr');
    tr.dataset.file = file;
    const url = '/test-media/' + file;
    const media = !file.endsWith('.m3u8');
    tr.innerHTML = `<td><a href="${url}">${file}</a></td><td>…</td><td></td><td></td>`
      + `<td>${media ? `<a href="?src=${encodeURIComponent(url)}&mode=mse">play</a>` : ''}</td>`;
    tbody.appendChild(tr);
    try {
      const info = await engine.probe(url);
      tr.cells[1].textContent = info.container + (info.fragmented ? ' (fragmented)' : '');
      tr.cells[2].textContent = info.duration == null ? '?' : info.duration.toFixed(3) + ' s';
      tr.cells[3].innerHTML = info.tracks.map((t) => `<div>${describeTrack(t)}</div>`).join('');
      tr.dataset.state = 'probed';
    } catch (e) {
      tr.cells[1].textContent = '—';
      tr.cells[3].textContent = describeError(e);
      tr.cells[3].className = 'error';
      tr.dataset.state = 'error';
      tr.dataset.code = e.code;
    }
  }
  document.body.dataset.fixturesDone = 'true';
})();
