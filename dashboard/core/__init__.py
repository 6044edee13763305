"""The pure core: periods, catalogue types, the progress method (pandas only; no Dash or SQL)."""
