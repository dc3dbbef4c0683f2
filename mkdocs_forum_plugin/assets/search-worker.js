/* The forum plugin's search worker for Material for MkDocs.
 *
 * Material's page starts it in place of its own worker and speaks the same
 * messages: SETUP (the configuration from search/search_index.json) is answered
 * with READY, each QUERY with a RESULT whose items are grouped per page, the
 * page's own item last when it did not match, as Material's worker does.
 *
 * Instead of holding the whole index, it fetches per query one term file per
 * word (search/forum/terms/K.json: K is a hash of the word's first three
 * characters among the index's `buckets` files) and the packs of the pages it
 * shows (search/forum/pages/G.json: page N is entry N % pack of pack N / pack),
 * written by mkdocs_forum_plugin/search_index.py. Packs are fetched for the
 * best pages in score order until FILL pages have their rows; a lower page is
 * shown only when its pack came with those. Words are matched as there: lower
 * case, NFC, runs of letters, digits and "_"; the last word of a query that does
 * not end in a space also matches as a prefix, so results come while typing.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const PREFIX = 3, MIN_WORD = 2, MAX_PAGES = 20, FILL = 10, PREFIX_FACTOR = 0.6, SNIPPET = 200

const siteRoot = new URL("../../", self.location.href)  // this file is assets/forum/search-worker.js
let root = new URL("search/forum/", siteRoot)
let version = ""
let items = 1
let pack = 1  // pages per pack file
let buckets = 1  // term files
let suggest = false
const cache = new Map()

function words(text) {
  const all = text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []
  return all.filter(w => [...w].length >= MIN_WORD)
}

/* The term file of a word: FNV-1a of its first characters' UTF-8, as search_index.bucket(). */
function termFile(word) {
  const key = [...word].slice(0, PREFIX).join("")
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(key)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
  return (hash % buckets) + ".json"
}

/* A row's location: a number is a post of the page, "#..." a part of it (search_records._full_location). */
function located(page, short) {
  if (typeof short === "number") return `${page}#post-${short}`
  return short.startsWith("#") ? page + short : short
}

function load(path) {
  let promise = cache.get(path)
  if (!promise) {
    const url = new URL(path, root)
    if (version) url.searchParams.set("v", version)
    promise = fetch(url).then(r => (r.ok ? r.json() : null)).catch(() => null)
    cache.set(path, promise)
  }
  return promise
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/* A character reference of the indexed HTML (titles and texts are escaped: "&quot;", "&#x27;"). */
const REFERENCE = /&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi
const NAMED = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" }

/* The character a reference shows; another name counts as one character that is not a letter. */
function character(reference) {
  const name = reference.slice(1, -1)
  if (name[0] !== "#") return NAMED[name.toLowerCase()] || "\ufffd"
  const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd"
}

/* Wrap matches in <mark>, in text only: never inside a tag or a character reference.
 *
 * Words are matched in the text as a reader sees it ("&quot;" is one '"'), so that a
 * query on its way to a longer word ("quo", "am", "lt", "x27") never cuts "&quot;"
 * into "&<mark>quo</mark>t;", which the page would then show as written. Each piece
 * of the source is copied as it was, a reference whole; a match starts a word.
 */
function highlight(html, matcher) {
  return html.split(/(<[^>]*>)/).map(part => (part.startsWith("<") ? part : highlightText(part, matcher))).join("")
}

function highlightText(text, matcher) {
  const pieces = []  // [source, what it shows, whether it is one reference]
  let last = 0
  for (const found of text.matchAll(REFERENCE)) {
    if (found.index > last) pieces.push([text.slice(last, found.index), text.slice(last, found.index), false])
    pieces.push([found[0], character(found[0]), true])
    last = found.index + found[0].length
  }
  if (last < text.length) pieces.push([text.slice(last), text.slice(last), false])
  const shown = pieces.map(piece => piece[1]).join("")
  const edges = []  // where marks start and end, in the shown text, in order
  for (const found of shown.matchAll(matcher)) edges.push(found.index + found[1].length, found.index + found[0].length)
  if (!edges.length) return text

  let out = "", at = 0, next = 0, open = false
  const toggle = () => { out += open ? "</mark>" : "<mark>"; open = !open; next++ }
  for (const [source, chars, reference] of pieces) {
    const end = at + chars.length
    if (reference) {
      while (next < edges.length && edges[next] <= at) toggle()
      out += source
    } else {
      let from = at
      while (next < edges.length && edges[next] < end) {
        out += source.slice(from - at, edges[next] - at)
        from = edges[next]
        toggle()
      }
      out += source.slice(from - at)
    }
    at = end
  }
  while (next < edges.length) toggle()
  return out
}

/* A window of a long plain post around its first match, cut at spaces. */
function snippet(text, matcher) {
  if (text.length <= SNIPPET || text.includes("<")) return text
  matcher.lastIndex = 0
  const found = matcher.exec(text)
  let start = found ? Math.max(0, found.index - 80) : 0
  if (start > 0) start = text.indexOf(" ", start) + 1
  let end = Math.min(text.length, start + SNIPPET)
  if (end < text.length) end = Math.max(start + 1, text.lastIndexOf(" ", end))
  return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "")
}

