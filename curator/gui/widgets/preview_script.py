"""The preview page's own script. It runs in an isolated world (story content has no script at all) and keeps
the body's blocks as DOM nodes, so an edit replaces only the nodes of the blocks that changed."""

PREVIEW_SCRIPT = r"""
(() => {
  if (window.curatorPreview) return;
  const blocks = [];          // per block: the DOM nodes it rendered to
  let lines = [], kinds = [], anchors = [], total = 1;
  const body = () => document.getElementById('story-body');

  function nodesOf(html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    const nodes = Array.from(t.content.childNodes);
    nodes.push(document.createTextNode('\n'));
    return nodes;
  }

  function splice(msg) {
    const b = body();
    if (!b) return false;
    if (msg.reset) { b.textContent = '\n'; blocks.length = 0; }
    const fresh = msg.insert.map(nodesOf);
    const removed = blocks.splice(msg.start, msg.remove, ...fresh);
    for (const nodes of removed) for (const n of nodes) n.remove();
    const after = blocks[msg.start + fresh.length];
    const ref = after && after.length ? after[0] : null;
    for (const nodes of fresh) for (const n of nodes) b.insertBefore(n, ref);
    lines = msg.lines; kinds = msg.kinds; anchors = msg.anchors; total = msg.total;
    return blocks.length;
  }

  function setPage(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const fresh = document.importNode(doc.getElementById('story'), true);
    const live = body();
    fresh.querySelector('#story-body').replaceWith(live);
    document.getElementById('story').replaceWith(fresh);
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    return true;
  }

  function setTheme(css) {
    let style = document.getElementById('curator-theme');
    if (!style) {
      style = document.createElement('style');
      style.id = 'curator-theme';
      document.head.appendChild(style);
    }
    style.textContent = css;
    return true;
  }

  const pageTop = el => el.getBoundingClientRect().top + window.scrollY;

  function firstElement(nodes) {
    for (const n of nodes) if (n.nodeType === 1) return n;
    return null;
  }

  function topOf(i) {
    for (let k = i; k < blocks.length; k++) {
      const el = firstElement(blocks[k]);
      if (el) return pageTop(el);
    }
    const b = body();
    return b ? pageTop(b) + b.offsetHeight : document.documentElement.scrollHeight;
  }

  function anchorElements(i) {
    const out = [];
    for (const n of blocks[i]) {
      if (n.nodeType !== 1) continue;
      if (kinds[i] === 'li' && (n.tagName === 'UL' || n.tagName === 'OL')) {
        for (const c of n.children) if (c.tagName === 'LI') out.push(c);
      } else if (kinds[i] === 'tr' && n.tagName === 'TABLE') {
        out.push(...n.querySelectorAll(':scope > thead > tr, :scope > tbody > tr, :scope > tr'));
      }
    }
    return out;
  }

  function scrollToLine(line) {
    if (line < 0) { window.scrollTo(0, document.documentElement.scrollHeight); return true; }
    if (!blocks.length || line <= 0) { window.scrollTo(0, 0); return true; }
    let lo = 0, hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= line) lo = mid; else hi = mid - 1;
    }
    const i = lo;
    let l0 = lines[i], l1 = i + 1 < lines.length ? lines[i + 1] : total;
    let y0 = i === 0 ? 0 : topOf(i), y1 = topOf(i + 1);
    const marks = kinds[i] ? anchorElements(i) : [];
    if (marks.length && marks.length === anchors[i].length) {
      let j = -1;
      for (let k = 0; k < marks.length; k++) if (anchors[i][k] <= line) j = k;
      if (j >= 0) {
        l0 = anchors[i][j];
        y0 = pageTop(marks[j]);
        if (j + 1 < marks.length) { l1 = anchors[i][j + 1]; y1 = pageTop(marks[j + 1]); }
      } else {
        l1 = anchors[i][0]; y1 = pageTop(marks[0]);
      }
    }
    const f = l1 > l0 ? Math.min(Math.max((line - l0) / (l1 - l0), 0), 1) : 0;
    window.scrollTo(0, y0 + (y1 - y0) * f);
    return true;
  }

  window.curatorPreview = {
    splice, setPage, setTheme, scrollToLine,
    bodyText: () => (body() ? body().innerText : ''),
    blockCount: () => blocks.length,
  };
})();
"""
