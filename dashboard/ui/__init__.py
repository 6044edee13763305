"""Dash pages, components and their callbacks. Reads through the store; never writes SQL."""