async function search(query) {
  const terms = [...new Set(words(query))]
  if (!terms.length) return { items: [] }
  const prefixed = !/\s$/.test(query)
  const shards = await Promise.all(terms.map(term => load("terms/" + termFile(term))))

  /* Score items: for each query word its best matching indexed word, summed over query words. */
  const scores = new Map()
  const seen = []
  let completion = ""  // the commonest indexed word the last query word begins, for Material's suggestions
  let completionDf = 0
  terms.forEach((term, n) => {
    const shard = shards[n] || {}
    const asPrefix = prefixed && n === terms.length - 1
    const best = new Map()
    for (const [word, list] of Object.entries(shard)) {
      const exact = word === term
      if (!exact && !(asPrefix && word.startsWith(term))) continue
      seen.push(word)
      if (asPrefix && list[0] > completionDf) [completion, completionDf] = [word, list[0]]
      const idf = Math.log(1 + items / list[0]) * (exact ? 1 : PREFIX_FACTOR)
      for (let k = 1; k + 2 < list.length; k += 3) {
        const id = list[k] + ":" + list[k + 1]
        const score = idf * list[k + 2]
        if ((best.get(id) || 0) < score) best.set(id, score)
      }
    }
    for (const [id, score] of best) {
      let entry = scores.get(id)
      if (!entry) scores.set(id, entry = { score: 0, terms: new Set() })
      entry.score += score
      entry.terms.add(term)
    }
  })

  /* Items that match more of the query come first, as in Material's worker. */
  const byPage = new Map()
  for (const [id, entry] of scores) {
    const [page, item] = id.split(":").map(Number)
    const coverage = entry.terms.size / terms.length
    const score = entry.score * (1 + coverage ** 2)
    let group = byPage.get(page)
    if (!group) byPage.set(page, group = { best: 0, hits: [] })
    group.best = Math.max(group.best, score)
    group.hits.push({ item, score, terms: entry.terms })
  }
  /* Packs for the best pages, in score order, until FILL pages have rows (a pack that fails
   * to come is passed over); lower pages are shown only when their pack came with those. */
  const ranked = [...byPage].sort((a, b) => b[1].best - a[1].best || a[0] - b[0])
  const packs = new Map()
  const rowsOf = page => {
    const rows = (packs.get(Math.floor(page / pack)) || [])[page % pack]
    return Array.isArray(rows) && rows.length ? rows : null
  }
  let filled = 0, next = 0
  while (filled < FILL && next < ranked.length) {
    const batch = ranked.slice(next, next + FILL - filled).map(([page]) => page)
    next += batch.length
    const wanted = [...new Set(batch.map(page => Math.floor(page / pack)))].filter(g => !packs.has(g))
    const fetched = await Promise.all(wanted.map(g => load(`pages/${g}.json`)))
    wanted.forEach((g, k) => packs.set(g, Array.isArray(fetched[k]) ? fetched[k] : null))
    filled += batch.filter(rowsOf).length
  }
  // Among the MAX_PAGES best, or as far as packs had to be fetched when one did not come.
  const groups = ranked.slice(0, Math.max(MAX_PAGES, next)).filter(([page]) => rowsOf(page)).slice(0, MAX_PAGES)

  const alternatives = [...new Set([...terms, ...seen])].sort((a, b) => b.length - a.length)
  const matcher = new RegExp(`(^|[^\\p{L}\\p{N}_])(${alternatives.map(escapeRegExp).join("|")})`, "giu")
  const result = []
  groups.forEach(([page, group]) => {
    const rows = rowsOf(page)
    const base = rows[0][0]
    const make = (row, score, matched, first) => {
      const [short, title, text = "", tags] = row
      const doc = {
        location: first ? short : located(base, short),
        title: highlight(title, matcher),
        text: highlight(snippet(text, matcher), matcher),
        score,
        terms: Object.fromEntries(terms.map(t => [t, matched.has(t)]))
      }
      if (tags) doc.tags = tags
      return doc
    }
    const hits = group.hits.filter(h => rows[h.item]).sort((a, b) => b.score - a.score || a.item - b.item)
    const docs = hits.map(h => make(rows[h.item], h.score, h.terms, h.item === 0))
    if (!hits.some(h => h.item === 0)) docs.push({ ...make(rows[0], 0, new Set(), true), terms: {} })
    result.push(docs)
  })
  return suggest && completion ? { items: result, suggest: [completion] } : { items: result }
}

/* One message at a time, so that results come back in the order of the queries. */
let queue = Promise.resolve()
addEventListener("message", event => {
  queue = queue.then(() => handle(event.data))
})

async function handle(message) {
  switch (message.type) {
    case SETUP: {
      const forum = (message.data && message.data.config && message.data.config.forum) || {}
      if (forum.index) root = new URL(forum.index, siteRoot)
      version = forum.version || ""
      items = forum.items || 1
      pack = forum.pack || 1
      buckets = forum.buckets || 1
      suggest = Boolean(message.data.options && message.data.options.suggest)
      cache.clear()
      postMessage({ type: READY })
      break
    }
    case QUERY:
      try {
        postMessage({ type: RESULT, data: await search(message.data) })
      } catch (err) {
        console.warn(err)
        postMessage({ type: RESULT, data: { items: [] } })
      }
      break
  }
}
