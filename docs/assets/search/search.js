/*
 * Reader search for the archive: accent-insensitive, faceted, lazy.
 *
 * Reads the static index written by newsarchive/search.py (see its docstring for the
 * layout). Documents are numbered newest first, so a postings list in id order is in
 * date order: the first page of results needs only the first block of each term.
 * newsarchive.search.query is the reference implementation; tests compare the two.
 *
 * Everything shown comes from data and is set with textContent, never innerHTML.
 */
(function () {
  "use strict";

  var PAGE = 10;

  /* --- folding and terms (mirror newsarchive.text.fold / newsarchive.search) --- */

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/đ/g, "d");
  }

  var SYLLABLE = /[\p{L}\p{N}]+/gu;
  /* Old-style tone placement ("hoà", "uỷ") moved to the first vowel, as
     newsarchive.text.normalize_tones does, so "Hoà Bình" and "Hòa Bình" are one word. */
  var OLD_STYLE_TONE = /(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{N}_\u0300-\u036f])/gu;

  function normalizeTones(text) {
    return text.normalize("NFD").replace(OLD_STYLE_TONE, "$1$3$2").normalize("NFC");
  }

  /* The index key of a term with its diacritics ("=bình định"); none typed: the folded key. */
  function exactKey(term) {
    return fold(term) === term ? term : "=" + term;
  }

  function adjacent(words) {
    var pairs = [];
    for (var i = 1; i < words.length; i++) pairs.push(words[i - 1] + " " + words[i]);
    return pairs;
  }

  /* Folded syllables and pairs, and the keys of the words as typed (newsarchive Query). */
  function parseQuery(text) {
    var words = fold(text).match(SYLLABLE) || [];
    var typed = normalizeTones(text).toLowerCase().match(SYLLABLE) || [];
    var exact = Array.from(new Set(typed.concat(adjacent(typed)).map(exactKey)));
    return { syllables: Array.from(new Set(words)), pairs: Array.from(new Set(adjacent(words))),
      exact: exact, accented: exact.some(function (key) { return key[0] === "="; }) };
  }

  function fnv1a(term) {
    var hash = 0x811c9dc5;
    var bytes = new TextEncoder().encode(term);
    for (var i = 0; i < bytes.length; i++) {
      hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  /* Gaps as LEB128 varints, or a bitmap (newsarchive.site.search.encode_ids): byte 0,
   * the first id as a varint, then one bit per id from it, lowest bit first. */
  function decodeIds(bytes) {
    var ids = [], previous = -1, gap = 0, shift = 0;
    if (bytes.length && bytes[0] === 0) return decodeBitmap(bytes);
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes[i];
      gap += (byte & 0x7f) * Math.pow(2, shift);
      if (byte & 0x80) { shift += 7; continue; }
      previous += gap;
      ids.push(previous);
      gap = 0; shift = 0;
    }
    return ids;
  }

  function decodeBitmap(bytes) {
    var ids = [], first = 0, shift = 0, i = 1;
    while (bytes[i] & 0x80) { first += (bytes[i] & 0x7f) * Math.pow(2, shift); shift += 7; i++; }
    first += bytes[i] * Math.pow(2, shift);
    for (var k = i + 1, base = first; k < bytes.length; k++, base += 8) {
      for (var bit = 0, byte = bytes[k]; byte; bit++, byte >>= 1) {
        if (byte & 1) ids.push(base + bit);
      }
    }
    return ids;
  }

  function base64Bytes(text) {
    var binary = atob(text), out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  /* First index in sorted ids holding a value >= target (ids.length if none). */
  function lowerBound(ids, target) {
    var lo = 0, hi = ids.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (ids[mid] < target) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* --- the index over HTTP, every file fetched at most once --- */

  function Index(base) {
    this.base = base;
    this.cache = new Map();
  }

  Index.prototype.fetch = function (path, kind) {
    if (!this.cache.has(path)) {
      var url = new URL(path, this.base);
      this.cache.set(path, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return kind === "json" ? response.json() : response.arrayBuffer();
      }).then(function (data) {
        return kind === "json" ? data : new Uint8Array(data);
      }));
    }
    return this.cache.get(path);
  };

  Index.prototype.meta = function () { return this.fetch("meta.json", "json"); };

  Index.prototype.cursor = function (term) {
    var self = this;
    return this.meta().then(function (meta) {
      var shard = (fnv1a(term) % meta.shards).toString(16);
      return self.fetch("dict/" + shard + ".json", "json").then(function (entries) {
        var entry = own(entries, term);
        return entry ? new TermCursor(self, shard, entry) : null;
      });
    });
  };

  Index.prototype.facetCursor = function (axis, position) {
    return this.fetch("facet/" + axis + "/" + position + ".bin", "bin").then(function (bytes) {
      return new ListCursor(decodeIds(bytes));
    });
  };

  Index.prototype.records = function (ids) {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(ids.map(function (id) {
        return self.fetch("doc/" + Math.floor(id / meta.chunk) + ".json", "json")
          .then(function (rows) { return rows[id % meta.chunk]; });
      }));
    });
  };

  /* A cursor's seek(target) gives the smallest id >= target (Infinity when none), or a
     Promise of it when a block must be fetched first. */
  function ListCursor(ids) { this.ids = ids; this.df = ids.length; }
  ListCursor.prototype.seek = function (target) {
    var at = lowerBound(this.ids, target);
    return at < this.ids.length ? this.ids[at] : Infinity;
  };

  function RangeCursor(first, last) { this.first = first; this.last = last; this.df = last - first + 1; }
  RangeCursor.prototype.seek = function (target) {
    if (target < this.first) return this.first;
    return target <= this.last ? target : Infinity;
  };

  function TermCursor(index, shard, entry) {
    this.df = entry[0];
    if (entry.length === 2) {
      this.blocks = [decodeIds(base64Bytes(entry[1]))];
      this.firsts = [this.blocks[0][0]];
    } else {
      this.index = index;
      this.path = "post/" + shard + "/" + entry[1] + ".";
      this.firsts = entry[2];
      this.blocks = new Array(this.firsts.length);
    }
  }

  TermCursor.prototype.load = function (k) {
    var self = this;
    return this.index.fetch(this.path + k + ".bin", "bin").then(function (bytes) {
      self.blocks[k] = decodeIds(bytes);
    });
  };

  /* Every block: one missing block is fetched alone, several come from the whole-list
     file (post/<shard>/<n>.bin), one request instead of one per block. */
  TermCursor.prototype.loadAll = function () {
    var self = this, missing = [];
    for (var k = 0; k < this.blocks.length; k++) if (!this.blocks[k]) missing.push(k);
    if (missing.length < 2) return Promise.all(missing.map(function (k) { return self.load(k); }));
    return this.index.fetch(this.path + "bin", "bin").then(function (bytes) {
      var ids = decodeIds(bytes), firsts = self.firsts;
      for (var k = 0; k < firsts.length; k++) {
        if (self.blocks[k]) continue;
        var end = k + 1 < firsts.length ? lowerBound(ids, firsts[k + 1]) : ids.length;
        self.blocks[k] = ids.slice(lowerBound(ids, firsts[k]), end);
      }
    });
  };

  TermCursor.prototype.seek = function (target) {
    var k = Math.max(0, lowerBound(this.firsts, target + 1) - 1);
    var block = this.blocks[k];
    if (!block) {
      var self = this;
      return this.load(k).then(function () { return self.seek(target); });
    }
    var at = lowerBound(block, target);
    if (at < block.length) return block[at];
    return k + 1 < this.firsts.length ? this.firsts[k + 1] : Infinity;
  };

  /* Smallest id >= from held by every cursor (leapfrog intersection). */
  async function nextMatch(cursors, from) {
    var candidate = from, agreed = 0, i = 0;
    while (agreed < cursors.length) {
      var id = cursors[i].seek(candidate);
      if (typeof id !== "number") id = await id;
      if (id === Infinity) return Infinity;
      if (id > candidate) { candidate = id; agreed = 1; } else { agreed++; }
      i = (i + 1) % cursors.length;
    }
    return candidate;
  }

  /* --- a search: query + filters + sort, paged --- */

  /* Date order is strictly newest first. A query typed with diacritics matches only the
     articles holding those words with those diacritics, side by side as typed (its exact
     keys); `accents === false` ignores them (as newsarchive.search.query). */
  function Search(index, text, filters, sort, pageSize, accents) {
    this.index = index;
    this.pageSize = pageSize || PAGE;
    this.query = parseQuery(text);
    this.exact = accents !== false && this.query.accented;
    this.required = this.exact ? this.query.exact : this.query.syllables;
    this.filters = filters;
    this.sort = sort;
    this.found = [];
    this.buffer = [];
    this.next = 0;
    this.done = false;
  }

  Search.prototype.filterCursors = async function (meta) {
    var cursors = [];
    for (var axis of Object.keys(this.filters)) {
      var value = own(this.filters, axis);
      if (value === null || value === undefined || value === "") continue;
      if (axis === "year") {
        var year = meta.years.find(function (row) { return String(row[0]) === String(value); });
        if (!year) return null;
        cursors.push(new RangeCursor(year[1], year[2]));
        continue;
      }
      var facet = own(meta.facets, axis);
      if (!facet) return null;
      var position = facet.findIndex(function (row) { return row[0] === value; });
      if (position < 0) return null;
      cursors.push(await this.index.facetCursor(axis, position));
    }
    return cursors;
  };

  function byDf(a, b) { return a.df - b.df; }

  /* object[key] only when the object itself holds key: a query word such as
     "constructor", "__proto__" or "toString" must not find Object.prototype's. */
  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  /* Relevance weights: 3 per query pair in the article, 2 more per pair in the title,
     1 per syllable in the title (as newsarchive.search.query). */
  function weighted(query) {
    return query.pairs.map(function (p) { return [3, p]; })
      .concat(query.pairs.map(function (p) { return [2, "t:" + p]; }))
      .concat(query.syllables.map(function (s) { return [1, "t:" + s]; }));
  }

  Search.prototype.prepare = async function () {
    var index = this.index, meta = await index.meta();
    var cursorOf = function (term) { return index.cursor(term); };
    var relevance = this.sort === "relevance";
    // Relevance reads whole lists: its scoring terms' dictionary shards come in the same
    // round of requests as the query's own, and no newest block is fetched first.
    var found = await Promise.all([
      Promise.all(this.required.map(cursorOf)),
      this.filterCursors(meta),
      relevance ? Promise.all(weighted(this.query).map(function (w) { return cursorOf(w[1]); }))
        : null,
    ]);
    var required = found[0], filters = found[1];
    this.cursors = [];
    if (!required.length || required.indexOf(null) >= 0 || filters === null) return;
    this.cursors = required.concat(filters).sort(byDf);
    if (relevance) return this.rankAll(found[2]);
    // Any first page needs the newest block of every query list: fetch them together.
    await Promise.all(required.map(function (c) { return c.blocks[0] || c.load(0); }));
  };

  /* The next result in date order, or Infinity. */
  Search.prototype.advance = async function () {
    if (!this.cursors.length) return Infinity;
    var id = await nextMatch(this.cursors, this.next);
    if (id !== Infinity) this.next = id + 1;
    return id;
  };

  Search.prototype.more = async function () {
    if (this.cursors === undefined) await this.prepare();
    var page;
    if (this.ranked) {
      page = this.ranked.slice(this.found.length, this.found.length + this.pageSize);
      this.done = this.found.length + page.length >= this.ranked.length;
    } else {
      page = this.buffer.splice(0);
      while (page.length < this.pageSize) {
        var id = await this.advance();
        if (id === Infinity) break;
        page.push(id);
      }
      // One more, so that "exactly 10" and "more than 10" read differently.
      var peek = page.length === this.pageSize ? await this.advance() : Infinity;
      if (peek === Infinity) this.done = true; else this.buffer.push(peek);
    }
    this.found = this.found.concat(page);
    return page;
  };

  /* How many results are known: a relevance ranking is complete by construction; in
     date order, those found so far (the UI says "Hơn N" until the search is done). */
  Search.prototype.total = function () {
    return this.ranked ? this.ranked.length : this.found.length;
  };

  /* Every id of a cursor whose lists are all loaded, ascending. */
  function allIds(cursor) {
    if (cursor.blocks) return [].concat.apply([], cursor.blocks);
    if (cursor.ids) return cursor.ids;
    var ids = [];
    for (var id = cursor.first; id <= cursor.last; id++) ids.push(id);
    return ids;
  }

  /* Ids in both ascending lists, by one merge pass. */
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  /* Relevance: every match scored by `weighted` over the scorers' cursors (null for a
     term no article holds); ties newest first (as newsarchive.search.query). Whole
     lists are loaded, so matching and scoring are merge passes over arrays (100k
     matches × 14 lists: a per-id seek cost hundreds of milliseconds). */
  Search.prototype.rankAll = async function (scorers) {
    var weights = weighted(this.query);
    var all = this.cursors;
    await Promise.all(all.concat(scorers.filter(Boolean)).map(function (c) {
      return c.loadAll ? c.loadAll() : null;
    }));
    var matches = all.length ? all.map(allIds).reduce(intersect) : [];
    var score = new Int32Array(matches.length), top = 0;
    scorers.forEach(function (cursor, s) {
      if (!cursor) return;
      var ids = allIds(cursor), weight = weights[s][0];
      for (var i = 0, j = 0; i < matches.length && j < ids.length;) {
        if (matches[i] < ids[j]) i++;
        else if (matches[i] > ids[j]) j++;
        else { score[i] += weight; top = Math.max(top, score[i]); i++; j++; }
      }
    });
    // Scores are small integers: one bucket per score, highest first, ids ascending.
    var buckets = [];
    for (var k = 0; k <= top; k++) buckets.push([]);
    for (var m = 0; m < matches.length; m++) buckets[score[m]].push(matches[m]);
    this.ranked = [].concat.apply([], buckets.reverse());
  };

  /* --- highlighting on the original text --- */

  /* Append text to parent, wrapping every syllable whose fold is in `wanted` in <mark>.
     Folding maps each original character to zero or more folded characters, so folded
     positions are mapped back to the original string. */
  function appendMarked(parent, text, wanted) {
    var folded = "", starts = [], ends = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var f = fold(ch);
      for (var j = 0; j < f.length; j++) { starts.push(i); ends.push(i + ch.length); }
      folded += f;
      i += ch.length;
    }
    var last = 0, match;
    SYLLABLE.lastIndex = 0;
    while ((match = SYLLABLE.exec(folded)) !== null) {
      if (!wanted.has(match[0])) continue;
      var from = starts[match.index], to = ends[match.index + match[0].length - 1];
      if (from > last) parent.appendChild(document.createTextNode(text.slice(last, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      parent.appendChild(mark);
      last = to;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  window.NewsarchiveSearch = { fold: fold, normalizeTones: normalizeTones,
    parseQuery: parseQuery, fnv1a: fnv1a, Index: Index, Search: Search,
    appendMarked: appendMarked };
})();
