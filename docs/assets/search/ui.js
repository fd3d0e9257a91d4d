/*
 * The header search box: Material's markup (overrides/partials/search.html) driven by
 * the archive's own index (search.js). Keyboard: "/" (or "s", "f", as in Material)
 * focuses the box, ↓/↑ move through results, Esc closes. Results are announced
 * through a polite live region. All data is written with textContent.
 *
 * A search lives in the page address (?q=…&sort=relevance&province=…&unit=…&year=…&type=…),
 * so it can be shared or bookmarked: opening such an address opens the search, restores
 * the query, the filters and the order, and runs it.
 *
 * The dialog's markup (Material's search markup: same classes, icons, overlay) is written
 * here into the empty <div data-na-search> of every page (overrides/partials/search.html)
 * rather than repeated in each page's HTML: 2.6 KB on each of 100,000 pages is 260 MB of
 * a site GitHub Pages caps at 1 GB, and without this script the box could not search.
 */
(function () {
  "use strict";

  var NS = window.NewsarchiveSearch;
  var DEBOUNCE_MS = 120;
  var FACETS = ["province", "unit", "year", "type"];  // URL parameter = data-na-facet

  var DIALOG = [
    "<label class=\"md-search__overlay\" for=\"__search\"></label>",
    "<div class=\"md-search__inner\" role=\"search\">",
    "<form class=\"md-search__form\" name=\"na-search\">",
    "<input type=\"text\" class=\"md-search__input\" name=\"query\" aria-label=\"Tìm kiếm, có dấu hoặc không dấu\" placeholder=\"Tìm kiếm\" autocapitalize=\"off\" autocorrect=\"off\" autocomplete=\"off\" spellcheck=\"false\" aria-controls=\"na-search-results\" aria-describedby=\"na-search-status\" required>",
    "<label class=\"md-search__icon md-icon\" for=\"__search\">",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5\"/></svg>",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z\"/></svg>",
    "</label>",
    "<nav class=\"md-search__options\" aria-label=\"Tìm kiếm\">",
    "<button type=\"reset\" class=\"md-search__icon md-icon\" title=\"Xóa\" aria-label=\"Xóa từ khóa\" tabindex=\"-1\">",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path d=\"M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z\"/></svg>",
    "</button>",
    "</nav>",
    "</form>",
    "<div class=\"md-search__output\">",
    "<div class=\"md-search__scrollwrap\" tabindex=\"0\" data-md-scrollfix>",
    "<div class=\"md-search-result\">",
    "<div class=\"na-search__facets\" role=\"group\" aria-label=\"Lọc và sắp xếp kết quả\">",
    "<label>Sắp xếp <select data-na-sort><option value=\"date\">Mới nhất</option><option value=\"relevance\">Phù hợp nhất</option></select></label>",
    "<label>Tỉnh khi đăng <select data-na-facet=\"province\" data-all=\"Tất cả\"><option value=\"\">Tất cả</option></select></label>",
    "<label>Tỉnh, thành hiện nay <select data-na-facet=\"unit\" data-all=\"Tất cả\"><option value=\"\">Tất cả</option></select></label>",
    "<label>Năm <select data-na-facet=\"year\" data-all=\"Mọi năm\"><option value=\"\">Mọi năm</option></select></label>",
    "<label>Loại tin <select data-na-facet=\"type\" data-all=\"Tất cả\"><option value=\"\">Tất cả</option></select></label>",
    "</div>",
    "<div class=\"md-search-result__meta\" id=\"na-search-status\" role=\"status\" aria-live=\"polite\">",
    "Nhập từ khóa, có dấu hoặc không dấu: tìm trong toàn văn bài, thẻ và chú thích ảnh",
    "</div>",
    "<ol class=\"md-search-result__list\" id=\"na-search-results\" aria-label=\"Kết quả tìm kiếm\"></ol>",
    "<button type=\"button\" class=\"md-button na-search__more\" hidden>Xem thêm kết quả</button>",
    "</div>",
    "</div>",
    "</div>",
    "</div>"
  ].join("\n");

  function labelOf(select) {
    return select.getAttribute("data-all") || "Tất cả";
  }

  function fillFacets(root, meta) {
    root.querySelectorAll("select[data-na-facet]").forEach(function (select) {
      var axis = select.getAttribute("data-na-facet");
      var rows = axis === "year"
        ? meta.years.filter(function (r) { return r[0] !== null; })
          .map(function (r) { return [String(r[0]), String(r[0]), r[2] - r[1] + 1]; })
        : meta.facets[axis];
      if (select.options.length > 1) return;
      rows.forEach(function (row) {
        var option = document.createElement("option");
        option.value = row[0];
        option.textContent = row[1] + " (" + row[2] + ")";
        select.appendChild(option);
      });
      select.options[0].textContent = labelOf(select);
    });
  }

  function chosenFilters(root) {
    var filters = {};
    root.querySelectorAll("select[data-na-facet]").forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-na-facet")] = select.value;
    });
    return filters;
  }

  function renderItem(record, wanted, labels) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(record[2], window.__naSearchSiteBase).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    NS.appendMarked(title, record[0], wanted);
    var facts = document.createElement("p");
    facts.className = "na-search-facts";
    facts.textContent = [record[1], record[3].join(", "), labels[record[5]]]
      .filter(Boolean).join(" · ");
    var lede = document.createElement("p");
    NS.appendMarked(lede, record[6], wanted);
    article.append(title, facts, lede);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function SearchBox(root) {
    this.root = root;
    this.index = new NS.Index(new URL(root.getAttribute("data-na-search"), location.href));
    window.__naSearchSiteBase = new URL(root.getAttribute("data-na-site"), location.href);
    this.input = root.querySelector(".md-search__input");
    this.status = root.querySelector(".md-search-result__meta");
    this.list = root.querySelector(".md-search-result__list");
    this.moreButton = root.querySelector(".na-search__more");
    this.toggle = document.getElementById("__search");
    this.generation = 0;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var self = this, timer = null;
    this.input.addEventListener("focus", function () { self.open(); });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, DEBOUNCE_MS);
    });
    this.root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      self.run();
    });
    this.root.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { self.run(); self.input.focus(); }, 0);
    });
    this.root.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { self.run(); });
    });
    this.moreButton.addEventListener("click", function () { self.showMore(); });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) self.input.focus(); else self.input.blur();
      });
    }
    this.root.addEventListener("keydown", function (event) { self.onKey(event); });
    document.addEventListener("keydown", function (event) { self.onGlobalKey(event); });
  };

  SearchBox.prototype.open = function () {
    if (this.toggle && !this.toggle.checked) this.toggle.checked = true;
    var root = this.root;
    return this.index.meta().then(function (meta) { fillFacets(root, meta); }, function () {});
  };

  /* The search in the address bar (replaceState: typing does not flood the history). */
  SearchBox.prototype.remember = function (text) {
    var url = new URL(location.href), params = url.searchParams;
    ["q", "sort"].concat(FACETS).forEach(function (key) { params.delete(key); });
    if (text) {
      params.set("q", text);
      var sort = this.root.querySelector("select[data-na-sort]").value;
      if (sort !== "date") params.set("sort", sort);
      var filters = chosenFilters(this.root);
      FACETS.forEach(function (key) { if (filters[key]) params.set(key, filters[key]); });
    }
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  };

  /* A shared address (?q=…): open the search with its query, filters and order, and run it. */
  SearchBox.prototype.restore = async function () {
    var params = new URL(location.href).searchParams;
    var text = params.get("q");
    if (!text) return;
    this.input.value = text;
    await this.open();
    var root = this.root;
    var sort = root.querySelector("select[data-na-sort]");
    if (params.get("sort") === "relevance") sort.value = "relevance";
    FACETS.forEach(function (key) {
      var select = root.querySelector('select[data-na-facet="' + key + '"]');
      if (select && params.get(key)) select.value = params.get(key);
    });
    await this.run();
  };

  SearchBox.prototype.close = function () {
    if (this.toggle) this.toggle.checked = false;
    this.input.blur();
  };

  SearchBox.prototype.onGlobalKey = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var editing = target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!editing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      this.input.focus();
      this.input.select();
    }
  };

  SearchBox.prototype.onKey = function (event) {
    var links = Array.from(this.list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "ArrowDown" && (event.target === this.input || at >= 0)) {
      event.preventDefault();
      if (links.length) links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) this.input.focus(); else links[at - 1].focus();
    }
  };

  SearchBox.prototype.say = function (text) {
    this.status.textContent = text;
  };

  SearchBox.prototype.run = async function () {
    var generation = ++this.generation;
    var text = this.input.value.trim();
    this.list.replaceChildren();
    this.moreButton.hidden = true;
    this.remember(NS.parseQuery(text).syllables.length ? text : "");
    if (!NS.parseQuery(text).syllables.length) {
      this.search = null;
      // The index holds headline, tags and the whole text (newsarchive.site.search.indexed_text).
      this.say("Nhập từ khóa, có dấu hoặc không dấu (ví dụ: dang bo van phong); " +
        "tìm trong toàn văn bài, thẻ và chú thích ảnh");
      return;
    }
    var sort = this.root.querySelector("select[data-na-sort]").value;
    var filters = chosenFilters(this.root);
    this.search = new NS.Search(this.index, text, filters, sort);
    this.fellBack = false;
    this.say("Đang tìm…");
    await this.showMore(generation);
    if (generation !== this.generation || !this.search.exact || this.search.total()) return;
    // Nothing holds these exact words: say so, and show what matches without diacritics.
    this.search = new NS.Search(this.index, text, filters, sort, undefined, false);
    this.fellBack = true;
    await this.showMore(generation);
  };

  SearchBox.prototype.showMore = async function (generation) {
    generation = generation || this.generation;
    var search = this.search;
    try {
      var ids = await search.more();
      var records = await this.index.records(ids);
      var meta = await this.index.meta();
      if (generation !== this.generation) return;
      if (search.exact && search.done && !search.total()) return;  // run() falls back
      var wanted = new Set(search.query.syllables);
      var labels = Object.fromEntries(meta.facets.type.map(function (r) { return [r[0], r[1]]; }));
      var list = this.list;
      records.forEach(function (record) { list.appendChild(renderItem(record, wanted, labels)); });
      this.report(search);
    } catch (error) {
      if (generation === this.generation) this.say("Không tải được chỉ mục tìm kiếm.");
      throw error;
    }
  };

  /* "12 kết quả …, mới nhất trước" plus what the diacritics did: "có đúng dấu" when they
     narrowed the search, or that nothing had them when the search fell back. */
  SearchBox.prototype.report = function (search) {
    var count = search.total();
    var quoted = "“" + this.input.value.trim() + "”";
    this.moreButton.hidden = search.done;
    this.root.setAttribute("data-na-state", search.done ? "done" : "more");
    var order = search.sort === "relevance" ? ", phù hợp nhất trước" : ", mới nhất trước";
    var known = search.done || search.ranked || count > search.found.length;
    var counted = (known ? "" : "Hơn ") + count + " kết quả";
    var text;
    if (count === 0) {
      text = "Không tìm thấy kết quả cho " + quoted;
    } else if (this.fellBack) {
      text = "Không có bài nào có đúng " + quoted + " (có dấu). " + counted +
        " khi không phân biệt dấu" + order;
    } else if (search.exact) {
      text = counted + " có đúng " + quoted + " (có dấu, các từ liền nhau)" + order +
        ". Gõ không dấu để tìm rộng hơn.";
    } else {
      text = counted + " cho " + quoted + order;
    }
    this.say(text);
  };

  function start() {
    // A generated page (overrides/archive.html) has no Material bundle to say that
    // scripts run; Material's CSS hides the search box on a "no-js" page.
    document.documentElement.classList.replace("no-js", "js");
    document.querySelectorAll("[data-na-search]").forEach(function (root) {
      if (!root.querySelector("form")) root.innerHTML = DIALOG;
      root.naSearch = new SearchBox(root);
      root.naSearch.restore();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
