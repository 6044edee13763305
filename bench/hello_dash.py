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
