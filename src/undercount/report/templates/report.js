// Printing opens every collapsed table of details, and closes them again afterwards.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
  });
})();

// The searchable list of people. The rows arrive gzip-compressed in base64 inside the page and
// are unpacked with the browser's own DecompressionStream: nothing is fetched.
(function () {
  "use strict";
  var holder = document.getElementById("persons-data");
  if (!holder) { return; }
  var table = document.getElementById("persons-table");
  var body = table.querySelector("tbody");
  var input = document.getElementById("persons-search");
  var status = document.getElementById("persons-status");
  var more = document.getElementById("persons-more");
  var PAGE = 200;
  var PRINT_ALL_UP_TO = 5000;
  var doc = null, haystacks = [], matches = [], shown = 0;

  // Cyrillic (Russian and Kazakh) to plain Latin, then the Latin spellings that vary most
  // folded together, so "Zhanar", "Janar" and "Жанар" find each other.
  var LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"
  };
  function fold(text) {
    var lower = text.toLowerCase().replace(/[\u0400-\u04ff]/g, function (c) {
      return LATIN[c] !== undefined ? LATIN[c] : c;
    });
    return lower.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/zh/g, "j").replace(/kh/g, "h").replace(/q/g, "k").replace(/w/g, "u")
      .replace(/[yı]/g, "i").replace(/[^a-z0-9\- ]+/g, " ");
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function renderRow(person) {
    var tr = document.createElement("tr");
    var id = document.createElement("th");
    id.scope = "row";
    id.className = "num";
    id.textContent = person[0];
    tr.appendChild(id);
    if (doc.named) {
      var names = cell(tr, "", "names");
      var spellings = person[1].split(" · ");
      var primary = document.createElement("span");
      primary.className = "primary";
      primary.textContent = spellings[0];
      names.appendChild(primary);
      if (spellings.length > 1) {
        var others = document.createElement("span");
        others.className = "other";
        others.textContent = spellings.slice(1).join(" · ");
        names.appendChild(others);
      }
    }
    cell(tr, person[2]);
    cell(tr, person[3], "num nowrap");
    cell(tr, person[4], "nowrap");
    cell(tr, person[5]);
    cell(tr, person[6]);
    var lists = cell(tr, "");
    person[7].forEach(function (index) {
      var chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = doc.sources[index];
      lists.appendChild(chip);
    });
    if (doc.named) { cell(tr, person[8]); }
    return tr;
  }

  function showMore(limit) {
    var fragment = document.createDocumentFragment();
    var end = Math.min(matches.length, shown + limit);
    for (var i = shown; i < end; i++) { fragment.appendChild(renderRow(doc.rows[matches[i]])); }
    body.appendChild(fragment);
    shown = end;
    more.hidden = shown >= matches.length;
    var total = doc.rows.length;
    var query = input.value.trim();
    status.textContent = (query ? matches.length.toLocaleString("en") + " of " : "") +
      total.toLocaleString("en") + " people" + (query ? " match" : "") +
      (shown < matches.length ? "; showing the first " + shown.toLocaleString("en") : "") + ".";
  }

  function search() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    matches = [];
    for (var i = 0; i < haystacks.length; i++) {
      var hay = haystacks[i], hit = true;
      for (var t = 0; t < terms.length && hit; t++) { hit = hay.indexOf(terms[t]) !== -1; }
      if (hit) { matches.push(i); }
    }
    body.textContent = "";
    shown = 0;
    showMore(PAGE);
  }

  function load(text) {
    doc = JSON.parse(text);
    haystacks = doc.rows.map(function (p) {
      var lists = p[7].map(function (i) { return doc.sources[i]; }).join(" ");
      return " " + fold([p[0], p[1], p[4], p[5], p[6], lists].join(" "));
    });
    input.addEventListener("input", search);
    more.addEventListener("click", function () { showMore(PAGE); });
    window.addEventListener("beforeprint", function () {
      if (matches.length <= PRINT_ALL_UP_TO) { showMore(matches.length); }
    });
    // report.html#search=Kasymov opens with that search: a link to one person, shareable.
    var linked = /^#search=(.*)$/.exec(window.location.hash);
    if (linked) { input.value = decodeURIComponent(linked[1]); }
    search();
  }

  if (typeof DecompressionStream === "undefined") {
    status.textContent = "This browser cannot open the list; use a current Firefox, Chrome, Edge or Safari.";
    return;
  }
  var bytes = Uint8Array.from(atob(holder.textContent.trim()), function (c) { return c.charCodeAt(0); });
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(stream).text().then(load).catch(function () {
    status.textContent = "The list of people could not be read from this file.";
  });
})();
