/* AG Grid's script, loaded only when a page shows a grid (dashboard/ui/lazy_grid.py).
   The page's HTML names the script in <meta name="tracker-grid-script">; the first grid loads
   it (once), then draws itself from its props. Same origin, so the page's CSP allows it. */
(function () {
  let loading = null;

  function loadGridLibrary() {
    if (window.dash_ag_grid) { return Promise.resolve(); }
    if (loading) { return loading; }
    const meta = document.querySelector('meta[name="tracker-grid-script"]');
    if (!meta) { return Promise.reject(new Error('no tracker-grid-script meta')); }
    loading = new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = meta.content;
      script.onload = function () { resolve(); };
      script.onerror = function () { loading = null; reject(new Error('grid script failed')); };
      document.head.appendChild(script);
    });
    return loading;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    tracker_grid: {
      draw: function (props) {
        if (!props) { return window.dash_clientside.no_update; }
        return loadGridLibrary().then(function () {
          return {namespace: 'dash_ag_grid', type: 'AgGrid', props: props};
        });
      },
    },
  });
})();
