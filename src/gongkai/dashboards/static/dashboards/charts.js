/* The dashboards' charts: each .chart[data-chart] gets the ECharts option of the same key from
   the JSON in #chart-options (no inline script: the Content-Security-Policy allows none).
   A click on a bar or a point opens the records it counts (option.links[series][index]). */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("chart-options");
    if (!source || !window.echarts) return;
    var all = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var option = all[el.dataset.chart];
      if (!option) { el.hidden = true; return; }
      var links = option.links || [];
      delete option.links;
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      chart.on("click", function (params) {
        var url = (links[params.seriesIndex] || [])[params.dataIndex];
        if (url) window.location.href = url;
      });
      el.dataset.rendered = "true";
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
