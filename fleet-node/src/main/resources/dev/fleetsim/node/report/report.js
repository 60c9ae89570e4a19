// Draws the report's charts (the JSON in #chart-data, see Chart.java) with ECharts, inlined above this script.
// Charts render as SVG so their labels are text in the DOM; animation is off so a headless browser's snapshot
// shows the finished charts. The page marks itself with how many charts it drew, or the first error.
(function () {
  'use strict';
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#7f7f7f', '#bcbd22'];
  var DASH = ['solid', 'dashed', 'dotted'];
  var SYMBOL = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'];
  var LOG_ICON = 'path://M2,28 L2,2 M2,28 L30,28 M4,24 C10,10 18,6 30,4';

  function bytes(v) {
    var units = ['B', 'K', 'M', 'G', 'T', 'P'];
    var i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (+v.toPrecision(4)) + units[i];
  }

  function exact(axis, v) {
    if (axis.unit === 'bytes') { return bytes(v); }
    var text = Math.abs(v) >= 1000 ? v.toLocaleString('en-US', {maximumFractionDigits: 1})
      : String(+v.toPrecision(5));
    return axis.unit ? text + ' ' + axis.unit : text;
  }

  function tick(axis, v) {
    if (axis.unit === 'bytes') { return bytes(v); }
    return Math.abs(v) >= 10000 ? v.toLocaleString('en-US', {maximumFractionDigits: 0}) : String(+v.toPrecision(4));
  }

  function axisOption(axis, isX) {
    var option = {
      name: axis.name, nameLocation: 'middle', nameGap: isX ? 30 : 55,
      type: axis.scale, axisLabel: {hideOverlap: true}, splitLine: {show: true}
    };
    if (axis.scale === 'category') {
      option.data = axis.categories;
      option.axisLabel.interval = 0;
      option.axisLabel.rotate = axis.categories.some(function (c) { return c.length > 12; }) ? 25 : 0;
    } else {
      option.axisLabel.formatter = function (v) { return tick(axis, v); };
      option.scale = axis.scale === 'log';
      if (axis.scale === 'log') { option.logBase = axis.logBase; }
    }
    return option;
  }

  function errorBars(name, points, color) {
    return {
      type: 'custom', name: name, data: points.filter(function (p) { return p.length > 3; })
        .map(function (p) { return [p[0], p[2], p[3]]; }),
      itemStyle: {color: color}, z: 10, tooltip: {show: false},
      renderItem: function (params, api) {
        var low = api.coord([api.value(0), api.value(1)]);
        var high = api.coord([api.value(0), api.value(2)]);
        var style = {stroke: color, lineWidth: 1.5};
        var cap = 5;
        return {type: 'group', children: [
          {type: 'line', shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: style},
          {type: 'line', shape: {x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1]}, style: style},
          {type: 'line', shape: {x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1]}, style: style}
        ]};
      }
    };
  }

  function tooltip(spec) {
    return function (items) {
      items = [].concat(items).filter(function (i) { return i.seriesType !== 'custom'; });
      if (items.length === 0) { return ''; }
      var first = items[0];
      var x = spec.x.scale === 'category' ? spec.x.categories[first.value[0]] : exact(spec.x, first.value[0]);
      return [spec.x.name + ': ' + x].concat(items.map(function (i) {
        var v = i.value;
        var interval = v.length > 3 ? ' (95%: ' + exact(spec.y, v[2]) + ' to ' + exact(spec.y, v[3]) + ')' : '';
        return i.marker + i.seriesName + ': <b>' + exact(spec.y, v[1]) + '</b>' + interval;
      })).join('<br>');
    };
  }

  function option(spec) {
    var series = [];
    spec.series.forEach(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      var line = {
        name: s.name, type: spec.kind === 'stacked' ? 'bar' : spec.kind, data: s.points,
        itemStyle: {color: color}, encode: {x: 0, y: 1}
      };
      if (spec.kind === 'stacked') { line.stack = 'total'; }
      if (spec.kind === 'line') {
        line.lineStyle = {width: 2, type: DASH[i % DASH.length]};
        line.symbol = SYMBOL[i % SYMBOL.length];
        line.symbolSize = 7;
        line.showSymbol = s.points.length <= 50;
      }
      series.push(line);
      if (s.points.some(function (p) { return p.length > 3; })) { series.push(errorBars(s.name, s.points, color)); }
    });
    var zoom = spec.x.scale === 'category' ? [] : [
      {type: 'inside', xAxisIndex: 0, filterMode: 'none'},
      {type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 6}
    ];
    return {
      animation: false,
      title: {text: spec.title, left: 'center', textStyle: {fontSize: 15}},
      legend: {type: 'scroll', top: 26, data: spec.series.map(function (s) { return s.name; })},
      tooltip: {trigger: spec.kind === 'line' ? 'axis' : 'item', formatter: tooltip(spec), confine: true},
      toolbox: {right: 10, top: 0, feature: {
        dataZoom: {yAxisIndex: 'none'}, restore: {},
        myLog: {show: positive(spec), title: 'linear / log y', icon: LOG_ICON,
          onclick: function () { toggleLog(spec); }}
      }},
      grid: {left: 75, right: 30, top: 70, bottom: zoom.length ? 70 : 60, containLabel: true},
      xAxis: axisOption(spec.x, true), yAxis: axisOption(spec.y, false),
      dataZoom: zoom, series: series
    };
  }

  // a log scale cannot show zero or less
  function positive(spec) {
    return spec.series.every(function (s) { return s.points.every(function (p) { return p[1] > 0; }); });
  }

  function toggleLog(spec) {
    spec.y = Object.assign({}, spec.y, {scale: spec.y.scale === 'log' ? 'value' : 'log', logBase: 10});
    charts[spec.id].setOption({yAxis: axisOption(spec.y, false)});
  }

  var specs = JSON.parse(document.getElementById('chart-data').textContent);
  var charts = {};
  var drawn = 0;
  try {
    specs.forEach(function (spec) {
      var el = document.querySelector('[data-chart="' + spec.id + '"]');
      var chart = echarts.init(el, null, {renderer: 'svg'});
      charts[spec.id] = chart;
      chart.setOption(option(spec));
      window.addEventListener('resize', function () { chart.resize(); });
      drawn++;
    });
  } catch (e) {
    document.documentElement.setAttribute('data-chart-error', String(e));
  }
  document.documentElement.setAttribute('data-charts-drawn', String(drawn));
  document.documentElement.setAttribute('data-page-height', String(document.documentElement.scrollHeight));
}());
