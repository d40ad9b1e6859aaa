// The partner-cities map: a progressive enhancement of the table beside it, which holds the same
// data and works without JavaScript. Every marker can be reached with Tab and opened with Enter.
(function () {
  "use strict";
  var container = document.getElementById("partner-map");
  var data = document.getElementById("partner-map-data");
  if (!container || !data || !window.L) {
    return;
  }
  var points = JSON.parse(data.textContent);
  if (!points.length) {
    return;
  }
  container.hidden = false;
  // Leaflet's own control labels are English; the page gives them in its language.
  var map = L.map(container, { scrollWheelZoom: false, worldCopyJump: true, zoomControl: false });
  L.control
    .zoom({ zoomInTitle: container.dataset.zoomIn, zoomOutTitle: container.dataset.zoomOut })
    .addTo(map);
  L.tileLayer(container.dataset.tiles, {
    attribution: container.dataset.attribution,
    maxZoom: 18,
  }).addTo(map);

  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lng], {
      title: point.name,
      alt: point.name + " (" + point.country + ")",
      keyboard: true,
      riseOnHover: true,
    }).addTo(map);
    var popup = document.createElement("div");
    popup.setAttribute("dir", document.documentElement.dir);
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(point.country + " · " + point.kind));
    marker.bindPopup(popup);
    // Keyboard users land in the popup they opened, and go back to its marker when it closes.
    // Its close button is outside `popup` and may already be gone, leaving the focus on <body>.
    marker.on("popupopen", function () {
      var close = marker.getPopup().getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", container.dataset.close);
        close.setAttribute("title", container.dataset.close);
      }
      link.focus();
    });
    marker.on("popupclose", function () {
      var icon = marker.getElement();
      var active = document.activeElement;
      var element = marker.getPopup().getElement();
      if (icon && (!active || active === document.body || (element && element.contains(active)))) {
        icon.focus();
      }
    });
    bounds.push([point.lat, point.lng]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 6 });
  // Leaflet closes a popup on Escape only while the map itself has the focus, not a marker or
  // the popup's own link.
  container.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      map.closePopup();
    }
  });
})();
