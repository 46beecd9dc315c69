// Outpost dashboard: live refresh without reloading the page. Every page works without this
// script; with it, the page polls the JSON API named on <body data-live-api>:
// - board mode: the SLO board's rows are redrawn from /api/v1/board;
// - swap mode: when the API's `version` changes, the page's <main> is fetched and replaced.
// Text is only ever set through textContent and attributes, never parsed as HTML from JSON.
(() => {
  'use strict';
  const body = document.body;
  const api = body.dataset.liveApi;
  const mode = body.dataset.liveMode;
  if (!api) return;
  const intervalMs = Number(body.dataset.liveInterval) || 15000;
  let version = body.dataset.liveVersion;
  const status = document.getElementById('live-status');
  const stamp = document.getElementById('generated-at');
  const SVG = 'http://www.w3.org/2000/svg';

  const STATUS_LABELS = { page: 'paging', ticket: 'ticket', exhausted: 'budget spent', 'at-risk': 'at risk', ok: 'ok', 'no-data': 'no data' };

  function el(tag, attrs, children) {
    const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    for (const child of children || []) node.append(child);
    return node;
  }

  // Mirrors src/server/dashboard/pages/format.ts.
  function percent(ratio, decimals) {
    if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
    const fixed = (ratio * 100).toFixed(decimals);
    return (fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed) + '%';
  }
  function burn(rate) {
    if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
    return (rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)) + '×';
  }
  function windowLength(ms) {
    for (const [size, unit] of [[86400000, 'd'], [3600000, 'h'], [60000, 'm']]) if (ms >= size && ms % size === 0) return ms / size + unit;
    return Math.round(ms / 1000) + 's';
  }
  function timestamp(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
  }
  function budgetLevel(remaining) {
    if (remaining === null) return 'none';
    if (remaining <= 0) return 'spent';
    if (remaining < 0.25) return 'low';
    if (remaining < 0.5) return 'half';
    return 'good';
  }
  function budgetText(remaining) {
    if (remaining === null) return 'no data';
    return remaining < 0 ? 'spent ' + burn(1 - remaining) : percent(remaining, 1);
  }
  function pill(className, text) {
    return el('span', { class: 'pill ' + className }, [text]);
  }
  function sub(children) {
    return el('div', { class: 'sub' }, children);
  }

  function budgetCell(remaining) {
    const width = remaining === null ? 0 : remaining <= 0 ? 100 : Math.round(Math.min(1, remaining) * 100);
    const svg = el('svg:svg', { class: 'budget-bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', 'aria-hidden': 'true' }, [
      el('svg:rect', { class: 'track', width: 100, height: 8 }),
      el('svg:rect', { class: 'fill level-' + budgetLevel(remaining), width, height: 8 }),
    ]);
    return el('span', { class: 'budget' }, [svg, el('span', { class: 'budget-value' }, [budgetText(remaining)])]);
  }

  function sparkline(points, label) {
    if (points.length === 0) return el('span', {}, []);
    const low = Math.min(0, ...points.map((p) => p.remaining));
    const t0 = points[0].atMs;
    const t1 = points[points.length - 1].atMs;
    const x = (t) => (t1 === t0 ? 1 : 1 + ((t - t0) / (t1 - t0)) * 118);
    const y = (v) => 27 - ((v - low) / (1 - low || 1)) * 26;
    const r = (v) => Math.round(v * 10) / 10;
    return el('svg:svg', { class: 'spark', viewBox: '0 0 120 28', role: 'img', 'aria-label': label }, [
      el('svg:line', { class: 'zero', x1: 0, x2: 120, y1: r(y(0)), y2: r(y(0)) }),
      el('svg:polyline', { class: 'burn', points: points.map((p) => r(x(p.atMs)) + ',' + r(y(p.remaining))).join(' ') }),
    ]);
  }

  function tierCell(tier) {
    const title = tier.tier + ' (' + tier.severity + '): ' + windowLength(tier.longWindowMs) + ' window ' + burn(tier.long) + ', ' +
      windowLength(tier.shortWindowMs) + ' window ' + burn(tier.short) + '; fires above ' + burn(tier.factor) + ' in both';
    return el('span', { class: 'tier sev-' + tier.severity + (tier.firing ? ' firing' : ''), title }, [windowLength(tier.longWindowMs) + ' ', el('b', {}, [burn(tier.long)])]);
  }

  function alertCell(alert) {
    if (alert.status === 'firing') return pill('alert-firing sev-' + (alert.severity || 'page'), ('firing ' + (alert.severity || '') + ' ' + (alert.tier || '')).trim());
    return pill('alert-' + alert.status, alert.status === 'resolved' ? 'resolved' : 'none');
  }

  function td(children, className) {
    return el('td', className ? { class: className } : {}, children);
  }

  // Mirrors boardRow in src/server/dashboard/pages/board-page.ts.
  function boardRow(row) {
    const below = row.sliValue !== null && row.sliValue < row.objective;
    return el('tr', { class: 'row-' + row.status, 'data-slo': row.slo }, [
      td([pill('status-' + row.status, STATUS_LABELS[row.status])]),
      td([el('a', { class: 'cuj', href: '/journeys/' + encodeURIComponent(row.journey) }, [row.journey]), sub([row.slo + (row.description ? ' — ' + row.description : '')])]),
      td([el('span', { class: 'sli ' + (below ? 'below' : '') }, [percent(row.sliValue, 3)]), sub(['objective ' + percent(row.objective, 3) + ' · ' + row.sli + ' · ' + windowLength(row.periodMs)])], 'num'),
      td([budgetCell(row.remaining)]),
      td([row.events === 0 ? '' : sparkline(row.burnDown, 'budget burn-down of ' + row.slo + ' over ' + windowLength(row.periodMs))]),
      td(row.burnRates.map(tierCell), 'tiers'),
      td([alertCell(row.alert)]),
      td([String(row.degradedRuns)], 'num'),
      td([row.bad + ' / ' + row.events], 'num'),
    ]);
  }

  function renderBoard(board) {
    const tbody = document.querySelector('#board tbody');
    if (!tbody || board.rows.length === 0) return;
    tbody.replaceChildren(...board.rows.map(boardRow));
    const summary = document.getElementById('board-summary');
    if (summary) {
      const parts = [board.rows.length + ' SLOs'];
      for (const key of Object.keys(STATUS_LABELS)) if (board.counts[key] > 0) parts.push(' · ', pill('status-' + key, board.counts[key] + ' ' + STATUS_LABELS[key]));
      summary.replaceChildren(...parts);
    }
  }

  async function swapMain() {
    const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error('page answered ' + response.status);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = doc.getElementById('main');
    const main = document.getElementById('main');
    if (fresh && main) main.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
  }

  function mark(ok, atMs) {
    if (status) status.classList.toggle('stale', !ok);
    if (stamp) stamp.textContent = ok ? timestamp(atMs) : 'update failed, retrying';
  }

  async function poll() {
    try {
      const response = await fetch(api, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) throw new Error('API answered ' + response.status);
      const data = await response.json();
      if (mode === 'board') renderBoard(data);
      else if (data.version !== version) await swapMain();
      version = data.version;
      body.dataset.liveVersion = version;
      mark(true, data.generatedAtMs || Date.now());
    } catch {
      mark(false);
    } finally {
      schedule();
    }
  }

  function schedule() {
    setTimeout(() => (document.hidden ? schedule() : poll()), intervalMs);
  }

  schedule();
})();
