// The offline viewer: reads window.FLICKR (viewer/data.js) and draws each
// view from the location hash. Every element is built with textContent, so
// nothing from Flickr is ever parsed as markup.
(function () {
  "use strict";
  var D = window.FLICKR || { photos: {}, stream: [], albums: [], collections: [], galleries: [], favorites: [] };
  var PAGE = 100;
  var main = document.getElementById("main");
  var albumsById = {};
  D.albums.forEach(function (a) { albumsById[a.id] = a; });
  var galleriesById = {};
  D.galleries.forEach(function (g) { galleriesById[g.id] = g; });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function link(href, text, attrs) {
    var a = el("a", attrs || {}, [text]);
    a.setAttribute("href", href);
    return a;
  }
  // A relative mirror path as a URL (each segment encoded: titles may hold # or ?).
  function url(path) {
    return path.split("/").map(encodeURIComponent).join("/");
  }
  function title(p) { return p.title || "(untitled " + p.id + ")"; }
  function tile(id) {
    var p = D.photos[id];
    if (!p) { return null; }
    var img = el("img", { src: url(p.thumb), alt: "", loading: "lazy" });
    // No thumbnail (a video from an export, a file that does not decode): say what it is.
    img.onerror = function () {
      img.replaceWith(el("div", { "class": "noimg" }, [p.video ? "\u25B6 video" : "no preview"]));
    };
    return el("a", { "class": "tile", href: "#photo/" + id, "data-photo": id, title: title(p) },
      [img, el("span", {}, [title(p)])]);
  }
  function grid(ids) {
    return el("div", { "class": "grid" }, ids.map(tile).filter(Boolean));
  }
  function show(heading, nodes) {
    main.textContent = "";
    main.appendChild(el("h1", {}, [heading]));
    nodes.forEach(function (n) { main.appendChild(n); });
    document.title = heading + " · Flickr backup";
  }
  function albumList(list, kind) {
    return el("div", { "class": "grid" }, list.map(function (a) {
      var cover = a.photos.length && D.photos[a.photos[0]];
      var img = el("img", { src: cover ? url(cover.thumb) : "", alt: "" });
      img.onerror = function () { img.style.visibility = "hidden"; };
      var attrs = { "class": "tile", href: "#" + kind + "/" + a.id };
      attrs["data-" + kind] = a.id;
      return el("a", attrs, [img, el("span", {}, [(a.title || a.id) + " (" + a.photos.length + ")"])]);
    }));
  }

  function stream(page) {
    var n = Math.max(1, page || 1);
    var ids = D.stream.slice((n - 1) * PAGE, n * PAGE);
    var pages = Math.max(1, Math.ceil(D.stream.length / PAGE));
    var pager = el("p", { "class": "pager" }, []);
    if (n > 1) { pager.appendChild(link("#stream/" + (n - 1), "← newer")); }
    pager.appendChild(document.createTextNode("page " + n + " of " + pages));
    if (n < pages) { pager.appendChild(link("#stream/" + (n + 1), "older →")); }
    var nodes = [grid(ids), pager];
    if (n === 1 && D.albums.length) {
      nodes.push(el("h2", {}, ["Albums"]), albumList(D.albums, "album"));
    }
    show("Photostream", nodes);
  }
  function set(s, kind) {
    if (!s) { return show("Not found", []); }
    show(s.title || s.id, [el("p", { "class": "note" }, [s.description || ""]), grid(s.photos)]);
  }
  function collections() {
    function node(c) {
      var items = c.albums.map(function (id) {
        var a = albumsById[id];
        return el("li", {}, [a ? link("#album/" + id, a.title || id, { "data-album": id }) : id]);
      });
      c.collections.forEach(function (child) { items.push(el("li", {}, [node(child)])); });
      return el("div", {}, [el("strong", {}, [c.title || c.id]), el("ul", { "class": "tree" }, items)]);
    }
    show("Collections", D.collections.length ? D.collections.map(node) : [el("p", {}, ["No collections."])]);
  }
  function photo(id) {
    var p = D.photos[id];
    if (!p) { return show("Not found", [el("p", {}, ["No photo " + id + " in this backup."])]); }
    var media;
    if (!p.file) {
      media = el("p", { "class": "note" }, ["The file is not in the backup yet."]);
    } else if (p.video) {
      media = el("video", { src: url(p.file), controls: "" });
    } else {
      media = el("img", { src: url(p.file), alt: title(p) });
    }
    var meta = el("dl", { "class": "meta" }, []);
    function row(name, value) {
      if (value === null || value === undefined || value === "" || (value.length === 0)) { return; }
      meta.appendChild(el("dt", {}, [name]));
      meta.appendChild(el("dd", {}, [value]));
    }
    row("Description", p.description);
    row("Taken", p.taken || "unknown");
    if (p.uploaded) { row("Uploaded", new Date(p.uploaded * 1000).toISOString().slice(0, 10)); }
    if (p.place) { row("Place", p.place.lat + ", " + p.place.lon); }
    if (p.license) { row("Licence", p.license.name); }
    row("Owner", p.owner);
    if (p.tags.length) {
      row("Tags", el("span", { "class": "tags" }, p.tags.map(function (t) {
        return link("#search/" + encodeURIComponent(t), t);
      })));
    }
    if (p.albums.length) {
      row("Albums", el("span", {}, p.albums.map(function (a) {
        return link("#album/" + a, (albumsById[a] && albumsById[a].title) || a);
      })));
    }
    if (p.file) { row("File", link(url(p.file), p.file)); }
    if (p.deleted) { row("Note", "Deleted on Flickr; kept here."); }
    var nodes = [el("div", { "class": "photo" }, [media]), meta];
    if (p.comments && p.comments.length) {
      nodes.push(el("h2", {}, ["Comments"]));
      p.comments.forEach(function (c) {
        nodes.push(el("div", { "class": "comment" }, [el("strong", {}, [String(c.author || "")]), " ", c.text]));
      });
    }
    show(title(p), nodes);
  }
  function search(q) {
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    var box = document.getElementById("search");
    if (box.value !== q) { box.value = q; }
    var ids = Object.keys(D.photos).filter(function (id) {
      var p = D.photos[id];
      var hay = (p.title + " " + p.tags.join(" ")).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    show("Search: " + q, [el("p", {}, [ids.length + " found"]), grid(ids)]);
  }

  function route() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    var slash = h.indexOf("/");
    var view = slash < 0 ? h : h.slice(0, slash);
    var arg = slash < 0 ? "" : h.slice(slash + 1);
    switch (view) {
      case "photo": return photo(arg);
      case "albums": return show("Albums", [albumList(D.albums, "album")]);
      case "album": return set(albumsById[arg], "album");
      case "collections": return collections();
      case "galleries": return show("Galleries", [albumList(D.galleries, "gallery")]);
      case "gallery": return set(galleriesById[arg], "gallery");
      case "favorites": return show("Favorites", [grid(D.favorites)]);
      case "search": return search(arg);
      case "stream": return stream(parseInt(arg, 10));
      default: return stream(1);
    }
  }
  document.getElementById("search").addEventListener("change", function (e) {
    location.hash = "#search/" + encodeURIComponent(e.target.value);
  });
  window.addEventListener("hashchange", route);
  route();
})();
