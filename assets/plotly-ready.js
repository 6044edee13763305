/* window.Plotly is a promise of plotly.js until the tracker's bundle, loaded with
 * <script async>, has run (dashboard/ui/plotly_bundle.py says why). dcc.Graph waits on it;
 * plotly.js replaces it with itself when it runs. Should the bundle fail to load (or its error
 * come before this script could listen: then nothing arrives in 30 s), Dash's own
 * plotly.min.js is loaded instead, as dcc.Graph would have done. */
(function () {
  'use strict';
  if (window.Plotly) {
    return; // the bundle has run already
  }
  var bundle = document.querySelector('script[data-plotly-bundle]');
  if (!bundle) {
    return; // no bundle on this page: dcc.Graph loads Dash's plotly.min.js itself
  }
  window.Plotly = new Promise(function (resolve, reject) {
    var settled = false;
    function ready() {
      settled = true;
      resolve(window.Plotly);
    }
    function loadDashsOwn() {
      if (settled) {
        return;
      }
      settled = true;
      var full = document.createElement('script');
      // dash-renderer sets _dashPlotlyJSURL only once it has started; the tag knows it too.
      full.src = window._dashPlotlyJSURL || bundle.getAttribute('data-plotly-fallback');
      full.onload = function () {
        resolve(window.Plotly);
      };
      full.onerror = reject;
      document.body.appendChild(full);
    }
    bundle.addEventListener('load', ready);
    bundle.addEventListener('error', loadDashsOwn);
    setTimeout(loadDashsOwn, 30000);
  });
})();
