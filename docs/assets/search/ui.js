/*
 * The header search box: Material's markup (overrides/partials/search.html) driven by
 * the archive's own index (search.js). Keyboard: "/" (or "s", "f", as in Material)
 * focuses the box, ↓/↑ move through results, Esc closes. Results are announced
 * through a polite live region. All data is written with textContent.
 */
(function () {
  "use strict";

  var NS = window.NewsarchiveSearch;
  var DEBOUNCE_MS = 120;

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
    this.index.meta().then(function (meta) { fillFacets(root, meta); }, function () {});
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
    if (!NS.parseQuery(text).syllables.length) {
      this.search = null;
      this.say("Nhập từ khóa, có dấu hoặc không dấu (ví dụ: dang bo van phong)");
      return;
    }
    var sort = this.root.querySelector("select[data-na-sort]").value;
    this.search = new NS.Search(this.index, text, chosenFilters(this.root), sort);
    this.say("Đang tìm…");
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

  SearchBox.prototype.report = function (search) {
    var count = search.total();
    var text = this.input.value.trim();
    this.moreButton.hidden = search.done;
    this.root.setAttribute("data-na-state", search.done ? "done" : "more");
    if (count === 0) {
      this.say("Không tìm thấy kết quả cho “" + text + "”");
    } else if (search.done || search.ranked || count > search.found.length) {
      this.say(count + " kết quả cho “" + text + "”");
    } else {
      this.say("Hơn " + count + " kết quả cho “" + text + "”" +
        (search.sort === "relevance" ? "" : ", mới nhất trước"));
    }
  };

  function start() {
    document.querySelectorAll("[data-na-search]").forEach(function (root) {
      root.naSearch = new SearchBox(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
