// The coursemap search page: plain JavaScript, no framework, no build step.
//
// Everything a record says is put on the page with textContent; the only HTML taken from
// the server is the index's snippet, which is rebuilt keeping nothing but <b> elements.
// The search lives in the URL (history.replaceState), so a copied address restores it.
'use strict';

(function () {
  const PAGE_SIZE = 20;
  const DEBOUNCE_MS = 250;
  // Filters that are lists of checkboxes, in URL order.
  const LIST_PARAMS = ['level', 'delivery', 'kind', 'focus', 'length', 'entry_year', 'status', 'nation', 'region', 'provider'];
  const SCALAR_PARAMS = ['max_fee', 'max_months', 'part_time'];

  const LABELS = {
    level: { 3: 'Level 3', 4: 'Level 4', 5: 'Level 5', 6: 'Level 6', 7: 'Level 7', 8: 'Level 8' },
    delivery: {
      campus: 'Campus',
      campus_and_work_based: 'Campus and work-based',
      distance: 'Distance learning',
      e_learning: 'E-learning',
      blended: 'Blended',
    },
    kind: { programme: 'Programme', module: 'Module', short_course: 'Short course', fellowship: 'Fellowship' },
    focus: { main: 'Main subject', related: 'Part of the course' },
    region: {
      south: 'South London',
      north_west: 'North West London',
      north_east_north_central: 'North East and North Central London',
      national: 'National',
      online: 'Online',
      // The UK's regions (a national catalogue), named as the records' vocabulary names them.
      north_east_england: 'North East England',
      north_west_england: 'North West England',
      yorkshire_and_the_humber: 'Yorkshire and the Humber',
      east_midlands: 'East Midlands',
      west_midlands: 'West Midlands',
      east_of_england: 'East of England',
      london: 'London',
      south_east_england: 'South East England',
      south_west_england: 'South West England',
      scotland: 'Scotland',
      wales: 'Wales',
      northern_ireland: 'Northern Ireland',
    },
    status: { recruiting: 'Recruiting', closed: 'Not recruiting this year', discontinued: 'Discontinued' },
    nation: { england: 'England', scotland: 'Scotland', wales: 'Wales', northern_ireland: 'Northern Ireland' },
    // The wording of the 2014 report's table 7, in its order.
    length: {
      short: 'Short course/standalone module',
      '1y_ft_only': 'One year full time only',
      '1y_ft_or_2_4y_pt': 'One year full time/2–4 years part time',
      up_to_3y_pt_only: 'Up to three years part time only',
      '3_9y_pt_only': 'Three to nine years part time only',
      '3y_plus_ft_or_4y_plus_pt': 'Three years or more full time/four years or more part time',
      no_time_limit: 'No time limit',
      other: 'Other',
      not_known: 'Not known',
    },
    requires: {
      academic: 'academic qualifications',
      work_experience: 'work experience',
      professional_registration: 'professional registration',
    },
    per: { year: 'per year', course: 'for the course', module: 'per module', credit: 'per credit', session: 'per session' },
    student: { home: 'home', international: 'international', any: 'all students' },
    mode: { full_time: 'full-time', part_time: 'part-time' },
  };
  const NOT_KNOWN = 'not_known';

  const $ = (id) => document.getElementById(id);
  const els = {
    form: $('search-form'),
    q: $('q'),
    maxFee: $('max-fee'),
    maxMonths: $('max-months'),
    partTime: $('part-time'),
    count: $('result-count'),
    csv: $('csv-link'),
    error: $('error'),
    hits: $('hits'),
    prev: $('prev-page'),
    next: $('next-page'),
    pageInfo: $('page-info'),
    dialog: $('details'),
    dialogTitle: $('details-title'),
    dialogBody: $('details-body'),
    dialogClose: $('details-close'),
    clear: $('clear-filters'),
    filterPanel: $('filter-panel'),
    activeFilters: $('active-filters'),
    queryFilters: $('query-filters'),
  };
  const WIDE_SCREEN = window.matchMedia('(min-width: 50rem)');

  let state = readState(new URLSearchParams(window.location.search));
  let lastTotal = 0;
  let requestSeq = 0;
  let inFlight = null;
  let debounceTimer = null;
  let detailsOpener = null;

  // ---- State <-> URL ----

  function emptyState() {
    const s = { q: '', offset: 0, max_fee: '', max_months: '', part_time: false };
    for (const p of LIST_PARAMS) s[p] = [];
    return s;
  }

  function readState(params) {
    const s = emptyState();
    s.q = (params.get('q') || '').slice(0, 256);
    for (const p of LIST_PARAMS) s[p] = [...new Set(params.getAll(p))];
    s.max_fee = wholeNumber(params.get('max_fee'));
    s.max_months = wholeNumber(params.get('max_months'));
    s.part_time = params.get('part_time') === 'true';
    const offset = Number.parseInt(params.get('offset') || '0', 10);
    s.offset = Number.isFinite(offset) && offset > 0 ? offset - (offset % PAGE_SIZE) : 0;
    return s;
  }

  function wholeNumber(text) {
    return text && /^\d{1,7}$/.test(text.trim()) ? text.trim() : '';
  }

  // The search's filters as a query string (no paging): shared by the API call, the CSV link
  // and the page's own URL.
  function filterQuery(s) {
    const params = new URLSearchParams();
    if (s.q.trim()) params.set('q', s.q.trim());
    for (const p of LIST_PARAMS) for (const v of s[p]) params.append(p, v);
    if (s.max_fee) params.set('max_fee', s.max_fee);
    if (s.max_months) params.set('max_months', s.max_months);
    if (s.part_time) params.set('part_time', 'true');
    return params;
  }

  function pageQuery(s) {
    const params = filterQuery(s);
    if (s.offset) params.set('offset', String(s.offset));
    return params;
  }

  function syncUrl() {
    const qs = pageQuery(state).toString();
    const url = qs ? `${window.location.pathname}?${qs}` : window.location.pathname;
    history.replaceState(null, '', url);
    const active = LIST_PARAMS.reduce((n, p) => n + state[p].length, 0) + SCALAR_PARAMS.filter((p) => state[p]).length;
    els.activeFilters.textContent = active ? `(${active} active)` : '';
    const filters = filterQuery(state).toString();
    els.csv.href = filters ? `/api/search.csv?${filters}` : '/api/search.csv';
  }

  function syncInputs() {
    els.q.value = state.q;
    els.maxFee.value = state.max_fee;
    els.maxMonths.value = state.max_months;
    els.partTime.checked = state.part_time;
  }

  // ---- Searching ----

  function scheduleSearch(delay) {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(search, delay);
  }

  async function search() {
    syncUrl();
    const seq = ++requestSeq;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const params = pageQuery(state);
    params.set('limit', String(PAGE_SIZE));
    document.body.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`/api/search?${params}`, { signal: inFlight.signal, headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (seq !== requestSeq) return;
      if (!response.ok) {
        showError(body && body.error ? body.error : `The search failed (${response.status}).`);
        return;
      }
      showError('');
      render(body);
    } catch (err) {
      if (err.name === 'AbortError' || seq !== requestSeq) return;
      showError('The search could not reach the server. Please try again.');
    } finally {
      if (seq === requestSeq) document.body.removeAttribute('aria-busy');
    }
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = !message;
  }

  // ---- Rendering results ----

  function render(body) {
    lastTotal = body.total;
    const first = body.total === 0 ? 0 : body.offset + 1;
    const last = body.offset + body.hits.length;
    els.count.textContent = body.total === 0
      ? 'No courses match.'
      : `${body.total} ${body.total === 1 ? 'course' : 'courses'} found` + (body.total > body.hits.length ? `, showing ${first}–${last}` : '') + '.'
        + (body.any_word ? ' No course matches every word; these match some of them.' : '');
    els.hits.replaceChildren(...body.hits.map(card));
    els.prev.disabled = body.offset === 0;
    els.next.disabled = last >= body.total;
    els.pageInfo.textContent = body.total > PAGE_SIZE ? `Page ${Math.floor(body.offset / PAGE_SIZE) + 1} of ${Math.ceil(body.total / PAGE_SIZE)}` : '';
    renderFacets(body.facets || {}, body.provider_names || {});
    renderQueryFilters(body.query_filters || []);
  }

  // Words of the query the server read as filters ("part time" -> part-time only), one chip
  // per run of words; removing a chip quotes the words, which the server takes as text.
  function renderQueryFilters(queryFilters) {
    const byWords = new Map();
    for (const f of queryFilters) {
      const label = (LABELS[f.filter] && LABELS[f.filter][f.value]) || `${f.filter.replace('_', ' ')}: ${f.value}`;
      if (!byWords.has(f.words)) byWords.set(f.words, []);
      byWords.get(f.words).push(f.filter === 'part_time' ? 'Part-time' : f.filter === 'full_time' ? 'Full-time' : f.filter === 'max_fee' ? 'Free' : label);
    }
    const chips = [...byWords].map(([words, labels]) => {
      const remove = el('button', { type: 'button', class: 'chip-remove', 'aria-label': `Search “${words}” as words, not a filter` }, ['×']);
      remove.addEventListener('click', () => {
        state.q = quoteWords(state.q, words);
        state.offset = 0;
        syncInputs();
        search();
      });
      return el('li', { class: 'chip' }, [`${[...new Set(labels)].join(' or ')} (from “${words}”) `, remove]);
    });
    els.queryFilters.replaceChildren(...chips);
    els.queryFilters.hidden = chips.length === 0;
  }

  // `q` with the first unquoted occurrence of `words` put in quotes.
  function quoteWords(q, words) {
    const pattern = words.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
    const found = new RegExp(`(^|\\s)(${pattern})(?=\\s|$)`, 'i').exec(q);
    if (!found) return `${q} "${words}"`.trim();
    const start = found.index + found[1].length;
    return `${q.slice(0, start)}"${found[2]}"${q.slice(start + found[2].length)}`;
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (key === 'text') node.textContent = value;
        else if (key === 'class') node.className = value;
        else node.setAttribute(key, value);
      }
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function card(hit) {
    const titleId = `hit-${hit.id}`;
    const facts = el('dl', { class: 'facts' }, [
      ...fact('Level', levelText(hit.levels, hit.postgraduate_unspecified)),
      ...fact('Delivery', LABELS.delivery[hit.delivery] || 'Not known'),
      ...fact('Length', lengthText(hit.length)),
      ...fact('Fees', feesText(hit.cost)),
      ...fact('Entry', entryText(hit.entry, 220)),
      ...fact('Year of entry', hit.entry_year || 'Not stated'),
      ...(hit.status ? fact('Status', LABELS.status[hit.status] || hit.status) : []),
    ]);
    const snippet = el('p', { class: 'snippet' });
    snippet.append(...snippetNodes(hit.snippet_html));
    const details = el('button', { type: 'button', class: 'details-button', 'aria-describedby': titleId, text: 'Details and evidence' });
    details.addEventListener('click', () => openDetails(hit.id, details));
    const source = safeUrl(hit.url);
    return el('li', { class: 'card' }, [
      el('article', { 'aria-labelledby': titleId }, [
        el('h3', { id: titleId, text: hit.title }),
        el('p', { class: 'provider', text: [hit.provider || 'Provider not known', LABELS.kind[hit.kind]].filter(Boolean).join(' · ') }),
        facts,
        snippet.childNodes.length ? snippet : null,
        el('div', { class: 'card-actions' }, [
          details,
          source ? el('a', { href: source, rel: 'noopener noreferrer', class: 'source-link', text: 'Source page', 'aria-describedby': titleId }) : null,
        ]),
      ]),
    ]);
  }

  function fact(term, value) {
    return [el('dt', { text: term }), el('dd', { text: value })];
  }

  // Only http(s) links: a record's URL must not become a javascript: link.
  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  // The index escapes the snippet's text and marks matches with <b>. It is parsed inert
  // (DOMParser runs no script and loads nothing) and rebuilt from text nodes and <b> only.
  function snippetNodes(html) {
    if (!html) return [];
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    const out = [];
    for (const node of doc.body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === 'B') out.push(el('b', { text: node.textContent }));
      else out.push(document.createTextNode(node.textContent));
    }
    return out;
  }

  function levelText(levels, postgraduateUnspecified) {
    if (levels && levels.length) return `FHEQ level ${levels.join(' or ')}`;
    if (postgraduateUnspecified) return 'Postgraduate (level not stated)';
    return 'Not known';
  }

  function lengthText(length) {
    if (!length) return 'Not known';
    if (length.text) return length.text;
    return LABELS.length[length.category] || 'Not known';
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency || 'GBP', maximumFractionDigits: 0 }).format(amount);
    } catch {
      return `${amount} ${currency || ''}`.trim();
    }
  }

  function feesText(cost) {
    if (!cost) return 'Not known';
    const parts = (cost.fees || []).slice(0, 3).map((fee) => {
      const who = [LABELS.student[fee.student], LABELS.mode[fee.mode]].filter(Boolean).join(', ');
      return `${money(fee.amount, fee.currency)} ${LABELS.per[fee.per] || ''}${who ? ` (${who})` : ''}`.trim();
    });
    if (parts.length) return parts.join('; ');
    if (cost.free) return 'Free';
    if (cost.stipend) return 'Funded: the learner is paid';
    if (cost.text) return cost.text;
    return 'Not known';
  }

  function entryText(entry, maxChars) {
    if (!entry) return 'Not known';
    if (entry.text) return entry.text.length > maxChars ? `${entry.text.slice(0, maxChars - 1)}…` : entry.text;
    if (Array.isArray(entry.requires)) {
      return entry.requires.length ? `Needs ${entry.requires.map((r) => LABELS.requires[r] || r).join(', ')}` : 'No entry requirements';
    }
    return 'Not known';
  }

  // ---- Facets ----

  function renderFacets(facets, providerNames) {
    for (const fieldset of document.querySelectorAll('fieldset[data-facet]')) {
      const name = fieldset.dataset.facet;
      const counts = facets[name] || {};
      const selected = state[name];
      const values = Object.keys(counts).filter((v) => v !== NOT_KNOWN);
      for (const v of selected) if (!values.includes(v)) values.push(v);
      values.sort((a, b) => facetOrder(name, a, b, counts, providerNames));
      const options = fieldset.querySelector('.options');
      const focused = document.activeElement && options.contains(document.activeElement) ? document.activeElement.value : null;
      options.replaceChildren(...values.map((value) => {
        const id = `f-${name}-${value}`;
        const input = el('input', { type: 'checkbox', id, name, value });
        input.checked = selected.includes(value);
        input.addEventListener('change', () => toggle(name, value, input.checked));
        const label = name === 'provider' ? providerNames[value] || value : (LABELS[name] && LABELS[name][value]) || value;
        const count = counts[value] || 0;
        return el('div', { class: count === 0 && !input.checked ? 'option empty' : 'option' }, [
          input,
          el('label', { for: id }, [document.createTextNode(label), el('span', { class: 'count', text: ` (${count})` })]),
        ]);
      }));
      if (focused !== null) {
        const again = options.querySelector(`input[value="${CSS.escape(focused)}"]`);
        if (again) again.focus();
      }
      // The length fieldset also holds the months and part-time inputs, which stay usable
      // when no category has a count.
      if (fieldset.dataset.keep !== 'true') fieldset.hidden = values.length === 0;
    }
  }

  function facetOrder(name, a, b, counts, providerNames) {
    if (name === 'level') return Number(a) - Number(b);
    if (name === 'entry_year') return a.localeCompare(b);
    if (name === 'provider') return (counts[b] || 0) - (counts[a] || 0) || (providerNames[a] || a).localeCompare(providerNames[b] || b);
    const order = Object.keys(LABELS[name] || {});
    return order.indexOf(a) - order.indexOf(b);
  }

  function toggle(name, value, on) {
    const values = state[name].filter((v) => v !== value);
    if (on) values.push(value);
    state[name] = values;
    state.offset = 0;
    scheduleSearch(0);
  }

  // ---- Details ----

  async function openDetails(id, opener) {
    detailsOpener = opener;
    els.dialogTitle.textContent = 'Loading…';
    els.dialogBody.replaceChildren();
    if (!els.dialog.open) els.dialog.showModal();
    try {
      const response = await fetch(`/api/courses/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || `status ${response.status}`);
      renderDetails(body.record, body.evidence || []);
    } catch (err) {
      els.dialogTitle.textContent = 'Details unavailable';
      els.dialogBody.replaceChildren(el('p', { class: 'error', text: `The details could not be loaded: ${err.message}` }));
    }
  }

  function fieldValue(record, field) {
    switch (field) {
      case 'title': return record.title;
      case 'awards': return awardsText(record.awards);
      case 'fheq_levels': return levelText(record.fheq_levels, record.postgraduate_unspecified);
      case 'entry': return entryText(record.entry, 400);
      case 'length': return lengthText(record.length);
      case 'delivery': return LABELS.delivery[record.delivery] || 'Not known';
      case 'cost': return feesText(record.cost);
      case 'topics': return (record.topics || []).join(', ');
      case 'focus': return LABELS.focus[record.focus] || 'Not relevant';
      default: return null;
    }
  }

  // The contract: [] is "no award", null is "not known".
  function awardsText(awards) {
    if (!Array.isArray(awards)) return 'Not known';
    return awards.length ? awards.join(', ') : 'None (not award-bearing)';
  }

  function renderDetails(record, evidence) {
    els.dialogTitle.textContent = record.title;
    const source = safeUrl(record.url);
    const facts = el('dl', { class: 'facts' }, [
      ...fact('Provider', record.provider || 'Not known'),
      ...fact('Kind', LABELS.kind[record.kind] || record.kind),
      ...fact('Awards', awardsText(record.awards)),
      ...fact('Level', levelText(record.fheq_levels, record.postgraduate_unspecified)),
      ...fact('Delivery', LABELS.delivery[record.delivery] || 'Not known'),
      ...fact('Length', lengthText(record.length)),
      ...fact('Fees', feesText(record.cost)),
      ...fact('Entry', entryText(record.entry, 2000)),
      ...fact('Focus', LABELS.focus[record.focus] || 'Not relevant to the mapping'),
      ...fact('Verified', record.verified ? 'Confirmed by the provider' : 'Not yet confirmed by the provider'),
    ]);
    const evidenceList = el('ul', { class: 'evidence' }, evidence.map((item) => {
      const value = fieldValue(record, item.field);
      const line = el('li', {}, [
        el('strong', { text: `${item.label}: ` }),
        document.createTextNode(`${value || item.text} — ${item.source_description}`),
      ]);
      if (item.text) line.append(el('q', { class: 'evidence-text', text: item.text }));
      return line;
    }));
    const parts = [facts];
    if (record.description) parts.push(el('h3', { text: 'Description' }), el('p', { class: 'description', text: record.description }));
    parts.push(el('h3', { text: 'Where each fact came from' }));
    parts.push(evidence.length ? evidenceList : el('p', { text: 'No evidence recorded for this course.' }));
    if (source) parts.push(el('p', {}, [el('a', { href: source, rel: 'noopener noreferrer', text: 'Open the source page' })]));
    els.dialogBody.replaceChildren(...parts);
  }

  // ---- Wiring ----

  els.q.addEventListener('input', () => {
    state.q = els.q.value.slice(0, 256);
    state.offset = 0;
    scheduleSearch(DEBOUNCE_MS);
  });
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = els.q.value.slice(0, 256);
    state.offset = 0;
    scheduleSearch(0);
  });
  for (const [input, key] of [[els.maxFee, 'max_fee'], [els.maxMonths, 'max_months']]) {
    input.addEventListener('input', () => {
      state[key] = wholeNumber(input.value);
      state.offset = 0;
      scheduleSearch(DEBOUNCE_MS);
    });
  }
  els.partTime.addEventListener('change', () => {
    state.part_time = els.partTime.checked;
    state.offset = 0;
    scheduleSearch(0);
  });
  els.clear.addEventListener('click', () => {
    state = { ...emptyState(), q: state.q };
    syncInputs();
    scheduleSearch(0);
  });
  els.prev.addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    scheduleSearch(0);
    $('results').focus();
  });
  els.next.addEventListener('click', () => {
    if (state.offset + PAGE_SIZE < lastTotal) state.offset += PAGE_SIZE;
    scheduleSearch(0);
    $('results').focus();
  });
  els.dialogClose.addEventListener('click', () => els.dialog.close());
  els.dialog.addEventListener('close', () => {
    if (detailsOpener && document.contains(detailsOpener)) detailsOpener.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  els.dialog.addEventListener('click', (event) => {
    if (event.target === els.dialog) els.dialog.close();
  });

  // Phones see the results first and open the filters on demand; wide screens always see them.
  const showFiltersOnWideScreens = () => {
    if (WIDE_SCREEN.matches) els.filterPanel.open = true;
  };
  WIDE_SCREEN.addEventListener('change', showFiltersOnWideScreens);
  els.filterPanel.addEventListener('toggle', showFiltersOnWideScreens);
  showFiltersOnWideScreens();

  syncInputs();
  search();
})();
