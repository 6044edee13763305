"""The baseline of bench_load.py: Dash's own hello world (one input, one callback), served by
gunicorn exactly as the tracker is, so that ratios between the two mean something."""

from dash import Dash, Input, Output, dcc, html

app = Dash(__name__, serve_locally=True, update_title=None)
app.layout = html.Div(
    [dcc.Input(id="hello-input", value="world", type="text"), html.Div(id="hello-output")]
)


@app.callback(Output("hello-output", "children"), Input("hello-input", "value"))
def greet(value: str) -> str:
    return f"Hello, {value}"


server = app.server
# Dash's first-request set-up, run before gunicorn listens, as the tracker's factory does: Dash
# 4.4.1 marks it done before it has registered its scripts, and a fresh worker answered the
# scripts a browser asks for together with the page with 500s (a flaky baseline). It changes
# nothing a request costs once the worker is up.
with server.app_context():
    app._setup_server()
